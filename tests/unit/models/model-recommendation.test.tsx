import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModelRecommendation, type ModelRecommendationProps } from '../../../components/ModelRecommendation';
import { createTranslator } from '../../../lib/i18n';
import type { DevFigure } from '../../../lib/models/dev-figures';
import type { HubDevicePlan } from '../../../lib/models/hub-device';
import { recommendHubModel } from '../../../lib/models/recommend';

// React's act() needs this flag outside a test renderer.
Reflect.set(globalThis, 'IS_REACT_ACT_ENVIRONMENT', true);

const devFigures: DevFigure[] = [
  { name: 'sentiment de (sb10k dev)', head: 'sentiment', macroF1: 0.6, lexiconMacroF1: 0.4 },
  { name: 'emotion en (goemotions dev)', head: 'emotions', macroF1: 0.55 },
];

const wasm: Pick<HubDevicePlan, 'device' | 'dtype'> = { device: 'wasm', dtype: 'q8' };
const mounted: { root: Root; container: HTMLElement }[] = [];

function render(overrides: Partial<ModelRecommendationProps> & { languages?: string[] } = {}): HTMLElement {
  const language = overrides.language ?? 'en';
  const teamLanguages = overrides.languages ?? ['de', 'en'];
  const props: ModelRecommendationProps = {
    recommendation: recommendHubModel({ languages: teamLanguages, plan: wasm, memory: { deviceMemoryGB: 8 } }),
    plan: wasm,
    teamLanguages,
    languageChoices: ['de', 'en', 'fr', 'ja'],
    onLanguagesChange: () => undefined,
    chosenId: 'bundled',
    onChoose: () => undefined,
    devFigures,
    devFiguresError: null,
    m: createTranslator(language),
    language,
    ...overrides,
  };
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(<ModelRecommendation {...props} />));
  mounted.push({ root, container });
  return container;
}

function cell(container: HTMLElement, testId: string): string {
  return container.querySelector(`[data-testid="${testId}"]`)?.textContent ?? '';
}

afterEach(() => {
  for (const { root, container } of mounted.splice(0)) {
    act(() => root.unmount());
    container.remove();
  }
});

describe('ModelRecommendation', () => {
  it('recommends the strongest fitting model with its download, backend and the heads the bundled model keeps', () => {
    const view = render();
    const verdict = cell(view, 'model-recommendation-verdict');
    expect(verdict).toContain('The strongest listed model for German and English that fits this machine');
    expect(verdict).toContain('BERT multilingual review sentiment (1–5 stars)');
    expect(verdict).toContain('Download 169 MB (8-bit weights), runs on WASM, needs at least 2 GB of memory.');
    expect(verdict).toContain('Emotions and abusive language keep coming from the bundled model.');
  });

  it('keeps the authors’ published figures and our dev figures in separate, labelled rows', () => {
    const view = render();
    const rows = [...view.querySelectorAll('tbody tr')].map((row) => row.querySelector('th')?.textContent);
    expect(rows).toContain('Published by the model’s authors, on their data');
    expect(rows).toContain('Measured by us on our dev splits (macro-F1)');
    const published = cell(view, 'model-published-Xenova/bert-base-multilingual-uncased-sentiment');
    expect(published).toContain(
      'German 61% and English 67% of star ratings exactly right on 5,000 held-out product reviews per language',
    );
    // Dutch is not the team's language: its figure is not put forward.
    expect(published).not.toContain('Dutch');
    expect(cell(view, 'model-published-Xenova/distilbert-base-multilingual-cased-sentiments-student')).toContain(
      'not published',
    );
    expect(cell(view, 'model-published-SamLowe/roberta-base-go_emotions-onnx')).toContain(
      'F1 0.45 over 28 labels (threshold 0.5) on the GoEmotions test split (Reddit comments) (full-precision weights)',
    );
    const measured = cell(view, 'model-measured-bundled');
    expect(measured).toContain('0.60 sentiment de (sb10k dev) (word list: 0.40)');
    expect(measured).toContain('0.55 emotion en (goemotions dev)');
    expect(cell(view, 'model-measured-hub')).toBe('The Hub models are not measured by us.');
    expect(cell(view, 'model-not-comparable')).toContain('cannot be compared');
    const links = [...view.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toContain('https://huggingface.co/nlptown/bert-base-multilingual-uncased-sentiment');
  });

  it('says why it stays with the bundled model', () => {
    const view = render({ languages: ['de', 'en', 'pl'] });
    expect(cell(view, 'model-recommendation-verdict')).toBe(
      'Stay with the bundled model: no listed Hub model was trained on all of German, English, and Polish.',
    );
    expect(view.querySelector('.model-badge')).toBeNull();
    // The bundled model does not read Polish either, and the table says so.
    expect(cell(view, 'model-fit-bundled')).toBe('not trained on Polish');
  });

  it('speaks German', () => {
    const view = render({ language: 'de' });
    expect(view.textContent).toContain('Empfehlung für Ihr Team');
    expect(cell(view, 'model-recommendation-verdict')).toContain('für Deutsch und Englisch');
    expect(cell(view, 'model-published-Xenova/bert-base-multilingual-uncased-sentiment')).toMatch(
      /Deutsch 61\s% und Englisch 67\s% der Sternebewertungen exakt getroffen/,
    );
    expect(cell(view, 'model-measured-bundled')).toContain('0,60 sentiment de (sb10k dev) (Wortliste: 0,40)');
  });

  it('changes the team languages, never to none, and picks the recommended model on request', () => {
    const onLanguagesChange = vi.fn();
    const onChoose = vi.fn();
    const view = render({ onLanguagesChange, onChoose });
    act(() => view.querySelector<HTMLInputElement>('[data-testid="team-language-fr"]')?.click());
    expect(onLanguagesChange).toHaveBeenLastCalledWith(['de', 'en', 'fr']);
    act(() => view.querySelector<HTMLButtonElement>('[data-testid="model-recommendation-choose"]')?.click());
    expect(onChoose).toHaveBeenCalledWith('Xenova/bert-base-multilingual-uncased-sentiment');

    const single = render({ languages: ['en'], onLanguagesChange });
    onLanguagesChange.mockClear();
    act(() => single.querySelector<HTMLInputElement>('[data-testid="team-language-en"]')?.click());
    expect(onLanguagesChange).not.toHaveBeenCalled();
  });
});
