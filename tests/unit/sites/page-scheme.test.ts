import { afterEach, describe, expect, it } from 'vitest';
import { watchPageScheme } from '../../../entrypoints/content/scheme-watch';
import {
  darkLuminanceBelow,
  decidePageScheme,
  declaredScheme,
  type PaintedLayer,
  parseCssColor,
  readPageScheme,
  readSchemeEvidence,
  relativeLuminance,
  type SchemeEvidence,
} from '../../../lib/sites/page-scheme';

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('missing value');
  return value;
}

/** A plain layer: a background colour, no image, dark text. */
function layer(background: string, extra: Partial<PaintedLayer> = {}): PaintedLayer {
  return { background, hasImage: false, text: 'rgb(0, 0, 0)', ...extra };
}

function evidence(overrides: Partial<SchemeEvidence>): SchemeEvidence {
  return { layers: [], rootColorScheme: 'normal', metaColorScheme: null, prefersDark: false, ...overrides };
}

describe('relativeLuminance (WCAG 2.x)', () => {
  it('is 1 for white, 0 for black, and matches the WCAG figures in between', () => {
    expect(relativeLuminance(must(parseCssColor('rgb(255, 255, 255)')))).toBeCloseTo(1, 5);
    expect(relativeLuminance(must(parseCssColor('rgb(0, 0, 0)')))).toBeCloseTo(0, 5);
    // #767676 is the classic 4.5:1 grey on white: (1.05) / (L + 0.05) = 4.54.
    expect(relativeLuminance(must(parseCssColor('#767676')))).toBeCloseTo(0.181, 3);
    // Green weighs most, blue least.
    expect(relativeLuminance(must(parseCssColor('rgb(0, 255, 0)')))).toBeCloseTo(0.7152, 4);
    expect(relativeLuminance(must(parseCssColor('rgb(0, 0, 255)')))).toBeCloseTo(0.0722, 4);
  });

  it('draws the line between light and dark where black and white text have the same contrast', () => {
    const onWhiteText = (1 + 0.05) / (darkLuminanceBelow + 0.05);
    const onBlackText = (darkLuminanceBelow + 0.05) / 0.05;
    expect(onWhiteText).toBeCloseTo(onBlackText, 6);
  });
});

describe('parseCssColor', () => {
  it('reads the forms browsers give computed colours in', () => {
    expect(parseCssColor('rgb(32, 33, 36)')).toEqual({ r: 32 / 255, g: 33 / 255, b: 36 / 255, a: 1 });
    expect(parseCssColor('rgba(0, 0, 0, 0.5)')?.a).toBe(0.5);
    expect(parseCssColor('rgb(0 0 0 / 25%)')?.a).toBe(0.25);
    expect(parseCssColor('transparent')?.a).toBe(0);
    expect(parseCssColor('rgba(0, 0, 0, 0)')?.a).toBe(0);
    expect(parseCssColor('color(srgb 0.1 0.1 0.12)')).toMatchObject({ r: 0.1, g: 0.1, b: 0.12, a: 1 });
    expect(parseCssColor('color(display-p3 1 1 1 / 0.5)')).toMatchObject({ r: 1, a: 0.5 });
    expect(parseCssColor('#fff')).toEqual({ r: 1, g: 1, b: 1, a: 1 });
    expect(parseCssColor('#00000080')?.a).toBeCloseTo(0.5, 2);
  });

  it('reads lightness-based colours (kept in their own space by Chromium) by their lightness', () => {
    expect(relativeLuminance(must(parseCssColor('oklch(0.2 0.02 260)')))).toBeLessThan(darkLuminanceBelow);
    expect(relativeLuminance(must(parseCssColor('oklch(95% 0.01 90)')))).toBeGreaterThan(darkLuminanceBelow);
    expect(relativeLuminance(must(parseCssColor('lab(12 3 -8)')))).toBeLessThan(darkLuminanceBelow);
    expect(relativeLuminance(must(parseCssColor('lch(92 4 100 / 0.8)')))).toBeGreaterThan(darkLuminanceBelow);
    // L* 50 is Y 0.184: mid-grey.
    expect(relativeLuminance(must(parseCssColor('lab(50 0 0)')))).toBeCloseTo(0.184, 2);
  });

  it('says null to what it cannot read, rather than guessing', () => {
    expect(parseCssColor('currentcolor')).toBeNull();
    expect(parseCssColor('hwb(0 0% 100%)')).toBeNull();
    expect(parseCssColor('rgb(a, b, c)')).toBeNull();
    expect(parseCssColor('')).toBeNull();
  });
});

