// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../lib/i18n';
import { type HubModelEntry, hubModelCatalogue, isHubModelId } from '../../../lib/models/hub-catalogue';
import type { HubDevicePlan } from '../../../lib/models/hub-device';
import {
  hubModelMemoryMB,
  minDeviceMemoryGB,
  type RecommendInput,
  recommendHubModel,
} from '../../../lib/models/recommend';

const bertStars = 'Xenova/bert-base-multilingual-uncased-sentiment';
const distilbert = 'Xenova/distilbert-base-multilingual-cased-sentiments-student';
const goEmotions = 'SamLowe/roberta-base-go_emotions-onnx';

const wasm: Pick<HubDevicePlan, 'device' | 'dtype'> = { device: 'wasm', dtype: 'q8' };
const gpuF16: Pick<HubDevicePlan, 'device' | 'dtype'> = { device: 'webgpu', dtype: 'fp16' };
const gpuF32: Pick<HubDevicePlan, 'device' | 'dtype'> = { device: 'webgpu', dtype: 'fp32' };

function recommend(overrides: Partial<RecommendInput> = {}) {
  return recommendHubModel({ languages: ['de', 'en'], plan: wasm, memory: { deviceMemoryGB: 8 }, ...overrides });
}

function entry(id: string): HubModelEntry {
  const found = hubModelCatalogue.find((e) => e.id === id);
  if (!found) throw new Error(`${id} is not in the catalogue`);
  return found;
}

describe('recommending a Hub model for the team and machine', () => {
  it('recommends the review-sentiment BERT for a German and English team, the bundled model keeping the other heads', () => {
    const result = recommend();
    expect(result.kind).toBe('hub');
    if (result.kind !== 'hub') return;
    expect(result.best.entry.id).toBe(bertStars);
    // The 8-bit file on WASM, with the size its Hub listing shows.
    expect(result.best.weightsBytes).toBe(entry(bertStars).weightsBytes.q8);
    expect(result.fromBundled).toEqual(['emotions', 'offensive']);
    // Only the team's languages' published figures are put forward.
    expect(result.best.figures.map((f) => f.language)).toEqual(['en', 'de']);
    const roberta = result.candidates.find((c) => c.entry.id === goEmotions);
    expect(roberta?.excluded).toBe('languages');
    expect(roberta?.missingLanguages).toEqual(['de']);
  });

  it('prefers the emotions model for an English team, since the customer state is read from emotions first', () => {
    const result = recommend({ languages: ['en'] });
    expect(result.kind === 'hub' && result.best.entry.id).toBe(goEmotions);
    expect(result.kind === 'hub' && result.fromBundled).toEqual(['sentiment', 'offensive']);
  });

  it('ranks a model with a published figure above one without, whatever their sizes', () => {
    const result = recommend({ languages: ['de'] });
    expect(result.candidates.map((c) => c.entry.id)).toEqual([bertStars, distilbert, goEmotions]);
    const hugeUnpublished: HubModelEntry = {
      ...entry(distilbert),
      weightsBytes: { q8: 100e6, fp32: 2000e6 },
    };
    const catalogue = [hugeUnpublished, entry(bertStars)];
    expect(recommend({ languages: ['de'], catalogue }).candidates[0]?.entry.id).toBe(bertStars);
  });

  it('recommends a model without published figures when it is the only one for the languages', () => {
    const result = recommend({ languages: ['ja'] });
    expect(result.kind === 'hub' && result.best.entry.id).toBe(distilbert);
    expect(result.kind === 'hub' && result.best.figures).toEqual([]);
  });

  it('stays with the bundled model when no listed model reads every team language', () => {
    expect(recommend({ languages: ['pl'] })).toMatchObject({ kind: 'bundled', reason: 'languages' });
    // Dutch and Japanese are each covered, but never by the same model.
    expect(recommend({ languages: ['nl', 'ja'] })).toMatchObject({ kind: 'bundled', reason: 'languages' });
  });

  it('normalises the team languages', () => {
    const result = recommend({ languages: [' DE ', 'en', 'de', ''] });
    expect(result.kind === 'hub' && result.best.entry.id).toBe(bertStars);
  });

  it('uses the weights the device plan loads: no WebGPU means the 8-bit files on WASM', () => {
    const result = recommend({ languages: ['en'], plan: wasm });
    expect(result.kind === 'hub' && result.best.weightsBytes).toBe(entry(goEmotions).weightsBytes.q8);
  });

  it('skips a model that has no file for the WebGPU dtype (GoEmotions publishes no fp16 weights)', () => {
    const result = recommend({ languages: ['en'], plan: gpuF16 });
    expect(result.kind === 'hub' && result.best.entry.id).toBe(bertStars);
    expect(result.kind === 'hub' && result.best.weightsBytes).toBe(entry(bertStars).weightsBytes.fp16);
    expect(result.candidates.find((c) => c.entry.id === goEmotions)?.excluded).toBe('weights');
  });

  it('falls to a smaller model when the strongest does not fit the memory', () => {
    // Full-precision BERT (670 MB) needs 8 GB by our estimate; the 541 MB DistilBERT fits in 4 GB.
    const result = recommend({ plan: gpuF32, memory: { deviceMemoryGB: 4 } });
    expect(result.kind === 'hub' && result.best.entry.id).toBe(distilbert);
    expect(result.candidates.find((c) => c.entry.id === bertStars)).toMatchObject({
      excluded: 'memory',
      minMemoryGB: 8,
    });
  });

  it('stays with the bundled model on a machine too small for any of them', () => {
    const result = recommend({ memory: { deviceMemoryGB: 1 } });
    expect(result).toMatchObject({ kind: 'bundled', reason: 'memory', memoryKnown: true });
    expect(result.candidates.every((c) => c.excluded !== undefined)).toBe(true);
    expect(recommend({ memory: { deviceMemoryGB: 2 } }).kind).toBe('hub');
  });

  it('judges fit on the reply model’s 4 GiB guess when the browser does not report memory, and says so', () => {
    const result = recommend({ memory: {} });
    expect(result).toMatchObject({ kind: 'hub', memoryKnown: false });
  });

  it('says which hurdle stopped the models that read the team’s languages', () => {
    const tiny: HubModelEntry = { ...entry(goEmotions), id: 'test/tiny', weightsBytes: { q8: 10 } };
    const result = recommend({ languages: ['en'], plan: gpuF16, catalogue: [tiny] });
    expect(result).toMatchObject({ kind: 'bundled', reason: 'weights' });
    expect(recommend({ catalogue: [] })).toMatchObject({ kind: 'bundled', reason: 'languages' });
  });
});

