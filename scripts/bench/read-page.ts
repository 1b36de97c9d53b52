/**
 * The read bench's page script (bundled by scripts/bench/read.ts into a fixture page served on its real URL, never into
 * the product build): turns the page into a 100-message thread, then times the adapter's DOM read, the site's API
 * reader against a fake `fetch` in the page, and `createConversationReader`, which chooses between the two.
 */
import { getAdapterFor, readConversation } from '../../lib/sites';
import { readFreshdeskFromApi } from '../../lib/sites/freshdesk-api';
import { createConversationReader } from '../../lib/sites/reader';
import type { ApiReadContext, Conversation, FetchLike, ReadContext, SiteId } from '../../lib/sites/types';
import { readZendeskFromApi } from '../../lib/sites/zendesk-api';
import { buildFreshdeskApi, buildThread, buildZendeskApi, type FakeApiThread, THREAD_SPECS } from './read-threads';

const WARM_UP_RUNS = 5;
const DOM_RUNS = 60;
const API_RUNS = 40;

type Agent = ReadContext['agent'];

/** What one way of reading measured; times are the reader's own, without the fake fetch. */
export interface ReadTimings {
  messages: number;
  source: string;
  /** The first read on the page (cold: nothing compiled or cached yet). */
  firstMs: number;
  timesMs: number[];
  /** Requests the fake API answered per read, and the time spent answering them (taken out of `timesMs`). */
  requests: number;
  fetchMs: number;
}

/** The orchestrated reader: first read (page + API), then reads answered from its cache while the page is unchanged. */
export interface ReaderTimings {
  first: ReadTimings;
  cached: ReadTimings;
}

/** A `fetch` that answers from the fake API at once, counting requests and the time spent building responses. */
function createFakeFetch(api: FakeApiThread): { fetch: FetchLike; requests: number; spentMs: number } {
  const state = {
    requests: 0,
    spentMs: 0,
    fetch: async (input: string): Promise<Response> => {
      const start = performance.now();
      const body = api.answer(new URL(input));
      const response =
        body === undefined
          ? new Response('{"error":"RecordNotFound"}', { status: 404 })
          : new Response(body, { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
      state.requests += 1;
      state.spentMs += performance.now() - start;
      return response;
    },
  };
  return state;
}

function contextOf(agent: Agent): ReadContext {
  return { url: new URL(location.href), agent };
}

function apiOf(site: SiteId, htmlOnly: boolean): FakeApiThread {
  if (site === 'zendesk') return buildZendeskApi();
  if (site === 'freshdesk') return buildFreshdeskApi(undefined, { htmlOnly });
  throw new Error(`${site} has no API reader`);
}

/**
 * Runs `read` once cold, a few times to warm up, then `runs` times; each time is the read's wall time less what the
 * fake fetch spent building responses.
 */
async function timeReads(
  runs: number,
  fake: { requests: number; spentMs: number } | null,
  read: () => Conversation | Promise<Conversation>,
): Promise<ReadTimings> {
  const timeOne = async (): Promise<{ conversation: Conversation; ms: number }> => {
    const spentBefore = fake?.spentMs ?? 0;
    const start = performance.now();
    const conversation = await read();
    const ms = performance.now() - start - ((fake?.spentMs ?? 0) - spentBefore);
    return { conversation, ms };
  };
  const first = await timeOne();
  for (let i = 0; i < WARM_UP_RUNS; i++) await timeOne();
  const requestsBefore = fake?.requests ?? 0;
  const spentBefore = fake?.spentMs ?? 0;
  const timesMs: number[] = [];
  let last = first.conversation;
  for (let i = 0; i < runs; i++) {
    const { conversation, ms } = await timeOne();
    timesMs.push(ms);
    last = conversation;
  }
  return {
    messages: last.messages.length,
    source: last.source ?? 'page',
    firstMs: first.ms,
    timesMs,
    requests: ((fake?.requests ?? 0) - requestsBefore) / runs,
    fetchMs: ((fake?.spentMs ?? 0) - spentBefore) / runs,
  };
}

const bench = {
  /** Replaces the fixture's messages with a 100-message thread; returns the message elements now on the page. */
  buildThread(site: SiteId): number {
    const spec = THREAD_SPECS.find((s) => s.site === site);
    if (!spec) throw new Error(`no thread spec for ${site}`);
    return buildThread(document, spec);
  },

  /** The adapter's DOM read (`readConversation`, what the content script calls). */
  timeDomRead(agent: Agent): Promise<ReadTimings> {
    const ctx = contextOf(agent);
    return timeReads(DOM_RUNS, null, () => readConversation(document, ctx));
  },

  /** The site's API reader alone, against the fake API (100 entries). */
  timeApiRead(site: SiteId, agent: Agent, htmlOnly = false): Promise<ReadTimings> {
    const fake = createFakeFetch(apiOf(site, htmlOnly));
    const readFromApi = site === 'zendesk' ? readZendeskFromApi : readFreshdeskFromApi;
    return timeReads(API_RUNS, fake, () => {
      const ctx: ApiReadContext = {
        ...contextOf(agent),
        doc: document,
        fetch: fake.fetch,
        signal: new AbortController().signal,
      };
      return readFromApi(ctx);
    });
  },

  /** `createConversationReader` on this page with the fake API: a first read (a new reader each time), then cached reads. */
  async timeReader(site: SiteId, agent: Agent): Promise<ReaderTimings> {
    const fake = createFakeFetch(apiOf(site, false));
    const request = { adapter: getAdapterFor(location.href), doc: document, ctx: contextOf(agent) };
    const first = await timeReads(API_RUNS, fake, () => createConversationReader({ fetch: fake.fetch }).read(request));
    const reader = createConversationReader({ fetch: fake.fetch });
    await reader.read(request);
    const cached = await timeReads(DOM_RUNS, fake, () => reader.read(request));
    return { first, cached };
  },
};

/** What the page exposes to scripts/bench/read.ts. */
export type ReadPageBench = typeof bench;

Object.assign(globalThis, { rapportReadBench: bench });
