// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { runClipboardAction } from '../../../lib/escalation/clipboard';
import { runEmailAction } from '../../../lib/escalation/email';
import { evaluateEscalation } from '../../../lib/escalation/rules';
import { buildHandoffSummary, renderHandoffText } from '../../../lib/escalation/summary';
import { defaultSettings } from '../../../lib/settings';
import { angryGermanConversation } from './fixtures';

function summary(lang: 'en' | 'de', url?: string) {
  const { conversation, mood } = angryGermanConversation('mail-1', 'gmail', url);
  const { reasons } = evaluateEscalation(conversation, mood, defaultSettings.escalation.rules, { lang });
  return buildHandoffSummary({ conversation, mood, reasons, lang });
}

function mailtoParts(url: string): { address: string; subject?: string; body?: string } {
  const [address = '', query = ''] = url.slice('mailto:'.length).split('?');
  const params = new Map(
    query.split('&').map((pair) => {
      const [key = '', value = ''] = pair.split('=');
      return [key, decodeURIComponent(value)] as const;
    }),
  );
  return { address: decodeURIComponent(address), subject: params.get('subject'), body: params.get('body') };
}

describe('runEmailAction', () => {
  it('prepares a mailto draft with the summary, line breaks as CRLF', async () => {
    const handoff = summary('de');
    const result = await runEmailAction({ to: 'lead@shop.example', summary: handoff, lang: 'de' });
    expect(result).toMatchObject({
      action: 'email',
      ok: true,
      retryable: false,
      detail: 'E-Mail-Entwurf an lead@shop.example bereit — im Mailprogramm absenden.',
    });
    if (result.followUp?.kind !== 'open-url') throw new Error('expected a URL to open');
    expect(result.followUp.url.length).toBeLessThanOrEqual(1_900);
    expect(result.followUp.url).not.toContain('+');
    const parts = mailtoParts(result.followUp.url);
    expect(parts.address).toBe('lead@shop.example');
    expect(parts.subject).toBe('Eskalation: Bestellung nicht angekommen — Anna Weber');
    expect(parts.body?.startsWith(renderHandoffText(handoff).split('\n').slice(0, 3).join('\r\n'))).toBe(true);
  });

  it('opens Gmail compose in the same account when the agent is on Gmail, with mailto as the alternative', async () => {
    const handoff = summary('en', 'https://mail.google.com/mail/u/1/#inbox/FMfcgz');
    const result = await runEmailAction({
      to: 'lead@shop.example',
      summary: handoff,
      lang: 'en',
      pageUrl: handoff.link,
    });
    if (result.followUp?.kind !== 'open-url') throw new Error('expected a URL to open');
    const gmail = new URL(result.followUp.url);
    expect(gmail.origin + gmail.pathname).toBe('https://mail.google.com/mail/u/1/');
    expect(gmail.searchParams.get('view')).toBe('cm');
    expect(gmail.searchParams.get('to')).toBe('lead@shop.example');
    expect(gmail.searchParams.get('su')).toBe('Escalation: Bestellung nicht angekommen — Anna Weber');
    expect(gmail.searchParams.get('body')).toBe(renderHandoffText(handoff));
    expect(result.followUp.alternatives[0]?.url.startsWith('mailto:lead@shop.example?')).toBe(true);
  });

  it('shortens a long body to fit a mailto link, saying so', async () => {
    const handoff = { ...summary('en'), note: 'x '.repeat(2_000) };
    const result = await runEmailAction({ to: 'lead@shop.example', summary: handoff, lang: 'en' });
    if (result.followUp?.kind !== 'open-url') throw new Error('expected a URL to open');
    expect(result.followUp.url.length).toBeLessThanOrEqual(1_900);
    expect(mailtoParts(result.followUp.url).body).toContain('[shortened — see the link above]');
  });

  it('says what to fix for an invalid address', async () => {
    const result = await runEmailAction({ to: 'team lead', summary: summary('en'), lang: 'en' });
    expect(result).toEqual({
      action: 'email',
      ok: false,
      retryable: false,
      detail: 'Set a valid team lead email in Settings → Escalation.',
    });
  });
});

describe('runClipboardAction', () => {
  it('returns the summary text for the panel to copy', async () => {
    const handoff = summary('de');
    const result = await runClipboardAction({ summary: handoff, lang: 'de' });
    expect(result.followUp).toEqual({ kind: 'copy-text', text: renderHandoffText(handoff) });
  });
});
