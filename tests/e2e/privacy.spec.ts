import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type TestInfo } from '@playwright/test';
import { z } from 'zod';
import { chromiumArgs, resolveChromiumPath } from '../../scripts/browser';
import { type DemoConversation, demoConversations, getDemoConversation } from '../../scripts/demo/conversations';
import { expect, extensionPath, openPanelPage, tabIdOf, test } from './fixtures';
import { startReceiver } from './webhook-receiver';

/**
 * Privacy (issue 20): every demo conversation goes through every panel feature while every request the browser makes
 * is recorded; no request other than the configured escalation webhook may carry anything a customer wrote.
 *
 * What records the requests, and why three layers:
 * - Playwright's context-level `request` event: every page and extension page (ticket pages, panels, the settings
 *   page) and the extension's service worker, with method, URL, headers and post body.
 * - A CDP session attached to every target Playwright leaves alone: the offscreen document (Chrome reports it as a
 *   `background_page`) and dedicated or shared workers (the analysis worker), with `Network.requestWillBeSent` and
 *   the post body.
 * - Chromium's own NetLog (`--log-net-log`, capture mode Everything): what the network stack sent, from any process
 *   and any context, including ones neither of the above knows: URLs, request headers and the raw bytes written to
 *   every socket (the bodies). It cannot see a body that was never sent (a host that does not resolve here), which
 *   the first two layers see as the request is made.
 */

/** One request as a layer saw it; `socket` requests are NetLog's raw bytes per connection. */
interface RecordedRequest {
  via: string;
  method: string;
  url: string;
  headers: string;
  body: string;
}

