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
  // Why WebGPU cannot run the writing model (`WebGpuCapabilities.reasonCode`); `{detail}` is the browser's own error.
  'writingModel.webgpu.no-webgpu':
    'This browser has no WebGPU (Chrome or Edge 113+ on a desktop is needed; Firefox only in some versions).',
  'writingModel.webgpu.refused': 'WebGPU refused to start: {detail}',
  'writingModel.webgpu.no-adapter':
    'WebGPU is switched on but found no usable graphics adapter (blocklisted driver or no GPU).',
  'writingModel.webgpu.limits-too-small':
    "The graphics adapter's limits are too small for the writing model (buffer {buffer} MiB, storage binding {binding} MiB).",
  // Why one model is left out (`ExcludedModel.code`); `{build}` is q4f16 or q4f32, sizes are whole MiB.
  'writingModel.excluded.webgpu-unavailable': 'WebGPU is not available.',
  'writingModel.excluded.not-a-chat-model': 'Not a general chat model.',
  'writingModel.excluded.quantization.f16': 'The {build} build is used on this GPU (it has shader-f16).',
  'writingModel.excluded.quantization.f32': 'This GPU has no shader-f16, so only {build} builds run.',
  'writingModel.excluded.needs-shader-f16': 'Needs the shader-f16 GPU feature, which this adapter lacks.',
  'writingModel.excluded.buffer-size': 'Needs GPU buffers of {needed} MiB; this adapter allows {allowed} MiB.',
  'writingModel.excluded.buffer-size.reduced':
    'This adapter only allows small GPU buffers; the model is not built for that.',
  'writingModel.excluded.memory': 'Needs about {needed} MiB of GPU memory; about {budget} MiB can be spared here.',
  'writingModel.excluded.not-offered':
    'Rapport ships no checked program library for this model, so it does not run it.',
  'writingModel.noModel.gpu': 'No writing model can run on this GPU.',
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
  'writingModel.webgpu.no-webgpu':
    'Dieser Browser hat kein WebGPU (nötig ist Chrome oder Edge ab Version 113 auf einem Desktop-Computer; Firefox nur in manchen Versionen).',
  'writingModel.webgpu.refused': 'WebGPU ließ sich nicht starten: {detail}',
  'writingModel.webgpu.no-adapter':
    'WebGPU ist eingeschaltet, findet aber keinen nutzbaren Grafikadapter (Treiber gesperrt oder keine Grafikkarte).',
  'writingModel.webgpu.limits-too-small':
    'Die Grenzwerte des Grafikadapters sind zu klein für das Schreibmodell (Puffer {buffer} MiB, Speicherbindung {binding} MiB).',
  'writingModel.excluded.webgpu-unavailable': 'WebGPU ist nicht verfügbar.',
  'writingModel.excluded.not-a-chat-model': 'Kein allgemeines Chat-Modell.',
  'writingModel.excluded.quantization.f16':
    'Auf dieser Grafikkarte wird die {build}-Fassung verwendet (sie unterstützt shader-f16).',
  'writingModel.excluded.quantization.f32':
    'Diese Grafikkarte unterstützt kein shader-f16, daher laufen nur {build}-Fassungen.',
  'writingModel.excluded.needs-shader-f16': 'Braucht die GPU-Funktion shader-f16, die dieser Adapter nicht hat.',
  'writingModel.excluded.buffer-size': 'Braucht GPU-Puffer von {needed} MiB; dieser Adapter erlaubt {allowed} MiB.',
  'writingModel.excluded.buffer-size.reduced':
    'Dieser Adapter erlaubt nur kleine GPU-Puffer; dafür ist das Modell nicht gebaut.',
  'writingModel.excluded.memory':
    'Braucht etwa {needed} MiB Grafikspeicher; hier stehen etwa {budget} MiB zur Verfügung.',
  'writingModel.excluded.not-offered':
    'Für dieses Modell bringt Rapport keine geprüfte Programmbibliothek mit und führt es deshalb nicht aus.',
  'writingModel.noModel.gpu': 'Auf dieser Grafikkarte kann kein Schreibmodell laufen.',
};
