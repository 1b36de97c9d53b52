import { handleMessages } from '../../lib/messaging';
import { createExtensionAnalysisHost } from '../../lib/models/analysis-host';

// Chrome's offscreen document: owns the one inference worker that every tab's analysis goes through.
const host = createExtensionAnalysisHost();
/** Set once the agent picks a model: the stored choice replayed at start-up must not undo it. */
let hasExplicitChoice = false;

handleMessages({
  analyzeConversation: ({ conversation }) => host.analyze(conversation),
  analyzeDraft: ({ text }) => host.analyzeText(text),
  selectMoodModel: ({ restore, ...selection }) => {
    if (restore && hasExplicitChoice) return host.moodModelState();
    if (!restore) hasExplicitChoice = true;
    return host.selectMoodModel(selection);
  },
  getMoodModelState: () => host.moodModelState(),
});
