import { createExtensionAnalysisHost } from '../../lib/models/analysis-host';
import { serveMoodEngine } from '../../lib/models/mood-engine-offscreen';

// Chrome's offscreen document: owns the one inference worker that every tab's analysis goes through, and serves
// the background's mood-engine port (lib/models/mood-engine.ts).
serveMoodEngine(createExtensionAnalysisHost());
