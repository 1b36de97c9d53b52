// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { declaredSiteMatches, isCoveredByMatchPatterns, storeSiteMatches } from '../../../lib/sites/matches';

/**
 * Which URLs the extension's declared hosts cover (lib/sites/matches.ts): the escalation settings ask for a host
 * permission only for a webhook outside them, so a wrong answer either skips a prompt the webhook needs or asks for
 * access the extension already has.
 */
describe('isCoveredByMatchPatterns', () => {
  it('covers the helpdesks the store build declares, on any path', () => {
    expect(isCoveredByMatchPatterns('https://mail.google.com/mail/u/0/#inbox', storeSiteMatches)).toBe(true);
    expect(isCoveredByMatchPatterns('https://shop.zendesk.com/api/v2/tickets.json', storeSiteMatches)).toBe(true);
    expect(isCoveredByMatchPatterns('https://support.shop.freshdesk.com/a/tickets/1', storeSiteMatches)).toBe(true);
    expect(isCoveredByMatchPatterns('https://outlook.office365.com/mail/', storeSiteMatches)).toBe(true);
  });

  it('leaves out other hosts, look-alikes and the other scheme', () => {
    expect(isCoveredByMatchPatterns('https://hooks.slack.com/services/T0/B0/x', storeSiteMatches)).toBe(false);
    expect(isCoveredByMatchPatterns('https://shop.zendesk.com.attacker.example/hook', storeSiteMatches)).toBe(false);
    expect(isCoveredByMatchPatterns('https://evilzendesk.com/hook', storeSiteMatches)).toBe(false);
    expect(isCoveredByMatchPatterns('http://mail.google.com/', storeSiteMatches)).toBe(false);
  });

  it('covers the domain of a `*.` pattern itself, as browsers do', () => {
    expect(isCoveredByMatchPatterns('https://zendesk.com/', ['https://*.zendesk.com/*'])).toBe(true);
  });

  it('covers a local receiver on any port only where the build declares the demo hosts', () => {
    expect(isCoveredByMatchPatterns('http://127.0.0.1:8080/hook', declaredSiteMatches)).toBe(true);
    expect(isCoveredByMatchPatterns('http://localhost:3000/hook', declaredSiteMatches)).toBe(true);
    expect(isCoveredByMatchPatterns('http://127.0.0.1:8080/hook', storeSiteMatches)).toBe(false);
  });

  it('covers nothing for a URL or pattern that does not parse', () => {
    expect(isCoveredByMatchPatterns('hooks.slack.com/services', storeSiteMatches)).toBe(false);
    expect(isCoveredByMatchPatterns('', storeSiteMatches)).toBe(false);
    expect(isCoveredByMatchPatterns('https://shop.example/', ['https://shop.*/*', 'not a pattern'])).toBe(false);
    expect(isCoveredByMatchPatterns('ftp://files.shop.example/', ['ftp://files.shop.example/*'])).toBe(false);
  });
});
