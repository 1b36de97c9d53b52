/**
 * Whether a page shows itself light or dark, for the badge that sits on it (issue 22: "the host page's scheme for the
 * badge"). The browser's `prefers-color-scheme` is not enough: Gmail, Outlook and Zendesk have dark themes of their own
 * that agents switch on under a light system, and a light helpdesk stays light under a dark one. So the page is asked
 * what it paints behind the badge's corner; its declared `color-scheme` and then the browser's preference answer only
 * where nothing painted says. Reading is pure: the page is never changed.
 */

/** How a page looks: light or dark. */
export type PageScheme = 'light' | 'dark';

/** A colour in sRGB, each channel 0…1, with its alpha 0…1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** One painted layer at the badge's corner, as its computed style gives it. */
export interface PaintedLayer {
  /** Computed `background-color`. */
  background: string;
  /** Whether it has a `background-image` (a photo theme, a gradient): its colour cannot be read, its text can. */
  hasImage: boolean;
  /** Computed `color`: the text a page puts on an image is light on a dark image and dark on a light one. */
  text: string;
}

/** What the page says about its scheme, read by `readSchemeEvidence` (or written by a test). */
export interface SchemeEvidence {
  /** The layers under the badge's corner, the topmost first, down to the root. */
  layers: PaintedLayer[];
  /** The root element's computed `color-scheme` ("normal", "light", "dark", "light dark", "only dark" …). */
  rootColorScheme: string | null;
  /** The content of `<meta name="color-scheme">`, which declares the same for the whole page. */
  metaColorScheme: string | null;
  /** The browser's `prefers-color-scheme: dark`. */
  prefersDark: boolean;
}

/**
 * Below this relative luminance a colour is dark: it is where black and white text have the same contrast on it
 * (WCAG: (1 + 0.05) / (L + 0.05) = (L + 0.05) / 0.05 gives L ≈ 0.179), so the dark badge stands out less there.
 */
export const darkLuminanceBelow = Math.sqrt(1.05 * 0.05) - 0.05;

/** The canvas a browser paints under a page that paints nothing itself, in each scheme (Chromium's dark canvas). */
const canvasOf: Record<PageScheme, Rgba> = {
  light: { r: 1, g: 1, b: 1, a: 1 },
  dark: { r: 0x12 / 255, g: 0x12 / 255, b: 0x12 / 255, a: 1 },
};

const OPAQUE = 0.999;

