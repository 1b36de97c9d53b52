// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { pageFetchOf } from '../../../lib/sites/page-fetch';

function recorder(name: string, calls: string[]) {
  return async function fetchStandIn(this: unknown, url: string, init?: RequestInit): Promise<Response> {
    calls.push(`${name} ${init?.method ?? 'GET'} ${url} this=${this === undefined ? 'none' : 'set'}`);
    return new Response('{}');
  };
}

describe('the fetch the Zendesk escalation uses in the content script (issue 20)', () => {
  it('is the page’s own fetch in Firefox (content.fetch), so the request carries the agent’s session', async () => {
    const calls: string[] = [];
    const content = { fetch: recorder('page', calls) };
    const scope = { content, fetch: recorder('content-script', calls) };
    await pageFetchOf(scope)('https://acme.zendesk.com/api/v2/tickets/1.json', { method: 'PUT' });
    // Called as a method of the page's window, as Firefox's content.fetch must be.
    expect(calls).toEqual(['page PUT https://acme.zendesk.com/api/v2/tickets/1.json this=set']);
  });

  it('is the content script’s fetch in Chrome, which already runs on behalf of the page', async () => {
    const calls: string[] = [];
    await pageFetchOf({ fetch: recorder('content-script', calls) })('https://acme.zendesk.com/api/v2/users/me.json');
    expect(calls).toEqual(['content-script GET https://acme.zendesk.com/api/v2/users/me.json this=set']);
  });

  it('ignores a `content` that is not a window with fetch', async () => {
    const calls: string[] = [];
    await pageFetchOf({ content: 'x', fetch: recorder('content-script', calls) })('https://acme.zendesk.com/');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toContain('content-script');
  });
});
