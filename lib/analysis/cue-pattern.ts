/**
 * Builds a global, case-insensitive pattern for a cue phrase whose ends must sit on word boundaries. Unicode-aware
 * on purpose: JavaScript's `\b` only knows ASCII letters and would split "Rückbuchung" or "süß". A space in `source`
 * matches any run of whitespace or a hyphen ("PayPal-Käuferschutz", "charge back"); ` ?` makes that gap optional.
 */
export function cuePattern(source: string): RegExp {
  const spaced = source.replace(/ \?/g, '[\\s\\-]*').replace(/ /g, '[\\s\\-]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${spaced})(?![\\p{L}\\p{N}])`, 'giu');
}
