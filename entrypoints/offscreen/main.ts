import { handleMessages, sendToExtension } from '../../lib/messaging';
import { createExtensionAnalysisHost } from '../../lib/models/analysis-host';

// Chrome's offscreen document: owns the one inference worker that every tab's analysis goes through.
const host = createExtensionAnalysisHost();
/** Set once the agent picks a model: the stored choice replayed at start-up must not undo it. */
let hasExplicitChoice = false;

handleMessages({
  analyzeConversation: ({ conversation, progressToken }) =>
    host.analyze(
      conversation,
      progressToken === undefined
        ? undefined
        : (result) => {
            void sendToExtension('reportAnalysisProgress', { progressToken, result }).catch(() => {
              // The background restarted meanwhile: the full result still answers the request.
            });
          },
    ),
  analyzeDraft: ({ text }) => host.analyzeText(text),
  selectMoodModel: ({ restore, ...selection }) => {
    if (restore && hasExplicitChoice) return host.moodModelState();
    if (!restore) hasExplicitChoice = true;
    return host.selectMoodModel(selection);
  },
  getMoodModelState: () => host.moodModelState(),
});
