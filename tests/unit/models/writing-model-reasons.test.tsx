// The German settings page says in German why the on-device writing model cannot run (issue 22 follow-up): the probe
// and the model filter answer with codes and numbers, and the catalogue words them. The settings section is rendered
// for real (React on happy-dom, WXT's fake browser storage); happy-dom has no WebGPU, like a browser without it.

import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../components/I18nProvider';
import { ReplySettings } from '../../../components/ReplySettings';
import { createTranslator, type Language } from '../../../lib/i18n';
import { type ExcludedModel, selectModels, type WebGpuCapabilities } from '../../../lib/models/webgpu';
import {
  describeExclusion,
  describeNoWritingModel,
  describeWebGpuUnavailable,
} from '../../../lib/models/writing-model-reasons';
import { en as englishStrings } from '../../../lib/strings/writing-model';

const GiB = 2 ** 30;
const capable: WebGpuCapabilities = {
  available: true,
  hasShaderF16: true,
  maxBufferSize: 4 * GiB,
  maxStorageBufferBindingSize: 2 * GiB,
};
const unavailable = (reason: Pick<WebGpuCapabilities, 'reasonCode' | 'reasonDetail'>): WebGpuCapabilities => ({
  available: false,
  hasShaderF16: false,
  maxBufferSize: 0,
  maxStorageBufferBindingSize: 0,
  ...reason,
});

/** Every reason the probe and the filter can give, one of each. */
const capabilityCases: WebGpuCapabilities[] = [
  unavailable({ reasonCode: 'no-webgpu' }),
  unavailable({ reasonCode: 'refused', reasonDetail: 'blocked by policy' }),
  unavailable({ reasonCode: 'no-adapter' }),
  { ...capable, available: false, reasonCode: 'limits-too-small', maxStorageBufferBindingSize: 64 * 2 ** 20 },
];
const exclusionCases: ExcludedModel[] = [
  { modelId: 'a', code: 'not-a-chat-model' },
  { modelId: 'b', code: 'quantization', wanted: 'q4f16', hasShaderF16: true },
  { modelId: 'c', code: 'quantization', wanted: 'q4f32', hasShaderF16: false },
  { modelId: 'd', code: 'needs-shader-f16' },
  { modelId: 'e', code: 'buffer-size', neededBytes: 4 * GiB, allowedBytes: 2 * GiB },
  { modelId: 'f', code: 'buffer-size', allowedBytes: 256 * 2 ** 20 },
  { modelId: 'g', code: 'memory', neededMB: 2264.1, budgetMB: 1500 },
  { modelId: 'h', code: 'not-offered' },
];

/** Whole English sentences of the writing-model reasons, with the placeholders cut out: none may show in German. */
const englishFragments = Object.entries(englishStrings)
  .filter(([key]) => key.startsWith('writingModel.webgpu.') || key.startsWith('writingModel.excluded.'))
  .flatMap(([, text]) => text.split(/\{\w+\}/u))
  .map((part) => part.trim())
  .filter((part) => part.length >= 12);

function reasonsIn(language: Language): string[] {
  const t = createTranslator(language);
  return [
    ...capabilityCases.map((caps) => describeWebGpuUnavailable(caps, t, language)),
    ...exclusionCases.map((item) => describeExclusion(item, capable, t, language)),
  ];
}

describe('writing-model reasons', () => {
  it('keep the English wording the settings page had', () => {
    expect(reasonsIn('en')).toEqual([
      'This browser has no WebGPU (Chrome or Edge 113+ on a desktop is needed; Firefox only in some versions).',
      'WebGPU refused to start: blocked by policy',
      'WebGPU is switched on but found no usable graphics adapter (blocklisted driver or no GPU).',
      "The graphics adapter's limits are too small for the writing model (buffer 4096 MiB, storage binding 64 MiB).",
      'Not a general chat model.',
      'The q4f16 build is used on this GPU (it has shader-f16).',
      'This GPU has no shader-f16, so only q4f32 builds run.',
      'Needs the shader-f16 GPU feature, which this adapter lacks.',
      'Needs GPU buffers of 4096 MiB; this adapter allows 2048 MiB.',
      'This adapter only allows small GPU buffers; the model is not built for that.',
      'Needs about 2264 MiB of GPU memory; about 1500 MiB can be spared here.',
      'Rapport ships no checked program library for this model, so it does not run it.',
    ]);
  });

  it('are German in German, numbers and the browser’s own error kept', () => {
    const german = reasonsIn('de');
    expect(englishFragments.length).toBeGreaterThan(8);
    for (const reason of german) {
      for (const fragment of englishFragments) expect(reason).not.toContain(fragment);
    }
    expect(german[0]).toBe(
      'Dieser Browser hat kein WebGPU (nötig ist Chrome oder Edge ab Version 113 auf einem Desktop-Computer; Firefox nur in manchen Versionen).',
    );
    expect(german[1]).toBe('WebGPU ließ sich nicht starten: blocked by policy');
    expect(german[3]).toContain('Puffer 4096 MiB, Speicherbindung 64 MiB');
    expect(german[10]).toBe('Braucht etwa 2264 MiB Grafikspeicher; hier stehen etwa 1500 MiB zur Verfügung.');
  });

  it('name, when memory stops every model, the smallest model Rapport offers, not a bigger one it never would', () => {
    const selection = selectModels(prebuiltAppConfig.model_list, capable, { budgetMB: 200 });
    expect(selection.runnable).toEqual([]);
    const text = describeNoWritingModel(capable, selection, createTranslator('de'), 'de');
    // Llama-3.2-1B q4f16 is the smallest offered build web-llm estimates (879 MiB); 8B models need far more.
    expect(text).toBe('Braucht etwa 879 MiB Grafikspeicher; hier stehen etwa 200 MiB zur Verfügung.');
    expect(describeNoWritingModel(capable, { ...selection, excluded: [] }, createTranslator('de'), 'de')).toBe(
      'Auf dieser Grafikkarte kann kein Schreibmodell laufen.',
    );
  });
});

describe('the settings page without WebGPU', () => {
  let root: Root | undefined;
  let container: HTMLElement | undefined;

  afterEach(() => {
    root?.unmount();
    container?.remove();
  });

  async function noModelLine(language: Language): Promise<string> {
    container = document.createElement('div');
    document.body.append(container);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    root = createRoot(container);
    root.render(
      <QueryClientProvider client={client}>
        <I18nProvider setting={language}>
          <ReplySettings />
        </I18nProvider>
      </QueryClientProvider>,
    );
    const host = container;
    return vi.waitFor(() => {
      const line = host.querySelector('[data-testid="reply-model-none"]');
      if (!line?.textContent) throw new Error('no "no model" line yet');
      return line.textContent;
    });
  }

  it('says in German why the writing model cannot run, with no English reason in the sentence', async () => {
    // The premise: this DOM, like Firefox without the flag, has no WebGPU.
    expect('gpu' in navigator).toBe(false);
    const line = await noModelLine('de');
    expect(line).toBe(
      'Dieser Computer kann das Modell nicht ausführen: Dieser Browser hat kein WebGPU (nötig ist Chrome oder Edge ab Version 113 auf einem Desktop-Computer; Firefox nur in manchen Versionen).',
    );
    for (const fragment of englishFragments) expect(line).not.toContain(fragment);
  });

  it('says the same in English as before', async () => {
    expect(await noModelLine('en')).toBe(
      'This computer cannot run the on-device model: This browser has no WebGPU (Chrome or Edge 113+ on a desktop is needed; Firefox only in some versions).',
    );
  });
});