/** Words of a text, whitespace folded, so a phrase matches however a serializer broke its lines. */
function fold(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** `text` with percent-escapes (and form-encoding's `+`) decoded where they decode; the rest left as it is. */
function urlDecoded(text: string): string {
  return text.replace(/\+/g, ' ').replace(/(%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      // A run that is not UTF-8 is not text a customer wrote; keep it as it came.
      return run;
    }
  });
}

/** `text` with JSON string escapes decoded (`\u00fc`, `\n`), for bodies that escape non-ASCII characters. */
function jsonDecoded(text: string): string {
  return text
    .replace(/\\u([0-9a-f]{4})/gi, (_escape, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/\\[nrt]/g, ' ')
    .replace(/\\(["\\/])/g, '$1');
}

/** The phrases of `phrases` that `haystack` carries: as written, lowercased, URL-encoded or JSON-escaped. */
function carriedPhrases(haystack: string, phrases: readonly string[]): string[] {
  if (haystack.length === 0) return [];
  const forms = [haystack, urlDecoded(haystack), jsonDecoded(haystack), jsonDecoded(urlDecoded(haystack))].map(fold);
  return phrases.filter((phrase) => forms.some((form) => form.includes(fold(phrase))));
}

/** A run of `count` words from the middle of `text`: something only this customer wrote. */
function middlePhrase(text: string, count: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  const start = Math.max(0, Math.floor(words.length / 2) - Math.floor(count / 2));
  return words.slice(start, start + count).join(' ');
}

/**
 * What identifies a conversation's customer text: the customer's name and email, the subject they wrote, and a
 * six-word run from the first, a middle and the latest of their messages.
 */
function customerPhrases(conversation: DemoConversation): string[] {
  const texts = conversation.messages.filter((message) => message.role === 'customer').map((message) => message.text);
  const picked = [texts[0], texts[Math.floor(texts.length / 2)], texts.at(-1)].filter(
    (text): text is string => text !== undefined,
  );
  const runs = picked.map((text) => middlePhrase(text, 6)).filter((phrase) => phrase.length >= 20);
  return [...new Set([conversation.customer.name, conversation.customer.email, conversation.subject, ...runs])];
}

const cdpMessageSchema = z.object({
  id: z.number().optional(),
  method: z.string().optional(),
  params: z
    .object({
      requestId: z.string().optional(),
      request: z
        .object({
          url: z.string(),
          method: z.string(),
          headers: z.record(z.string(), z.unknown()),
          postData: z.string().optional(),
          hasPostData: z.boolean().optional(),
        })
        .optional(),
    })
    .optional(),
  result: z.object({ postData: z.string().optional() }).optional(),
});

/**
 * Attaches to every target Playwright does not (offscreen document, workers) and records their requests. The CDP
 * session belongs to `anchor`, a page that stays open for the whole run; non-flat sessions route each target's
 * messages through it. Resolves with the URLs of the targets it attached to.
 */
async function recordOtherTargets(
  context: BrowserContext,
  anchor: Page,
  requests: RecordedRequest[],
): Promise<{
  attached: Map<string, string>;
  attachNew: () => Promise<void>;
  evaluateIn: (urlPart: string, expression: string) => Promise<void>;
}> {
  const cdp = await context.newCDPSession(anchor);
  // Target id → type and URL (a target may start without its URL and get it a moment later).
  const attached = new Map<string, string>();
  const seen = new Set<string>();
  const labels = new Map<string, string>();
  const awaitingBody = new Map<number, RecordedRequest>();
  const awaitingReply = new Map<number, (message: string) => void>();
  const sessions = new Map<string, string>();
  let nextId = 1;
  const send = (sessionId: string, method: string, params: object = {}) => {
    const id = nextId++;
    void cdp
      .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
      // The target may be gone already (a worker that finished); nothing of it is left to record.
      .catch(() => undefined);
    return id;
  };
  cdp.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
    const parsed = cdpMessageSchema.safeParse(JSON.parse(message));
    if (!parsed.success) return;
    const { id, method, params, result } = parsed.data;
    if (id !== undefined) {
      awaitingReply.get(id)?.(message);
      const waiting = awaitingBody.get(id);
      if (waiting && result?.postData) waiting.body = result.postData;
      return;
    }
    const request = params?.request;
    if (method !== 'Network.requestWillBeSent' || !request) return;
    const recorded: RecordedRequest = {
      via: `cdp ${labels.get(sessionId) ?? 'target'}`,
      method: request.method,
      url: request.url,
      headers: JSON.stringify(request.headers),
      body: request.postData ?? '',
    };
    requests.push(recorded);
    if (request.hasPostData && !request.postData && params?.requestId) {
      awaitingBody.set(send(sessionId, 'Network.getRequestPostData', { requestId: params.requestId }), recorded);
    }
  });
  const attach = async (target: { targetId: string; type: string; url: string }) => {
    if (seen.has(target.targetId) || !['background_page', 'worker', 'shared_worker', 'other'].includes(target.type)) {
      return;
    }
    seen.add(target.targetId);
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    labels.set(sessionId, `${target.type} ${target.url}`);
    sessions.set(target.targetId, sessionId);
    attached.set(target.targetId, `${target.type} ${target.url}`);
    send(sessionId, 'Network.enable');
  };
  cdp.on('Target.targetCreated', ({ targetInfo }) => {
    // A target that closes while we attach had nothing more to send.
    attach(targetInfo).catch(() => undefined);
  });
  // The offscreen document starts as an `other` target without a URL and becomes a `background_page` once loaded.
  cdp.on('Target.targetInfoChanged', ({ targetInfo }) => {
    if (!attached.has(targetInfo.targetId)) return;
    const label = `${targetInfo.type} ${targetInfo.url}`;
    attached.set(targetInfo.targetId, label);
    const sessionId = sessions.get(targetInfo.targetId);
    if (sessionId) labels.set(sessionId, label);
  });
  await cdp.send('Target.setDiscoverTargets', { discover: true });
  // Discovery from a page's session does not announce every kind of target (the offscreen document): look as well.
  const attachNew = async () => {
    const { targetInfos } = await cdp.send('Target.getTargets');
    for (const target of targetInfos) await attach(target).catch(() => undefined);
  };
  await attachNew();
  /** Runs `expression` in the attached target whose URL contains `urlPart`, and waits for it to finish. */
  const evaluateIn = async (urlPart: string, expression: string) => {
    const targetId = [...attached].find(([, label]) => label.includes(urlPart))?.[0];
    const sessionId = targetId ? sessions.get(targetId) : undefined;
    if (!sessionId) throw new Error(`No attached target at ${urlPart}`);
    const reply = await new Promise<string>((done) => {
      awaitingReply.set(send(sessionId, 'Runtime.evaluate', { expression, awaitPromise: true }), done);
    });
    if (!reply.includes('"result"')) throw new Error(`Could not run the canary in ${urlPart}: ${reply}`);
  };
  return { attached, attachNew, evaluateIn };
}

const netLogSchema = z.object({
  constants: z.object({ logEventTypes: z.record(z.string(), z.number()) }),
  events: z.array(
    z.object({
      type: z.number(),
      source: z.object({ id: z.number() }),
      params: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});

/** Reads a NetLog file; one Chromium did not get to finish (killed) lacks its closing brackets. */
function parseNetLog(text: string): z.infer<typeof netLogSchema> {
  const trimmed = text.trim();
  try {
    return netLogSchema.parse(JSON.parse(trimmed));
  } catch {
    return netLogSchema.parse(JSON.parse(`${trimmed.replace(/,\s*$/, '')}]}`));
  }
}

/**
 * The requests in a NetLog: one per URL request (method, URL, the headers sent) and one per socket with every byte
 * written to it (the request lines, headers and bodies of everything that went over it), named by the address it
 * connected to.
 */
function netLogRequests(text: string): RecordedRequest[] {
  const log = parseNetLog(text);
  const typeOf = new Map(Object.entries(log.constants.logEventTypes).map(([name, id]) => [id, name]));
  const urlRequests = new Map<number, RecordedRequest>();
  const sockets = new Map<number, { address: string; chunks: Buffer[] }>();
  const socket = (id: number) => {
    const found = sockets.get(id) ?? { address: '', chunks: [] };
    sockets.set(id, found);
    return found;
  };
  for (const event of log.events) {
    const type = typeOf.get(event.type);
    const params = event.params ?? {};
    const id = event.source.id;
    if (type === 'URL_REQUEST_START_JOB' && typeof params.url === 'string') {
      const method = typeof params.method === 'string' ? params.method : '';
      urlRequests.set(id, { via: 'netlog', method, url: params.url, headers: '', body: '' });
    } else if (type === 'HTTP_TRANSACTION_SEND_REQUEST_HEADERS' || type === 'HTTP2_SESSION_SEND_HEADERS') {
      const request = urlRequests.get(id);
      const headers = Array.isArray(params.headers) ? params.headers.map(String).join('\n') : '';
      const line = typeof params.line === 'string' ? params.line : '';
      if (request) request.headers += `${line}\n${headers}\n`;
      else
        urlRequests.set(id, { via: 'netlog headers', method: '', url: '', headers: `${line}\n${headers}`, body: '' });
    } else if (type === 'TCP_CONNECT_ATTEMPT' && typeof params.address === 'string') {
      socket(id).address = params.address;
    } else if (type === 'SOCKET_BYTES_SENT' || type === 'SSL_SOCKET_BYTES_SENT') {
      if (typeof params.bytes === 'string') socket(id).chunks.push(Buffer.from(params.bytes, 'base64'));
      else if (typeof params.hex_encoded_bytes === 'string') {
        socket(id).chunks.push(Buffer.from(params.hex_encoded_bytes, 'hex'));
      }
    }
  }
  // A kept-alive connection carries many requests: split its bytes at each HTTP/1.1 request line, so each request
  // (line, headers, body) is judged by itself. TLS and HTTP/2 bytes stay one record per connection.
  const bySocket = [...sockets.values()]
    .filter((entry) => entry.chunks.length > 0)
    .flatMap((entry) =>
      Buffer.concat(entry.chunks)
        .toString('utf8')
        .split(/(?=^[A-Z]+ \S+ HTTP\/1\.1\r\n)/m)
        .map((segment) => {
          const [method = '', target = ''] = /^([A-Z]+) (\S+) HTTP\/1\.1\r\n/.exec(segment)?.slice(1) ?? [];
          return { via: 'netlog socket', method, url: `tcp://${entry.address}${target}`, headers: '', body: segment };
        }),
    );
  return [...urlRequests.values(), ...bySocket];
}

/** Sets the webhook, the scripted draft engine and a snippet, as a team lead and an agent would in the settings. */
async function configure(context: BrowserContext, extensionId: string, webhookUrl: string): Promise<void> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('webhook-url').fill(webhookUrl);
  await options.getByTestId('save-escalation').click();
  await expect(options.getByText('Escalation settings saved')).toBeVisible();
  await options.getByTestId('reply-engine').selectOption('demo');
  await expect(options.getByTestId('reply-engine')).toHaveValue('demo');

  // A snippet the conversation fills by itself (no fill-in form), switched on for the demo helpdesk.
  await expect(options.getByTestId('library-row').first()).toBeVisible();
  await options.getByRole('button', { name: 'New template' }).click();
  const editor = options.getByTestId('template-editor');
  await editor.getByLabel('Title').fill('Privacy check');
  await editor.getByLabel('Shortcut (optional)').fill(';privacy-check');
  await editor.getByRole('checkbox', { name: 'Refund' }).check();
  await editor.getByLabel('Text').fill('Thanks for your patience, {{customer.firstName}}.');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();
  await options.getByTestId('snippets-generic').click();
  await expect(options.getByTestId('snippets-generic')).toBeChecked();
  await options.close();
}

/** Inserts a suggestion, filling in whatever the template asks for first. */
async function insertSuggestion(panel: Page): Promise<void> {
  const first = panel.getByTestId('suggestion').first();
  await first.getByRole('button', { name: 'Insert' }).click();
  const form = first.getByTestId('template-fill-form');
  const status = first.getByTestId('template-use-status');
  await expect(form.or(status)).toBeVisible();
  if (await form.isVisible()) {
    const fields = form.getByRole('textbox');
    for (let index = 0; index < (await fields.count()); index++) await fields.nth(index).fill('42');
    await form.getByRole('button', { name: 'Insert' }).click();
  }
  await expect(status).toHaveText('Inserted into the reply box');
}

/** Writes demo drafts and waits for the first to finish; `insert`: puts it into the reply box too. */
async function draftReply(panel: Page, insert: boolean): Promise<void> {
  const card = panel.getByTestId('drafts-card');
  await card.getByTestId('drafts-draft').click();
  const draft = panel.getByTestId('draft').first();
  await expect(draft).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  if (!insert) return;
  await draft.getByRole('button', { name: 'Insert' }).click();
  const confirm = draft.getByTestId('insert-confirm');
  const inserted = panel.getByText('Inserted into the reply box');
  await expect(confirm.or(inserted).first()).toBeVisible();
  if (await confirm.isVisible()) await confirm.getByRole('button', { name: 'Insert anyway' }).click();
  await expect(inserted.first()).toBeVisible();
}

/** Every other panel feature on one conversation: mood correction, reading tools, snippet, escalation. */
async function exerciseEveryFeature(page: Page, panel: Page, conversation: DemoConversation, testInfo: TestInfo) {
  await insertSuggestion(panel);
  await draftReply(panel, true);

  const mood = panel.getByTestId('mood-card');
  await mood.getByTestId('mood-wrong').click();
  await panel.getByRole('menuitemradio', { name: 'Anxious' }).click();
  await expect(mood).toHaveAttribute('data-state-source', 'agent');
  const firstMessage = panel.getByTestId('read-message').first();
  await firstMessage.getByTestId('message-mood-wrong').click();
  await firstMessage.getByRole('menuitemradio', { name: 'Calm' }).click();
  await expect(firstMessage.getByTestId('message-mood')).toHaveAttribute('data-state-source', 'agent');

  // A healthy reading keeps the reading tools behind "Fix reading…" (issue 22); a doubtful one shows them open.
  const fix = panel.getByTestId('reading-fix');
  if ((await fix.getAttribute('aria-expanded')) === 'false') await fix.click();
  await panel.getByRole('button', { name: 'Read again' }).click();
  await expect(mood).toHaveAttribute('data-sentiment', /.+/, { timeout: 30_000 });
  const [report] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId('report-problem').click()]);
  await report.saveAs(testInfo.outputPath(`reading-report-${conversation.id}.json`));

  // The agent types in the site's reply box: the tone check reads it, and a snippet expands there.
  const reply = page.locator('#reply-body');
  await reply.fill('');
  await reply.click();
  await reply.pressSequentially('Sorry for the wait. ;privacy-check ');
  await expect(reply).toHaveValue(/Thanks for your patience, \S+\./);

  const card = panel.getByTestId('escalation-card');
  await card.getByLabel(/Note to the team lead/).fill('Privacy run: please call back.');
  await card.getByTestId('escalate-button').click();
  await expect(card.getByTestId('escalation-record').locator('[data-action="webhook"]')).toHaveAttribute(
    'data-ok',
    'true',
    { timeout: 30_000 },
  );
}

test.describe('privacy', () => {
  test('no request but the configured webhook carries customer text, over every demo conversation and feature', async ({
    demo,
  }, testInfo) => {
    test.setTimeout(240_000);
    const profile = await mkdtemp(join(tmpdir(), 'rapport-privacy-'));
    const netLogPath = join(profile, 'netlog.json');
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const context = await chromium.launchPersistentContext(join(profile, 'user-data'), {
      executablePath: resolveChromiumPath(),
      headless: true,
      args: [
        ...chromiumArgs(extensionPath, isRoot),
        `--log-net-log=${netLogPath}`,
        '--net-log-capture-mode=Everything',
      ],
      viewport: { width: 1280, height: 900 },
    });
    const receiver = await startReceiver();
    const recorded: RecordedRequest[] = [];
    const canaryRequest = {
      url: `${demo.url}/privacy-canary`,
      text: getDemoConversation('angry-refund').customer.email,
    };
    try {
      context.on('request', (request) => {
        recorded.push({
          via: request.serviceWorker() ? 'service worker' : 'page',
          method: request.method(),
          url: request.url(),
          headers: JSON.stringify(request.headers()),
          body: request.postDataBuffer()?.toString('utf8') ?? '',
        });
      });
      const anchor = context.pages()[0] ?? (await context.newPage());
      const others = await recordOtherTargets(context, anchor, recorded);
      const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      const extensionId = new URL(serviceWorker.url()).host;

      await configure(context, extensionId, receiver.url);

      // Every demo conversation: read, mood, suggestions, a demo draft. Two of them (English, German) also get
      // every other feature, escalation included.
      const everything = new Set([getDemoConversation('angry-refund').id, getDemoConversation('damaged-item-de').id]);
      for (const conversation of demoConversations) {
        const page = await context.newPage();
        await page.goto(`${demo.url}/tickets/${conversation.id}`);
        const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
        await panel.setViewportSize({ width: 420, height: 1400 });
        await expect(panel.getByTestId('mood-card')).toHaveAttribute('data-sentiment', /.+/, { timeout: 30_000 });
        await expect(panel.getByTestId('suggestion').first()).toBeVisible();
        await others.attachNew();
        if (everything.has(conversation.id)) await exerciseEveryFeature(page, panel, conversation, testInfo);
        else await draftReply(panel, false);
        await panel.close();
        await page.close();
      }

      // The settings' exports: mood corrections (what customers wrote) and the template library.
      const options = await context.newPage();
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      const corrections = options.getByTestId('mood-corrections');
      const [tsv] = await Promise.all([
        options.waitForEvent('download'),
        corrections.getByRole('button', { name: 'Export mood corrections (TSV)' }).click(),
      ]);
      expect(await readFile(await tsv.path(), 'utf8')).toMatch(/^calm\t/m);
      const [pack] = await Promise.all([
        options.waitForEvent('download'),
        options.getByRole('button', { name: 'Export all' }).click(),
      ]);
      expect(await readFile(await pack.path(), 'utf8')).toContain('Privacy check');
      // Anything still on its way (a late analysis, a beacon) gets time to show before the browser closes.
      await options.waitForTimeout(1500);

      // Canaries: customer text sent on purpose from a web page (as a query and a body) and from the offscreen
      // document, to a path of the demo server, proves each layer sees what a leak would look like.
      const canary = await context.newPage();
      await canary.goto(`${demo.url}/tickets/${getDemoConversation('angry-refund').id}`);
      await canary.evaluate(async ({ url, text }) => {
        await fetch(`${url}?q=${encodeURIComponent(text)}`);
        await fetch(url, { method: 'POST', body: JSON.stringify({ text }) });
      }, canaryRequest);
      await others.attachNew();
      await others.evaluateIn(
        '/offscreen.html',
        `fetch(${JSON.stringify(canaryRequest.url)}, { method: 'POST', body: ${JSON.stringify(canaryRequest.text)} })`,
      );
      await canary.waitForTimeout(500);
      const targets = [...others.attached.values()];
      await testInfo.attach('cdp-targets.txt', { body: targets.join('\n') });
      expect(targets.some((target) => target.startsWith('background_page') && target.includes('/offscreen.html'))).toBe(
        true,
      );
    } finally {
      await context.close();
      await receiver.close();
    }

    // NetLog is complete once the browser has closed.
    recorded.push(...netLogRequests(await readFile(netLogPath, 'utf8')));
    await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });

    const webhook = new URL(receiver.url);
    // NetLog names a socket by the address it connected to (127.0.0.1 here), a URL request by its URL.
    const isWebhook = (request: RecordedRequest) =>
      request.url === receiver.url ||
      (request.via === 'netlog socket' && request.url === `tcp://127.0.0.1:${webhook.port}${webhook.pathname}`);
    const phrases = demoConversations.flatMap((conversation) =>
      customerPhrases(conversation).map((phrase) => ({ conversation: conversation.id, phrase })),
    );
    const allPhrases = phrases.map((entry) => entry.phrase);
    expect(phrases.length).toBeGreaterThanOrEqual(demoConversations.length * 4);

    const isCanary = (request: RecordedRequest) => request.url.includes('/privacy-canary');
    const canaries = recorded.filter(isCanary);
    await testInfo.attach('canaries.json', { body: JSON.stringify(canaries, null, 1) });
    const caught = (via: string) =>
      canaries.some(
        (request) =>
          request.via.startsWith(via) && carriedPhrases(`${request.url}\n${request.body}`, allPhrases).length > 0,
      );
    for (const via of ['page', 'cdp background_page', 'netlog', 'netlog socket']) expect(caught(via), via).toBe(true);

    const leaks = recorded
      .filter((request) => !isWebhook(request) && !isCanary(request))
      .flatMap((request) => {
        const found = carriedPhrases(`${request.url}\n${request.headers}\n${request.body}`, allPhrases);
        return found.length === 0 ? [] : [{ via: request.via, method: request.method, url: request.url, found }];
      });
    const summary = recorded.map((request) => `${request.via}\t${request.method}\t${request.url.slice(0, 200)}`);
    await testInfo.attach('requests.tsv', { body: summary.join('\n') });
    expect(leaks).toEqual([]);

    // The recording is real: each layer saw the demo pages, and the escalations reached the webhook with the text
    // the detector looks for (the subject the customer wrote), seen by Playwright and in NetLog's socket bytes.
    expect(recorded.some((request) => request.via === 'page' && request.url.startsWith(demo.url))).toBe(true);
    expect(recorded.some((request) => request.via === 'netlog' && request.url.startsWith(demo.url))).toBe(true);
    const angrySubject = getDemoConversation('angry-refund').subject;
    const toWebhook = recorded.filter(isWebhook);
    const carriesSubject = (request: RecordedRequest) => carriedPhrases(request.body, [angrySubject]).length > 0;
    expect(toWebhook.filter((request) => !request.via.startsWith('netlog')).some(carriesSubject)).toBe(true);
    expect(toWebhook.filter((request) => request.via === 'netlog socket').some(carriesSubject)).toBe(true);
    expect(receiver.posts).toHaveLength(2);
  });
});
