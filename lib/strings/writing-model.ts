/**
 * Why drafts come from the team templates instead of the on-device writing model (no WebGPU, too little memory, a
 * refused program library, a download not yet agreed to), said in the panel in the agent's language.
 */
export const en = {
  'writingModel.fallback.model/webgpu-unavailable':
    'This browser or computer cannot run the on-device writing model (no WebGPU), so drafts come from your team templates.',
  'writingModel.fallback.model/out-of-memory':
    'The writing model needs more graphics memory than this computer has free, so drafts come from your team templates. A smaller model may work.',
  'writingModel.fallback.model/device-lost':
    'The graphics card stopped responding while writing, so drafts come from your team templates until the panel is reopened.',
  'writingModel.fallback.model/download-failed':
    'The writing model could not be downloaded (offline, or the model host is unreachable), so drafts come from your team templates.',
  'writingModel.fallback.model/load-failed':
    'The writing model could not be started on this computer, so drafts come from your team templates.',
  'writingModel.fallback.model/library-unverified':
    "The writing model's program library did not match the checksum shipped with Rapport, so it was not run and drafts come from your team templates.",
  'writingModel.badMirror':
    'The model mirror in settings is not a secure https address (plain http only for localhost), so nothing is downloaded from it. Drafts come from your team templates.',
  'writingModel.approval':
    'The writing model {model} ({size}) is not downloaded yet. Until you agree to the download, drafts come from your team templates.',
  'writingModel.approximateSize': 'about {size}',
  'writingModel.refusal.not-offered':
    'Rapport ships no checked program library for the writing model {model}, so it cannot run it. Drafts come from your team templates.',
  'writingModel.refusal.unpinned':
    'This build of Rapport has no checksum for the writing model\'s program library {file}, so it cannot run it and downloads nothing. Drafts come from your team templates. (Whoever builds Rapport adds the checksums with "npm run pin-webllm".)',
  'writingModel.refusal.mismatch-cache':
    "The writing model's program library {file} stored in this browser has changed and no longer matches the checksum shipped with Rapport. It was deleted and not run. Drafts come from your team templates.",
  'writingModel.refusal.mismatch':
    "The writing model's program library {file} from {host} does not match the checksum shipped with Rapport, so it was not run. Drafts come from your team templates.",
  'writingModel.refusal.wrong-url':
    "The writing model's program library {file} was to come from {url}, not from the pinned release, so it is not run. Drafts come from your team templates.",
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'writingModel.fallback.model/webgpu-unavailable':
    'Dieser Browser oder Computer kann das Schreibmodell nicht auf dem Gerät ausführen (kein WebGPU). Entwürfe kommen daher aus den Team-Vorlagen.',
  'writingModel.fallback.model/out-of-memory':
    'Das Schreibmodell braucht mehr Grafikspeicher, als frei ist. Entwürfe kommen daher aus den Team-Vorlagen. Ein kleineres Modell kann helfen.',
  'writingModel.fallback.model/device-lost':
    'Die Grafikkarte hat beim Schreiben nicht mehr reagiert. Bis das Panel neu geöffnet wird, kommen Entwürfe aus den Team-Vorlagen.',
  'writingModel.fallback.model/download-failed':
    'Das Schreibmodell konnte nicht geladen werden (offline oder Modell-Server nicht erreichbar). Entwürfe kommen daher aus den Team-Vorlagen.',
  'writingModel.fallback.model/load-failed':
    'Das Schreibmodell konnte auf diesem Computer nicht gestartet werden. Entwürfe kommen daher aus den Team-Vorlagen.',
  'writingModel.fallback.model/library-unverified':
    'Die Programmbibliothek des Schreibmodells passte nicht zu der Prüfsumme, die Rapport mitbringt. Sie wurde nicht ausgeführt; Entwürfe kommen daher aus den Team-Vorlagen.',
  'writingModel.badMirror':
    'Der Modell-Spiegel in den Einstellungen ist keine sichere https-Adresse (http nur für localhost), daher wird nichts von ihm geladen. Entwürfe kommen aus den Team-Vorlagen.',
  'writingModel.approval':
    'Das Schreibmodell {model} ({size}) ist noch nicht geladen. Bis Sie dem Download zustimmen, kommen Entwürfe aus den Team-Vorlagen.',
  'writingModel.approximateSize': 'etwa {size}',
  'writingModel.refusal.not-offered':
    'Für das Schreibmodell {model} bringt Rapport keine geprüfte Programmbibliothek mit und führt es deshalb nicht aus. Entwürfe kommen aus den Team-Vorlagen.',
  'writingModel.refusal.unpinned':
    'Für die Programmbibliothek {file} des Schreibmodells enthält dieser Rapport-Build keine Prüfsumme; sie wird daher weder geladen noch ausgeführt. Entwürfe kommen aus den Team-Vorlagen. (Wer Rapport baut, ergänzt die Prüfsummen mit „npm run pin-webllm“.)',
  'writingModel.refusal.mismatch-cache':
    'Die im Browser gespeicherte Programmbibliothek {file} des Schreibmodells hat sich verändert und passt nicht mehr zu der Prüfsumme, die Rapport mitbringt. Sie wurde gelöscht und nicht ausgeführt. Entwürfe kommen aus den Team-Vorlagen.',
  'writingModel.refusal.mismatch':
    'Die Programmbibliothek {file} des Schreibmodells von {host} passt nicht zu der Prüfsumme, die Rapport mitbringt, und wurde nicht ausgeführt. Entwürfe kommen aus den Team-Vorlagen.',
  'writingModel.refusal.wrong-url':
    'Die Programmbibliothek {file} des Schreibmodells sollte von {url} kommen, nicht vom festgelegten Stand; sie wird nicht ausgeführt. Entwürfe kommen aus den Team-Vorlagen.',
};