describe('declaredScheme', () => {
  it('reads color-scheme values and the meta tag alike', () => {
    expect(declaredScheme('normal')).toBeNull();
    expect(declaredScheme('')).toBeNull();
    expect(declaredScheme(null)).toBeNull();
    expect(declaredScheme('dark')).toBe('dark');
    expect(declaredScheme('only dark')).toBe('dark');
    expect(declaredScheme('light')).toBe('light');
    expect(declaredScheme('light dark')).toBe('both');
    expect(declaredScheme('dark, light')).toBe('both');
  });
});

describe('decidePageScheme', () => {
  it('gives a dark page the dark badge under a light browser, and a light page the light one under a dark browser', () => {
    // Gmail's dark theme: #202124 on a light system.
    expect(decidePageScheme(evidence({ layers: [layer('rgb(32, 33, 36)')], prefersDark: false }))).toBe('dark');
    // A light helpdesk on a dark system.
    expect(decidePageScheme(evidence({ layers: [layer('rgb(246, 247, 251)')], prefersDark: true }))).toBe('light');
  });

  it('takes the topmost opaque layer, not the page root (a dark pane in a light page)', () => {
    const layers = [layer('rgba(0, 0, 0, 0)'), layer('rgb(30, 30, 30)'), layer('rgb(255, 255, 255)')];
    expect(decidePageScheme(evidence({ layers }))).toBe('dark');
  });

  it('paints translucent layers over what lies below them', () => {
    const white = layer('rgb(255, 255, 255)');
    expect(decidePageScheme(evidence({ layers: [layer('rgba(0, 0, 0, 0.1)'), white] }))).toBe('light');
    expect(decidePageScheme(evidence({ layers: [layer('rgba(0, 0, 0, 0.9)'), white] }))).toBe('dark');
    // A light veil over a dark page lightens it, but not past the line.
    const black = layer('rgb(0, 0, 0)');
    expect(decidePageScheme(evidence({ layers: [layer('rgba(255, 255, 255, 0.2)'), black] }))).toBe('dark');
  });

  it('reads a picture theme by the text written on it', () => {
    const photo = layer('rgba(0, 0, 0, 0)', { hasImage: true, text: 'rgb(232, 234, 237)' });
    expect(decidePageScheme(evidence({ layers: [photo, layer('rgb(255, 255, 255)')] }))).toBe('dark');
    const paper = layer('rgba(0, 0, 0, 0)', { hasImage: true, text: 'rgb(32, 33, 36)' });
    expect(decidePageScheme(evidence({ layers: [paper], prefersDark: true }))).toBe('light');
  });

  it('falls back to the declared color-scheme where nothing is painted, then to the browser where it allows both', () => {
    const bare = [layer('rgba(0, 0, 0, 0)'), layer('transparent')];
    expect(decidePageScheme(evidence({ layers: bare, rootColorScheme: 'dark' }))).toBe('dark');
    expect(decidePageScheme(evidence({ layers: bare, rootColorScheme: 'only light', prefersDark: true }))).toBe(
      'light',
    );
    expect(decidePageScheme(evidence({ layers: bare, metaColorScheme: 'dark' }))).toBe('dark');
    expect(decidePageScheme(evidence({ layers: bare, rootColorScheme: 'light dark', prefersDark: true }))).toBe('dark');
    expect(decidePageScheme(evidence({ layers: bare, metaColorScheme: 'light dark', prefersDark: false }))).toBe(
      'light',
    );
    // The CSS property outranks the meta tag, as it does in the browser.
    expect(decidePageScheme(evidence({ layers: bare, rootColorScheme: 'light', metaColorScheme: 'dark' }))).toBe(
      'light',
    );
  });

  it('keeps a page that declares nothing light whatever the browser prefers: its canvas is white', () => {
    expect(decidePageScheme(evidence({ layers: [layer('transparent')], prefersDark: true }))).toBe('light');
    expect(decidePageScheme(evidence({ layers: [], prefersDark: true }))).toBe('light');
  });

  it('passes over a colour it cannot read instead of taking it for black or white', () => {
    const layers = [layer('hwb(0 0% 100%)'), layer('rgb(18, 18, 18)')];
    expect(decidePageScheme(evidence({ layers }))).toBe('dark');
  });
});

