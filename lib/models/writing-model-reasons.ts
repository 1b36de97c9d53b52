/**
 * Why the on-device writing model cannot run here, in the agent's language. `lib/models/webgpu.ts` answers with codes
 * and numbers (`WebGpuCapabilities.reasonCode`, `ExcludedModel`); this turns them into the catalogue's sentences
 * (`writingModel.webgpu.*`, `writingModel.excluded.*`) for the settings page and wherever else a reason is shown.
 */
import { formatNumber, type Language, type Translate } from '../i18n';
import { type ExcludedModel, type ModelSelection, smallestMemoryShortfall, type WebGpuCapabilities } from './webgpu';

/** Whole MiB without grouping ("2264 MiB"), as web-llm's own estimates are written. */
function mebibytes(language: Language, amount: number): string {
  return formatNumber(language, Math.round(amount), { useGrouping: false });
}

/** Why WebGPU cannot run the writing model (the capabilities' `reasonCode`), as a sentence. */
export function describeWebGpuUnavailable(caps: WebGpuCapabilities, t: Translate, language: Language): string {
  switch (caps.reasonCode) {
    case 'no-webgpu':
      return t('writingModel.webgpu.no-webgpu');
    case 'refused':
      // The browser's own words for why it refused: they name the policy or flag to change.
      return t('writingModel.webgpu.refused', { detail: caps.reasonDetail ?? '' });
    case 'no-adapter':
      return t('writingModel.webgpu.no-adapter');
    case 'limits-too-small':
      return t('writingModel.webgpu.limits-too-small', {
        buffer: mebibytes(language, caps.maxBufferSize / 2 ** 20),
        binding: mebibytes(language, caps.maxStorageBufferBindingSize / 2 ** 20),
      });
    default:
      return t('writingModel.excluded.webgpu-unavailable');
  }
}

/** Why one model was left out (`selectModels`' `excluded`), as a sentence. */
export function describeExclusion(
  excluded: ExcludedModel,
  caps: WebGpuCapabilities,
  t: Translate,
  language: Language,
): string {
  switch (excluded.code) {
    case 'webgpu-unavailable':
      return describeWebGpuUnavailable(caps, t, language);
    case 'not-a-chat-model':
      return t('writingModel.excluded.not-a-chat-model');
    case 'quantization':
      return excluded.hasShaderF16
        ? t('writingModel.excluded.quantization.f16', { build: excluded.wanted })
        : t('writingModel.excluded.quantization.f32', { build: excluded.wanted });
    case 'needs-shader-f16':
      return t('writingModel.excluded.needs-shader-f16');
    case 'buffer-size':
      return excluded.neededBytes === undefined
        ? t('writingModel.excluded.buffer-size.reduced')
        : t('writingModel.excluded.buffer-size', {
            needed: mebibytes(language, excluded.neededBytes / 2 ** 20),
            allowed: mebibytes(language, excluded.allowedBytes / 2 ** 20),
          });
    case 'memory':
      return t('writingModel.excluded.memory', {
        needed: mebibytes(language, excluded.neededMB),
        budget: mebibytes(language, excluded.budgetMB),
      });
    case 'not-offered':
      return t('writingModel.excluded.not-offered');
  }
}

/**
 * Why no writing model can run on this computer, for the settings page: WebGPU's own reason when it is missing, else
 * the memory the smallest offered model needs, else that none suits this GPU.
 */
export function describeNoWritingModel(
  caps: WebGpuCapabilities,
  selection: ModelSelection | undefined,
  t: Translate,
  language: Language,
): string {
  if (!caps.available) return describeWebGpuUnavailable(caps, t, language);
  const memory = selection ? smallestMemoryShortfall(selection) : undefined;
  if (memory) return describeExclusion(memory, caps, t, language);
  return t('writingModel.noModel.gpu');
}
