import { handleMessages } from '../../lib/messaging';
import { createExtensionAnalysisHost } from '../../lib/models/analysis-host';

// Chrome's offscreen document: owns the one inference worker that every tab's analysis goes through.
const host = createExtensionAnalysisHost();

handleMessages({
  analyzeConversation: ({ conversation }) => host.analyze(conversation),
  analyzeDraft: ({ text }) => host.analyzeText(text),
  selectMoodModel: (selection) => host.selectMoodModel(selection),
  getMoodModelState: () => host.moodModelState(),
});