describe('readSchemeEvidence on a page', () => {
  afterEach(() => {
    document.head.innerHTML = '';
    document.body.innerHTML = '';
    document.body.removeAttribute('style');
    document.documentElement.removeAttribute('style');
    document.documentElement.removeAttribute('class');
  });

  it('reads the body’s background, skipping our own UI, and leaves the page untouched', () => {
    document.body.style.backgroundColor = 'rgb(20, 22, 26)';
    const ours = document.createElement('rapport-badge');
    ours.setAttribute('data-rapport-ui', '');
    ours.style.backgroundColor = 'rgb(255, 255, 255)';
    document.body.append(ours);
    const before = document.documentElement.outerHTML;
    const read = readSchemeEvidence(document, { x: 10, y: 10 });
    expect(read.layers.map((painted) => painted.background)).toContain('rgb(20, 22, 26)');
    expect(read.layers.map((painted) => painted.background)).not.toContain('rgb(255, 255, 255)');
    expect(readPageScheme(document, { x: 10, y: 10 })).toBe('dark');
    expect(document.documentElement.outerHTML).toBe(before);
  });

  it('lets the root’s own background decide over the body’s only where the root paints one', () => {
    document.documentElement.style.backgroundColor = 'rgb(250, 250, 250)';
    document.body.style.backgroundColor = 'rgba(0, 0, 0, 0)';
    expect(readPageScheme(document, { x: 10, y: 10 })).toBe('light');
    document.documentElement.style.backgroundColor = 'rgba(0, 0, 0, 0)';
    document.body.style.backgroundColor = 'rgb(10, 10, 10)';
    expect(readPageScheme(document, { x: 10, y: 10 })).toBe('dark');
  });

  it('reads <meta name="color-scheme"> where nothing is painted', () => {
    const meta = document.createElement('meta');
    meta.name = 'color-scheme';
    meta.content = 'dark';
    document.head.append(meta);
    expect(readSchemeEvidence(document, { x: 10, y: 10 }).metaColorScheme).toBe('dark');
    expect(readPageScheme(document, { x: 10, y: 10 })).toBe('dark');
  });
});

describe('watchPageScheme', () => {
  afterEach(() => {
    document.head.innerHTML = '';
    document.documentElement.removeAttribute('class');
    document.body.removeAttribute('style');
  });

  const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

  it('follows a theme switched by a class on <html>, as Gmail and Outlook switch theirs, and only reports changes', async () => {
    const style = document.createElement('style');
    style.textContent = 'html.theme-dark body { background-color: rgb(32, 33, 36); }';
    document.head.append(style);
    await settle();
    const seen: string[] = [];
    const controller = new AbortController();
    const watch = watchPageScheme(document, {
      point: () => ({ x: 10, y: 10 }),
      onChange: (scheme) => seen.push(scheme),
      signal: controller.signal,
    });
    expect(watch.current()).toBe('light');
    document.documentElement.classList.add('theme-dark');
    await settle();
    expect(seen).toEqual(['dark']);
    expect(watch.current()).toBe('dark');
    // An attribute no theme uses changes nothing and is not even read.
    document.documentElement.setAttribute('lang', 'de');
    await settle();
    expect(seen).toEqual(['dark']);
    document.documentElement.classList.remove('theme-dark');
    await settle();
    expect(seen).toEqual(['dark', 'light']);
    controller.abort();
    document.documentElement.classList.add('theme-dark');
    await settle();
    // Torn down with the content script: nothing heard after the abort.
    expect(seen).toEqual(['dark', 'light']);
    document.documentElement.removeAttribute('lang');
  });

  it('follows an inline style on the body and a recheck after the badge moved', async () => {
    const seen: string[] = [];
    const controller = new AbortController();
    let point = { x: 10, y: 10 };
    const watch = watchPageScheme(document, {
      point: () => point,
      onChange: (scheme) => seen.push(scheme),
      signal: controller.signal,
    });
    document.body.style.backgroundColor = 'rgb(0, 0, 0)';
    await settle();
    expect(seen).toEqual(['dark']);
    document.body.style.backgroundColor = '';
    point = { x: 20, y: 20 };
    watch.recheck();
    await settle();
    expect(seen).toEqual(['dark', 'light']);
    controller.abort();
  });
});