describe('memory estimate', () => {
  it('grows with the weights and maps onto the memory the browser reports', () => {
    expect(hubModelMemoryMB(0)).toBe(256);
    expect(minDeviceMemoryGB(entry(bertStars).weightsBytes.q8 ?? 0)).toBe(2);
    expect(minDeviceMemoryGB(entry(bertStars).weightsBytes.fp16 ?? 0)).toBe(4);
    expect(minDeviceMemoryGB(entry(bertStars).weightsBytes.fp32 ?? 0)).toBe(8);
    expect(minDeviceMemoryGB(100e9)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('Hub model catalogue', () => {
  const en = createTranslator('en');
  const de = createTranslator('de');

  it('lists real Hub ids with their card, languages and heads', () => {
    for (const model of hubModelCatalogue) {
      expect(isHubModelId(model.id), model.id).toBe(true);
      expect(model.cardUrl, model.id).toMatch(/^https:\/\/huggingface\.co\/[\w.-]+\/[\w.-]+$/);
      expect(model.languages.length, model.id).toBeGreaterThan(0);
      for (const language of model.languages) expect(language, model.id).toMatch(/^[a-z]{2}$/);
      expect(model.heads.length, model.id).toBeGreaterThan(0);
    }
  });

  it('gives every size with the file listing it comes from, positive and growing with precision', () => {
    for (const model of hubModelCatalogue) {
      expect(model.sizesSource, model.id).toMatch(
        new RegExp(`^https://huggingface\\.co/${model.id}/tree/[\\w]+/onnx$`),
      );
      // WASM always loads the 8-bit file: a model without one could never run without WebGPU.
      expect(model.weightsBytes.q8, model.id).toBeGreaterThan(0);
      const sizes = [model.weightsBytes.q8, model.weightsBytes.fp16, model.weightsBytes.fp32].filter(
        (size): size is number => size !== undefined,
      );
      for (const size of sizes) expect(Number.isInteger(size) && size > 0, model.id).toBe(true);
      expect(
        [...sizes].sort((a, b) => a - b),
        model.id,
      ).toEqual(sizes);
    }
  });

  it('names the source and the benchmark of every published figure, in English and German', () => {
    for (const model of hubModelCatalogue) {
      for (const figure of model.published) {
        expect(figure.sourceUrl, model.id).toMatch(/^https:\/\//);
        expect(figure.value, model.id).toBeGreaterThan(0);
        expect(figure.value, model.id).toBeLessThanOrEqual(1);
        if (figure.language) expect(model.languages, model.id).toContain(figure.language);
        for (const m of [en, de]) {
          expect(m(`model-settings.rec.benchmark.${figure.benchmark}`), model.id).toMatch(/\S/);
          expect(m(`model-settings.rec.figure.${figure.metric}`, { value: '1' }), model.id).toMatch(/\S/);
        }
      }
    }
  });
});
