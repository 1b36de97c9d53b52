/**
 * Numbers and ages in escalation texts (reasons, handoff notes, the panel's record), written the way each language
 * writes them through `Intl` and the catalogue.
 */
import { createTranslator, formatNumber, formatPercent as formatShare, tPlural } from '../i18n';
import type { EscalationLanguage } from './types';

/**
 * A 0…1 probability as a whole percentage ("82%", "82 %"). Intl puts a no-break space before the German "%"; the note
 * is plain text that helpdesks, mail clients and webhooks re-wrap and compare, so it gets an ordinary space.
 */
export function formatPercent(p: number, lang: EscalationLanguage): string {
  return formatShare(lang, Math.min(1, Math.max(0, p))).replace(/\u00a0/gu, ' ');
}

/**
 * A −1…1 sentiment score with one decimal and its sign ("−0.7", "+0,3", "0.0"). The sign is written by hand: Intl
 * writes a hyphen-minus, the note a real minus sign, and a plus marks a positive score.
 */
export function formatScore(score: number, lang: EscalationLanguage): string {
  const rounded = Math.round(score * 10) / 10;
  const local = formatNumber(lang, Math.abs(rounded), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    useGrouping: false,
  });
  if (rounded < 0) return `−${local}`;
  return rounded > 0 ? `+${local}` : local;
}

/**
 * How long ago an escalation happened, for the panel: "escalated 2 h ago" / "vor 2 Std. eskaliert".
 * Times in the future (clock skew between contexts) read as "just now".
 */
export function formatEscalatedAgo(at: number, now: number, lang: EscalationLanguage): string {
  const t = createTranslator(lang);
  const minutes = Math.floor(Math.max(0, now - at) / 60_000);
  if (minutes < 1) return t('handoff.escalatedJustNow');
  if (minutes < 60) return t('handoff.escalatedMinutesAgo', { count: formatNumber(lang, minutes) });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('handoff.escalatedHoursAgo', { count: formatNumber(lang, hours) });
  return tPlural(lang, 'handoff.escalatedDaysAgo', Math.floor(hours / 24));
}