/** The relative luminance of a colour (WCAG 2.x), 0 for black to 1 for white; alpha is not looked at. */
export function relativeLuminance({ r, g, b }: Rgba): number {
  const linear = (channel: number) => (channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The grey of a given relative luminance: what a colour known only by its lightness stands for. */
function greyOfLuminance(luminance: number, a: number): Rgba {
  const y = Math.min(1, Math.max(0, luminance));
  const channel = y <= 0.0031308 ? y * 12.92 : 1.055 * y ** (1 / 2.4) - 0.055;
  return { r: channel, g: channel, b: channel, a };
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** A number of a CSS colour function: `0.5`, `50%` (of `percentOf`) or `none` (0). */
function readNumber(token: string | undefined, percentOf: number): number | null {
  if (token === undefined) return null;
  if (token === 'none') return 0;
  const value = Number.parseFloat(token);
  if (!Number.isFinite(value)) return null;
  return token.endsWith('%') ? (value / 100) * percentOf : value;
}

/**
 * Parses a computed colour as browsers serialise it: `rgb()`/`rgba()` (comma or space syntax), `transparent`, hex,
 * `color(srgb …)` and the other `color()` spaces (read as if sRGB: close enough to tell light from dark), and the
 * lightness-based spaces `lab()`, `lch()`, `oklab()`, `oklch()` (which Chromium keeps in their own space; only their
 * lightness matters here, so they stand for the grey of that lightness). Anything else is null.
 */
export function parseCssColor(value: string): Rgba | null {
  const text = value.trim().toLowerCase();
  if (text === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(text)?.[1];
  if (hex) {
    const digits = hex.length <= 4 ? [...hex].map((digit) => digit + digit) : (hex.match(/../g) ?? []);
    const [r = 0, g = 0, b = 0, a = 1] = digits.map((pair) => Number.parseInt(pair, 16) / 255);
    return { r, g, b, a };
  }
  const call = /^([a-z-]+)\((.*)\)$/.exec(text);
  if (!call?.[1] || call[2] === undefined) return null;
  const name = call[1];
  const [channelPart = '', alphaPart] = call[2].split('/');
  const parts = channelPart.includes(',')
    ? channelPart.split(',').map((part) => part.trim())
    : channelPart.trim().split(/\s+/);
  const commaAlpha = channelPart.includes(',') && parts.length === 4 ? parts.pop() : undefined;
  const alpha = clamp01(readNumber((alphaPart ?? commaAlpha)?.trim(), 1) ?? 1);
  if (name === 'rgb' || name === 'rgba') {
    const [r, g, b] = parts.map((part) => readNumber(part, 255));
    if (r == null || g == null || b == null) return null;
    return { r: clamp01(r / 255), g: clamp01(g / 255), b: clamp01(b / 255), a: alpha };
  }
  if (name === 'color') {
    const [space, ...channels] = parts;
    const [r, g, b] = channels.map((part) => readNumber(part, 1));
    if (!space || r == null || g == null || b == null) return null;
    if (space === 'srgb-linear' || space === 'xyz' || space === 'xyz-d65' || space === 'xyz-d50') {
      // Linear light: the luminance is (nearly) the channels' weighted sum, or Y itself.
      const y = space === 'srgb-linear' ? 0.2126 * r + 0.7152 * g + 0.0722 * b : g;
      return greyOfLuminance(y, alpha);
    }
    return { r: clamp01(r), g: clamp01(g), b: clamp01(b), a: alpha };
  }
  if (name === 'lab' || name === 'lch') {
    const lightness = readNumber(parts[0], 100);
    if (lightness == null) return null;
    // CIE L* to Y (D50 white; the difference to D65 does not move light/dark).
    const fy = (lightness + 16) / 116;
    return greyOfLuminance(lightness > 8 ? fy ** 3 : lightness / 903.3, alpha);
  }
  if (name === 'oklab' || name === 'oklch') {
    const lightness = readNumber(parts[0], 1);
    if (lightness == null) return null;
    // For greys OKLab's L is the cube root of Y.
    return greyOfLuminance(lightness ** 3, alpha);
  }
  return null;
}

/** `top` painted over the opaque `bottom`. */
function paintOver(top: Rgba, bottom: Rgba): Rgba {
  const mix = (upper: number, lower: number) => upper * top.a + lower * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

/**
 * What a `color-scheme` value declares: one scheme, both (the page follows the browser), or nothing ("normal", empty,
 * unreadable).
 */
export function declaredScheme(value: string | null | undefined): PageScheme | 'both' | null {
  const words = new Set((value ?? '').toLowerCase().split(/[\s,]+/));
  const light = words.has('light');
  const dark = words.has('dark');
  if (light && dark) return 'both';
  if (dark) return 'dark';
  if (light) return 'light';
  return null;
}

function isDark(colour: Rgba): boolean {
  return relativeLuminance(colour) < darkLuminanceBelow;
}

/**
 * The page's scheme from what it paints behind the badge: the layers' background colours, the topmost first, painted
 * over each other down to the first opaque one, and the result's luminance. A layer with an image (a photo theme)
 * answers by its text colour instead: light text is written on a dark picture. Where every layer is transparent the
 * browser's canvas shows, and that follows the page's declared `color-scheme` (`<meta name="color-scheme">` likewise):
 * dark if it declares only dark, the browser's preference if it declares both, white if it declares nothing.
 */
export function decidePageScheme(evidence: SchemeEvidence): PageScheme {
  const declared = declaredScheme(evidence.rootColorScheme) ?? declaredScheme(evidence.metaColorScheme);
  const canvasScheme: PageScheme =
    declared === 'both' ? (evidence.prefersDark ? 'dark' : 'light') : declared === 'dark' ? 'dark' : 'light';
  const above: Rgba[] = [];
  let floor: Rgba | null = null;
  for (const layer of evidence.layers) {
    const colour = parseCssColor(layer.background);
    if (colour && colour.a >= OPAQUE) {
      floor = colour;
      break;
    }
    if (layer.hasImage) {
      const text = parseCssColor(layer.text);
      // Light text: the picture under it is dark. The translucent layers above it are too thin to turn that round.
      if (text && text.a >= 0.5) return isDark(text) ? 'light' : 'dark';
    }
    // A colour this code cannot read (a future colour space) is passed over like a transparent one.
    if (colour && colour.a > 0) above.push(colour);
  }
  let shown = floor ?? canvasOf[canvasScheme];
  for (const colour of above.reverse()) shown = paintOver(colour, shown);
  return isDark(shown) ? 'dark' : 'light';
}

/** A point in the viewport, in CSS pixels. */
export interface ViewportPoint {
  x: number;
  y: number;
}

/**
 * Reads what the page paints at `point` (the badge's corner): every element stacked there, the topmost first
 * (`elementsFromPoint`, which also finds positioned panels that are no ancestor of each other), skipping our own UI
 * (`data-rapport-ui`, whose badge covers that very point); where the document has no layout to ask, the body and the
 * root stand in.
 */
export function readSchemeEvidence(doc: Document, point: ViewportPoint): SchemeEvidence {
  const view = doc.defaultView;
  const root = doc.documentElement;
  const stacked = typeof doc.elementsFromPoint === 'function' ? doc.elementsFromPoint(point.x, point.y) : [];
  const pageOwn = stacked.filter((element) => !element.closest('[data-rapport-ui]') && element !== root);
  const elements = pageOwn.length > 0 ? pageOwn : [doc.body].filter((element) => element !== null);
  const layerOf = (element: Element): PaintedLayer | null => {
    const style = view?.getComputedStyle(element);
    if (!style) return null;
    return {
      background: style.backgroundColor,
      hasImage: style.backgroundImage !== '' && style.backgroundImage !== 'none',
      text: style.color,
    };
  };
  const layers = elements.map(layerOf).filter((layer) => layer !== null);
  // The root paints the whole canvas; where it paints nothing, the body's background is painted there instead (CSS
  // background propagation), even below a body shorter than the window.
  const rootLayer = root ? layerOf(root) : null;
  const isBare = (layer: PaintedLayer) => !layer.hasImage && parseCssColor(layer.background)?.a === 0;
  const bodyLayer = doc.body ? layerOf(doc.body) : null;
  const canvasLayer = rootLayer && isBare(rootLayer) && bodyLayer ? bodyLayer : rootLayer;
  if (canvasLayer) layers.push(canvasLayer);
  const rootStyle = root && view ? view.getComputedStyle(root) : null;
  return {
    layers,
    rootColorScheme: rootStyle?.getPropertyValue('color-scheme') || null,
    metaColorScheme: doc.querySelector('meta[name="color-scheme" i]')?.getAttribute('content') ?? null,
    prefersDark: view?.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false,
  };
}

/** The scheme the page shows at `point`: `readSchemeEvidence` then `decidePageScheme`. */
export function readPageScheme(doc: Document, point: ViewportPoint): PageScheme {
  return decidePageScheme(readSchemeEvidence(doc, point));
}
