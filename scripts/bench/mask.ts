/**
 * PII masking time (issue 20): the masker runs on the panel's thread over whatever a customer pasted, so it must be
 * linear in the text. Measures 10k, 50k and 100k characters of a realistic ticket mix and of inputs built to make
 * backtracking regexes quadratic (the old masker took 1.3 s on 50k characters of such text); prints the time per
 * 10k characters, which stays flat when the scan is linear.
 */
import { maskPersonalData } from '../../lib/escalation/mask';

const ticket = [
  'Hallo, meine Bestellung #100245 vom 05.12.2026 ist nicht angekommen. Bitte rufen Sie mich an: 0171 2345678 oder',
  'Festnetz 030 / 123 456 78. IBAN für die Erstattung: de89 3704 0044 0532 0130 00. Ich habe 1.299,00 € bezahlt',
  'mit der Karte 4111.1111.1111.1111. Sendungsnummer 00340434161094042557, Postleitzahl 10115.',
  'Hi, order 4711-2233 was charged twice; call me at (415) 555-0132 or write to jürgen.müller@bücher.de.',
  'Bestellung 0176 / 1234 5678 bitte stornieren, Rückruf bis 14:30 Uhr, +41 79 123 45 67, anna.weber(at)web.de.',
].join('\n');

// Shapes that made the old patterns backtrack: dotted words before no "@", digit runs with separators everywhere,
// "@" chains, IBAN-like starts that never complete, and phone-like groups split by strong breaks.
const adversarial: Record<string, string> = {
  'dotted words': 'a.',
  'digits and spaces': '1 ',
  'zeros and breaks': '0 / ',
  'at signs': 'a@',
  'IBAN starts': 'DE00 ',
  'digits and dots': '0171.',
};

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function timeMs(text: string): number {
  maskPersonalData(text);
  const runs: number[] = [];
  for (let run = 0; run < 7; run++) {
    const started = performance.now();
    maskPersonalData(text);
    runs.push(performance.now() - started);
  }
  return runs.sort((a, b) => a - b)[3] ?? 0;
}

const sizes = [10_000, 50_000, 100_000];

function line(name: string, unit: string): string {
  const times = sizes.map((size) => timeMs(repeatTo(unit, size)));
  const cells = sizes.map((size, index) => `${size / 1000}k ${(times[index] ?? 0).toFixed(1)} ms`);
  const per10k = sizes.map((size, index) => ((times[index] ?? 0) / (size / 10_000)).toFixed(2)).join(' / ');
  return `${name}: ${cells.join(', ')} (per 10k characters: ${per10k} ms)`;
}

/** Lines for `npm run bench -- mask`. */
export async function runMaskBench(): Promise<string[]> {
  // Warm up the JIT and libphonenumber's metadata so the first size is not charged for them.
  for (let run = 0; run < 5; run++) maskPersonalData(repeatTo(`${ticket}\n`, 20_000));
  const lines = [line('ticket text with PII', `${ticket}\n`)];
  for (const [name, unit] of Object.entries(adversarial)) lines.push(line(`adversarial: ${name}`, unit));
  return lines;
}
