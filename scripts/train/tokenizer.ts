/**
 * Builds a WordPiece `tokenizer.json` (Hugging Face tokenizers format) whose vocabulary comes from the training
 * text: frequent whole words, frequent word-initial pieces and `##` continuation pieces (German compounds and
 * inflections fall apart into known pieces instead of [UNK]), and single characters (emoji included).
 */

export const specialTokens = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/**
 * Literal JSON escapes ("don\u2019t", "a\u002c b"): text copied out of API responses, ticket exports and tweet
 * dumps often carries them, and the tokenizer would otherwise read "\u2019" as three junk tokens in the middle of a
 * word, hiding "don't" from the negation handling. The characters that matter are decoded (apostrophes and quotes,
 * comma, dashes, ellipsis, German umlauts and ß, accented e, no-break space); any other escape becomes a space.
 */
const escapedCharacters: Record<string, string> = {
  '0022': '"',
  '0026': '&',
  '0027': "'",
  '002c': ',',
  '00a0': ' ',
  '00c4': 'Ä',
  '00d6': 'Ö',
  '00dc': 'Ü',
  '00df': 'ß',
  '00e4': 'ä',
  '00e8': 'è',
  '00e9': 'é',
  '00f6': 'ö',
  '00fc': 'ü',
  '2013': '–',
  '2014': '—',
  '2018': '‘',
  '2019': '’',
  '201c': '“',
  '201d': '”',
  '201e': '„',
  '2026': '…',
};

/** A case-insensitive regex source for the literal text `\uXXXX` (the tokenizer's Replace takes no flags). */
function escapePattern(hex: string): string {
  return `\\\\u${[...hex].map((c) => (/[a-f]/.test(c) ? `[${c}${c.toUpperCase()}]` : c)).join('')}`;
}

/**
 * Text normalisation baked into the tokenizer, so the browser sees exactly what training saw: literal \u escapes
 * decoded, URLs, @mentions and long digit runs (order numbers, dates) collapsed to one placeholder each, letter runs
 * ("soooo") shortened to two.
 */
const replacements: { pattern: string; content: string }[] = [
  ...Object.entries(escapedCharacters).map(([hex, content]) => ({ pattern: escapePattern(hex), content })),
  { pattern: '\\\\u[0-9A-Fa-f]{4}', content: ' ' },
  { pattern: 'https?://\\S+|www\\.\\S+', content: ' httpurl ' },
  { pattern: '@[A-Za-z0-9_]+', content: ' @user ' },
  { pattern: '[0-9]{3,}', content: ' 000 ' },
  { pattern: '([A-Za-zÄÖÜäöüß!?.])\\1{2,}', content: '$1$1' },
];

/** Normalises like the tokenizer does (for counting words when building the vocabulary). */
export function normalizeLikeTokenizer(text: string): string {
  let out = text;
  for (const r of replacements) out = out.replace(new RegExp(r.pattern, 'gu'), r.content);
  // BertNormalizer: drop control/format characters (zero-width joiners etc.), fold whitespace, lowercase.
  out = out.replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu, (c) => (c === '\t' || c === '\n' || c === '\r' ? ' ' : ''));
  return out.toLowerCase();
}

const punctuation = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const preTokenizePattern = new RegExp(`[^\\s${punctuation}]+|[${punctuation}]`, 'gu');

/** Splits normalised text into words the way BertPreTokenizer does. */
export function preTokenize(normalized: string): string[] {
  return normalized.trim().match(preTokenizePattern) ?? [];
}

export interface VocabOptions {
  maxWords: number;
  minWordCount: number;
  maxPrefixes: number;
  maxSuffixes: number;
  minPieceCount: number;
  minCharCount: number;
}

function topByCount(counts: Map<string, number>, limit: number, minCount: number, exclude: Set<string>): string[] {
  return [...counts.entries()]
    .filter(([k, c]) => c >= minCount && !exclude.has(k))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([k]) => k);
}

/** Chooses the vocabulary from texts; deterministic (ties broken by code-unit order). */
export function buildVocab(texts: Iterable<string>, opts: VocabOptions): string[] {
  const words = new Map<string, number>();
  for (const t of texts) {
    for (const w of preTokenize(normalizeLikeTokenizer(t))) words.set(w, (words.get(w) ?? 0) + 1);
  }
  const chars = new Map<string, number>();
  const prefixes = new Map<string, number>();
  const suffixes = new Map<string, number>();
  for (const [w, c] of words) {
    const cs = [...w];
    for (const ch of cs) chars.set(ch, (chars.get(ch) ?? 0) + c);
    if (cs.length < 4) continue;
    for (let n = 3; n <= Math.min(8, cs.length - 1); n++) {
      const p = cs.slice(0, n).join('');
      prefixes.set(p, (prefixes.get(p) ?? 0) + c);
    }
    // Continuation pieces: every substring that starts after the first two characters, up to 8 long.
    for (let start = 2; start < cs.length - 1; start++) {
      for (let n = 2; n <= 8 && start + n <= cs.length; n++) {
        const s = `##${cs.slice(start, start + n).join('')}`;
        suffixes.set(s, (suffixes.get(s) ?? 0) + c);
      }
    }
  }
  const vocab: string[] = [...specialTokens];
  const seen = new Set<string>(vocab);
  const add = (tokens: string[]) => {
    for (const t of tokens) {
      if (seen.has(t)) continue;
      seen.add(t);
      vocab.push(t);
    }
  };
  const charList = topByCount(chars, 5000, opts.minCharCount, seen);
  add(charList);
  add(charList.map((c) => `##${c}`));
  add(topByCount(words, opts.maxWords, opts.minWordCount, seen));
  add(topByCount(prefixes, opts.maxPrefixes, opts.minPieceCount, seen));
  add(topByCount(suffixes, opts.maxSuffixes, opts.minPieceCount, seen));
  return vocab;
}

/** The `tokenizer.json` document for a vocabulary. */
export function buildTokenizerJson(vocab: string[]): Record<string, unknown> {
  const vocabMap: Record<string, number> = {};
  vocab.forEach((t, i) => {
    vocabMap[t] = i;
  });
  const id = (t: string) => vocab.indexOf(t);
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specialTokens.map((t) => ({
      id: id(t),
      content: t,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'Sequence',
      normalizers: [
        ...replacements.map((r) => ({ type: 'Replace', pattern: { Regex: r.pattern }, content: r.content })),
        { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: true },
      ],
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: vocabMap,
    },
  };
}

/** The `tokenizer_config.json` document; `maxTokens` becomes `model_max_length` (truncation length). */
export function buildTokenizerConfig(maxTokens: number): Record<string, unknown> {
  return {
    tokenizer_class: 'BertTokenizer',
    model_max_length: maxTokens,
    do_lower_case: true,
    strip_accents: false,
    clean_up_tokenization_spaces: true,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
  };
}
