import type { EscalationLanguage } from './types';

/** A 0…1 probability as a whole percentage, written the way each language writes it ("82%", "82 %"). */
export function formatPercent(p: number, lang: EscalationLanguage): string {
  const value = Math.round(Math.min(1, Math.max(0, p)) * 100);
  return lang === 'de' ? `${value} %` : `${value}%`;
}

/** A −1…1 sentiment score with one decimal and a real minus sign ("−0.7", "−0,7"). */
export function formatScore(score: number, lang: EscalationLanguage): string {
  const rounded = Math.round(score * 10) / 10;
  const text = Math.abs(rounded).toFixed(1);
  const local = lang === 'de' ? text.replace('.', ',') : text;
  if (rounded < 0) return `−${local}`;
  return rounded > 0 ? `+${local}` : local;
}

/**
 * How long ago an escalation happened, for the panel: "escalated 2 h ago" / "vor 2 Std. eskaliert".
 * Times in the future (clock skew between contexts) read as "just now".
 */
export function formatEscalatedAgo(at: number, now: number, lang: EscalationLanguage): string {
  const minutes = Math.floor(Math.max(0, now - at) / 60_000);
  if (minutes < 1) return lang === 'de' ? 'gerade eskaliert' : 'escalated just now';
  if (minutes < 60) return lang === 'de' ? `vor ${minutes} Min. eskaliert` : `escalated ${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return lang === 'de' ? `vor ${hours} Std. eskaliert` : `escalated ${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (lang === 'de') return `vor ${days} ${days === 1 ? 'Tag' : 'Tagen'} eskaliert`;
  return `escalated ${days} ${days === 1 ? 'day' : 'days'} ago`;
}
