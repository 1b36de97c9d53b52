// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDevFigures, readDevFigures } from '../../../lib/models/dev-figures';

const file = resolve(import.meta.dirname, '../../../public/models/dev-figures.json');

describe('the bundled model’s dev figures', () => {
  it('reads every mood-head figure the training wrote, with its word-list baseline, and leaves the intent model out', () => {
    // The file is rewritten by every training run: compare with it rather than with copied numbers.
    const json: { model: Record<string, number>; lexicon: Record<string, number> } = JSON.parse(
      readFileSync(file, 'utf8'),
    );
    const figures = readDevFigures(json);
    const moodNames = Object.keys(json.model).filter((name) => /^(sentiment|emotions?|offensive) /.test(name));
    expect(figures.map((f) => f.name)).toEqual(moodNames);
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures) {
      expect(figure.macroF1).toBe(json.model[figure.name]);
      expect(figure.lexiconMacroF1).toBe(json.lexicon[figure.name]);
      expect(figure.name.startsWith('intent')).toBe(false);
    }
  });

  it('names the head each figure measures and skips what is not a number', () => {
    expect(
      readDevFigures({
        model: { 'emotion en (x dev)': 0.5, 'offensive de (y)': 0.7, 'sentiment de (z)': 'n/a', 'intent en': 0.9 },
        lexicon: { 'offensive de (y)': 0.4 },
      }),
    ).toEqual([
      { name: 'emotion en (x dev)', head: 'emotions', macroF1: 0.5 },
      { name: 'offensive de (y)', head: 'offensive', macroF1: 0.7, lexiconMacroF1: 0.4 },
    ]);
    expect(readDevFigures(null)).toEqual([]);
    expect(readDevFigures({ model: [0.5] })).toEqual([]);
  });

  it('says where the file could not be read', async () => {
    const missing = async () => new Response('', { status: 404 });
    await expect(loadDevFigures('chrome-extension://x/models/dev-figures.json', missing)).rejects.toMatchObject({
      code: 'model/dev-figures-unavailable',
      message: expect.stringContaining('chrome-extension://x/models/dev-figures.json'),
    });
    const ok = async () => Response.json({ model: { 'sentiment en (a)': 0.6 } });
    await expect(loadDevFigures('x', ok)).resolves.toEqual([
      { name: 'sentiment en (a)', head: 'sentiment', macroF1: 0.6 },
    ]);
  });
});
