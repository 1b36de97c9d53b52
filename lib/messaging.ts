/**
 * The one typed message protocol between content script, background, panel and the analysis host.
 * Requests go through `sendToBackground` / `sendToTab` / `sendToExtension`; every request is an envelope
 * `{ rapport: 1, type, payload }` and every answer `{ ok: true, value } | { ok: false, error: { code, message } }`,
 * so errors cross contexts with their code and no caller is left hanging. Payloads are validated on receipt.
 */
import { type Browser, browser } from 'wxt/browser';
// zod/mini: the same validation with a tree-shakable API, so the content script stays within its size budget.
import { z } from 'zod/mini';
import type { ConversationMood, CustomerState, MessageMood } from './analysis/types';
import type { TemplateRecord } from './db';
import { AppError, deserializeError, isSerializedError, type SerializedError, serializeError } from './errors';
import type { StoredEscalation } from './escalation/records';
import type { EscalationSecrets } from './escalation/secrets';
import type { ActionResult } from './escalation/types';
import type { ModelInfo, MoodModelState } from './models/analysis-protocol';
import type { Intent } from './models/types';
import type { PackSyncResult } from './replies/templates/pack-sync';
import type { ReadingHealth } from './sites/health';
import { conversationSchema, type InsertResult, type Role, roleSchema } from './sites/types';

const customerStateSchema = z.enum([
  'calm',
  'confused',
  'anxious',
  'frustrated',
  'angry',
  'sad',
  'grateful',
  'happy',
]) satisfies z.ZodMiniType<CustomerState>;

/** A string of at most `max` characters. */
function text(max: number) {
  return z.string().check(z.maxLength(max));
}

/** Runtime schema of a Conversation as it arrives from a content script: the one in lib/sites/types.ts. */
export { conversationSchema };

const serializedErrorSchema = z.object({
  code: z.string().check(z.regex(/^[a-z]+\/[\w-]+$/)),
  message: z.string(),
  // The values of the error's catalogue text (`errors.<code>`), so the panel can say it in the agent's language.
  params: z.optional(z.record(z.string(), z.union([z.string(), z.number()]))),
});

/** What the content script knows about its page: the conversation, or why it could not read one. */
export const pageReportSchema = z.object({
  url: z.string(),
  siteLabel: z.string(),
  siteKey: z.string(),
  enabled: z.boolean(),
  conversation: z.nullable(conversationSchema),
  error: z.nullable(serializedErrorSchema),
  /** The area the agent picked for pages like this one, and whether this page has it. */
  pick: z.optional(z.nullable(z.object({ pattern: text(10_000), found: z.boolean() }))),
  /** The conversation was carried over from this earlier page of the same ticket (a reply page shows none itself). */
  carriedFrom: z.optional(text(10_000)),
});
export type PageReport = z.infer<typeof pageReportSchema>;

const tabIdSchema = z.int().check(z.nonnegative());

/** The outer shape of an escalation record a panel saves (`retry`'s summary is checked by the receiver). */
const escalationRecordSchema = z.object({
  conversationKey: text(2100),
  site: text(40),
  url: text(10_000),
  at: z.number(),
  reasons: z.array(text(2000)).check(z.maxLength(100)),
  note: text(50_000),
  actions: z
    .array(z.object({ action: text(40), ok: z.boolean(), detail: text(5000), retryable: z.boolean() }))
    .check(z.maxLength(20)),
  retry: z.optional(z.unknown()),
});

/** The requests a panel framed in its tab's page may have the background pass on to that tab's content script. */
const relayedTypes = ['toggleDrawer', 'runZendeskEscalation'] as const;

/**
 * Every request message: its payload schema, who may send it, and the type of its answer.
 * Names are verb-first and grouped by direction. `framed: true`: the in-page drawer (our page framed in a web page)
 * may send it too — only once its frame redeemed its ticket where the receiver checks that (the background), and a
 * `tabId` it names must be its own tab's (issue 20). Every other extension-only request is refused from a frame.
 */
export const protocol = {
  // content → background
  reportPage: { from: 'content', payload: pageReportSchema },
  /** The agent is typing in the site's reply box (debounced): the panel checks the draft's tone. */
  reportReplyDraft: { from: 'content', payload: z.object({ text: text(20_000) }) },
  togglePanelFromPage: { from: 'content', payload: z.object({}) },
  /** A one-time ticket for the in-page drawer this content script is about to frame (see lib/panel/frame-guard.ts). */
  issueDrawerTicket: { from: 'content', payload: z.object({}) },
  /** The library's snippet shortcuts (`;refund`), fetched when the agent first types one where snippets are on. */
  listSnippetShortcuts: { from: 'content', payload: z.object({}) },
  /** A shortcut the agent typed: the template filled for the sender tab's conversation (`values`: the fill-in form's). */
  expandSnippet: {
    from: 'content',
    payload: z.object({ shortcut: text(40), values: z.optional(z.record(text(100), text(2000))) }),
  },
  // panel (extension page) → background
  getTabState: { from: 'extension', framed: true, payload: z.object({ tabId: tabIdSchema }) },
  insertText: { from: 'extension', framed: true, payload: z.object({ tabId: tabIdSchema, text: text(100_000) }) },
  correctRole: {
    from: 'extension',
    framed: true,
    payload: z.object({ tabId: tabIdSchema, messageId: z.string(), role: roleSchema }),
  },
  /** "Mood wrong?": the agent's state for one message, or without `messageId` for the conversation's headline. */
  correctMood: {
    from: 'extension',
    framed: true,
    payload: z.object({ tabId: tabIdSchema, messageId: z.optional(text(2000)), state: customerStateSchema }),
  },
  /** Takes a "Mood wrong?" correction back (message, or without `messageId` the headline): the engine's reading. */
  resetMoodCorrection: {
    from: 'extension',
    framed: true,
    payload: z.object({ tabId: tabIdSchema, messageId: z.optional(text(2000)) }),
  },
  rereadTab: { from: 'extension', framed: true, payload: z.object({ tabId: tabIdSchema }) },
  startPicker: { from: 'extension', framed: true, payload: z.object({ tabId: tabIdSchema }) },
  useSelection: { from: 'extension', framed: true, payload: z.object({ tabId: tabIdSchema }) },
  setSiteEnabled: { from: 'extension', framed: true, payload: z.object({ tabId: tabIdSchema, enabled: z.boolean() }) },
  closePanel: { from: 'extension', framed: true, payload: z.object({ tabId: tabIdSchema }) },
  /** Forgets the area picked for pages like the tab's and reads the page again. */
  forgetPick: { from: 'extension', framed: true, payload: z.object({ tabId: tabIdSchema }) },
  /** "Report a reading problem": the tab's diagnostic file (page structure masked, anchors, reading shape). */
  saveReadingReport: { from: 'extension', framed: true, payload: z.object({ tabId: tabIdSchema }) },
  // in-page drawer (extension frame without the tabs, permissions and commands APIs in Firefox) → background
  /** The tab whose page frames the sender: its id, title and URL. */
  getFrameTab: { from: 'extension', framed: true, payload: z.object({}) },
  /** The drawer's first request: its ticket, redeemed for the tab it was issued to; nothing renders before. */
  redeemDrawerTicket: { from: 'extension', framed: true, payload: z.object({ ticket: text(100) }) },
  /** A request for the content script of the sender's own tab, passed on by the background (see `sendToTab`). */
  relayToTab: {
    from: 'extension',
    framed: true,
    payload: z.object({
      tabId: tabIdSchema,
      type: z.enum(relayedTypes),
      payload: z.unknown(),
    }),
  },
  /** Opens a web page (http/https) or the settings page in a new tab. */
  openTab: { from: 'extension', framed: true, payload: z.object({ url: text(10_000) }) },
  /** The toggle-panel shortcut as the browser has it now. */
  getToggleShortcut: { from: 'extension', framed: true, payload: z.object({}) },
  /** Whether the extension may reach an origin pattern (`https://host/*`). */
  hasHostPermission: { from: 'extension', framed: true, payload: z.object({ origin: text(2000) }) },
  // panel without IndexedDB of its own (the in-page drawer) → background: its stored data (lib/panel/panel-data.ts)
  /** Every template that can be suggested or inserted (the starter pack installed first). */
  listActiveTemplates: { from: 'extension', framed: true, payload: z.object({}) },
  /** Counts an insert or copy of a template. */
  recordTemplateUse: { from: 'extension', framed: true, payload: z.object({ id: text(2000) }) },
  /** Refreshes the subscribed team packs that are due. */
  refreshDuePacks: { from: 'extension', framed: true, payload: z.object({}) },
  /** The escalation credentials (webhook URL, Freshdesk API key), which content scripts cannot read. */
  readEscalationSecrets: { from: 'extension', framed: true, payload: z.object({}) },
  /** The escalation records of one conversation, newest first. */
  listEscalationRecords: { from: 'extension', framed: true, payload: z.object({ conversationKey: text(2100) }) },
  getEscalationRecord: { from: 'extension', framed: true, payload: z.object({ id: z.int().check(z.positive()) }) },
  /**
   * Saves an escalation record: a new one without `id` (the answer has the id it got), else replaces record `id`.
   * The nested summary and retry data are checked by the handler against lib/escalation/records.ts's full schema.
   */
  saveEscalationRecord: {
    from: 'extension',
    framed: true,
    payload: z.object({ id: z.optional(z.int().check(z.positive())), record: escalationRecordSchema }),
  },
  // options page → background
  /** Deletes every stored mood correction, and takes them back in the tabs that show one. */
  deleteMoodCorrections: { from: 'extension', payload: z.object({}) },
  // background → content
  readPage: { from: 'extension', payload: z.object({}) },
  insertIntoPage: { from: 'extension', payload: z.object({ text: text(100_000) }) },
  showMood: { from: 'extension', payload: z.object({ mood: z.custom<BadgeMood | null>() }) },
  pickConversationArea: { from: 'extension', payload: z.object({}) },
  readSelection: { from: 'extension', payload: z.object({}) },
  forgetPickInPage: { from: 'extension', payload: z.object({}) },
  /** The diagnostic file for this page, built in the page (where the DOM is) with every text masked. */
  describeReading: { from: 'extension', payload: z.object({}) },
  toggleDrawer: { from: 'extension', payload: z.object({}) },
  /** Runs the Zendesk escalation through the agent's own session (same-origin REST with the CSRF token). */
  runZendeskEscalation: {
    from: 'extension',
    payload: z.object({
      ticketId: text(40),
      priority: z.enum(['high', 'urgent']),
      tags: z.array(text(100)).check(z.maxLength(50)),
      groupId: text(40),
      note: text(50_000),
      /** The escalation's reference in `note`: a retry does not post the note again when it is already there. */
      noteRef: text(40),
      lang: z.enum(['en', 'de']),
    }),
  },
  // panel → background, which routes to the mood engine (lib/models/mood-engine.ts). The background reaches the
  // engine's host over the mood-engine port (lib/models/mood-engine-port.ts), not with these messages.
  /** Mood of a piece of text (the agent's own draft, for the tone check); fast path, no evidence. */
  // Framed too: the drawer's tone check; text in, mood out, nothing of any tab read or changed.
  analyzeDraft: { from: 'extension', framed: true, payload: z.object({ text: text(20_000) }) },
  // options page → background → mood engine: the opt-in mood model
  /** Switches the mood model; the host answers at once and downloads in the background. */
  selectMoodModel: {
    from: 'extension',
    payload: z.object({ modelId: text(300), mirrorUrl: text(2000) }),
  },
  /** The mood model's download, load and fallback state (the settings page polls it while downloading). */
  getMoodModelState: { from: 'extension', payload: z.object({}) },
} as const;

/** A compact mood the in-page badge shows without opening the panel. */
export interface BadgeMood {
  /** `doubtful`: the reading looks wrong, so no mood is claimed. */
  label: 'angry' | 'upset' | 'anxious' | 'neutral' | 'positive' | 'unknown' | 'doubtful';
  /** The customer's state the panel's headline names (absent when no mood is claimed). */
  state?: CustomerState;
  text: string;
  confidence: number;
  urgent: boolean;
}

/** A snippet's template, filled for the conversation; `missing`: what the fill-in form must ask for first. */
export type SnippetExpansion =
  | { found: false }
  | {
      found: true;
      title: string;
      text: string;
      missing: { key: string; label: { en: string; de: string }; example?: string }[];
    };

/** The state of one tab, as the panel renders it. */
export interface TabState {
  tabId: number;
  report: PageReport | null;
  mood: ConversationMood | null;
  moodError: SerializedError | null;
  /** What the customer wants (intent classifier on their latest messages), highest first. */
  intents: { intent: Intent; p: number }[];
  /** The model that produced the mood and the backend it ran on. */
  model: ModelInfo | null;
  /** The reply the agent is typing in the site's reply box, for the tone check. */
  replyDraft: { text: string; at: number } | null;
  /** Role corrections the agent made for this conversation, by message id. */
  roleCorrections: Record<string, Role>;
  /** Whether the reading (with the agent's corrections) looks plausible; null without a conversation. */
  health: ReadingHealth | null;
  /** The tab moved to a page Rapport may not read: what is shown is the previous page's conversation. */
  stale: boolean;
  analyzing: boolean;
}

export interface ResponseMap {
  reportPage: undefined;
  reportReplyDraft: undefined;
  togglePanelFromPage: { open: boolean; via: 'side-panel' | 'drawer' };
  issueDrawerTicket: { ticket: string };
  redeemDrawerTicket: { tabId: number };
  listSnippetShortcuts: string[];
  expandSnippet: SnippetExpansion;
  getTabState: TabState;
  insertText: InsertResult;
  correctRole: undefined;
  correctMood: undefined;
  resetMoodCorrection: undefined;
  deleteMoodCorrections: { deleted: number };
  rereadTab: undefined;
  startPicker: undefined;
  useSelection: undefined;
  setSiteEnabled: undefined;
  closePanel: undefined;
  saveReadingReport: { fileName: string; json: string };
  forgetPick: undefined;
  forgetPickInPage: PageReport;
  describeReading: { json: string };
  getFrameTab: { tabId: number | null; title: string; url: string };
  relayToTab: unknown;
  openTab: undefined;
  getToggleShortcut: string;
  hasHostPermission: boolean;
  listActiveTemplates: TemplateRecord[];
  recordTemplateUse: undefined;
  refreshDuePacks: PackSyncResult[];
  readEscalationSecrets: EscalationSecrets;
  listEscalationRecords: StoredEscalation[];
  getEscalationRecord: StoredEscalation | null;
  saveEscalationRecord: { id: number | null };
  readPage: PageReport;
  insertIntoPage: InsertResult;
  showMood: undefined;
  pickConversationArea: PageReport;
  readSelection: PageReport;
  toggleDrawer: { open: boolean };
  runZendeskEscalation: ActionResult;
  analyzeDraft: MessageMood;
  selectMoodModel: MoodModelState;
  getMoodModelState: MoodModelState;
}

export type MessageType = keyof typeof protocol;
export type Payload<T extends MessageType> = z.infer<(typeof protocol)[T]['payload']>;
export type Response<T extends MessageType> = ResponseMap[T];

interface Envelope {
  rapport: 1;
  type: string;
  payload: unknown;
}

type Answer = { ok: true; value: unknown } | { ok: false; error: SerializedError };

function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return record.rapport === 1 && typeof record.type === 'string' && 'payload' in record;
}

function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(protocol, type);
}

function unwrap<T extends MessageType>(type: T, answer: unknown): Response<T> {
  if (answer === undefined) {
    throw new AppError('messaging/no-receiver', `Nobody answered "${type}" — the page or panel may have closed.`);
  }
  if (typeof answer !== 'object' || answer === null || !('ok' in answer)) {
    throw new AppError('messaging/bad-answer', `Malformed answer to "${type}".`);
  }
  const typed = answer as Answer;
  if (typed.ok) return typed.value as Response<T>;
  throw deserializeError(isSerializedError(typed.error) ? typed.error : serializeError(typed.error));
}

function envelope<T extends MessageType>(type: T, payload: Payload<T>): Envelope {
  return { rapport: 1, type, payload };
}

function wrapTransportError(type: string, error: unknown): AppError {
  const text = error instanceof Error ? error.message : String(error);
  if (/Receiving end does not exist|Could not establish connection/i.test(text)) {
    return new AppError('messaging/no-receiver', `Nobody is listening for "${type}" (${text}).`);
  }
  if (/Extension context invalidated/i.test(text)) {
    return new AppError('messaging/context-invalidated', 'Rapport was reloaded or updated; reload the page to use it.');
  }
  return new AppError('messaging/failed', `Sending "${type}" failed: ${text}`);
}

/** Sends a request from a content script or extension page to the extension's other contexts. */
export async function sendToExtension<T extends MessageType>(type: T, payload: Payload<T>): Promise<Response<T>> {
  let answer: unknown;
  try {
    answer = await browser.runtime.sendMessage(envelope(type, payload));
  } catch (error) {
    throw wrapTransportError(type, error);
  }
  return unwrap(type, answer);
}

type RelayedType = (typeof relayedTypes)[number];

function isRelayed(type: MessageType): type is RelayedType {
  return (relayedTypes as readonly string[]).includes(type);
}

/**
 * Whether this context lacks the tabs API: Firefox gives an extension page framed in a web page (the in-page drawer)
 * only what content scripts get (w3c/webextensions#787), so such a panel goes through the background.
 */
export function lacksTabsApi(): boolean {
  return typeof browser.tabs?.sendMessage !== 'function';
}

/**
 * Whether this code runs in our page framed inside a web page (the in-page drawer). Such a page reaches its tab only
 * through the background, which checks the tab is its own, even where the browser gives it the tabs API (Chrome).
 */
export function isFramedContext(): boolean {
  return typeof window !== 'undefined' && window.top !== window;
}

/**
 * Sends a request from the background or a panel to the content script of one tab (top frame). A panel without the
 * tabs API (Firefox's in-page drawer) has the background relay the requests it may send to its own tab.
 */
export async function sendToTab<T extends MessageType>(
  tabId: number,
  type: T,
  payload: Payload<T>,
): Promise<Response<T>> {
  if (lacksTabsApi() || isFramedContext()) {
    if (!isRelayed(type)) {
      throw new AppError('messaging/unsupported', `"${type}" cannot be sent to a tab from this page.`);
    }
    return (await sendToExtension('relayToTab', { tabId, type, payload })) as Response<T>;
  }
  let answer: unknown;
  try {
    answer = await browser.tabs.sendMessage(tabId, envelope(type, payload), { frameId: 0 });
  } catch (error) {
    throw wrapTransportError(type, error);
  }
  return unwrap(type, answer);
}

export type Sender = Browser.runtime.MessageSender;
export type Handler<T extends MessageType> = (
  payload: Payload<T>,
  sender: Sender,
) => Promise<Response<T>> | Response<T>;
export type Handlers = { [T in MessageType]?: Handler<T> };

/** Whether `sender` is our own content script running in a tab. */
export function isContentScriptSender(sender: Sender): boolean {
  return sender.id === browser.runtime.id && sender.tab?.id !== undefined && !isOurPage(sender.url);
}

/** Whether `sender` is one of our extension pages (side panel, options, offscreen, the drawer framed in a tab). */
export function isOurPageSender(sender: Sender): boolean {
  // The id as well as the URL: a rule that trusted a URL alone would trust whatever could name one.
  return sender.id === browser.runtime.id && isOurPage(sender.url);
}

/** Whether `sender` is one of our pages inside a frame of a tab: the in-page drawer, or a page someone framed. */
export function isFramedPageSender(sender: Sender): boolean {
  return (
    // A tab sender without a frame id is treated as framed too: only the top frame (0) is a page of its own.
    isOurPageSender(sender) && sender.tab?.id !== undefined && sender.frameId !== 0
  );
}

function isFramedType(type: MessageType): boolean {
  const spec = protocol[type];
  return 'framed' in spec && spec.framed;
}

/** The tab a payload names, if it names one. */
function namedTabId(payload: unknown): number | undefined {
  if (typeof payload !== 'object' || payload === null || !('tabId' in payload)) return undefined;
  return typeof payload.tabId === 'number' ? payload.tabId : undefined;
}

/** Decides whether a framed page's `framed` request is taken (the background: only from an admitted drawer frame). */
export type AdmitFramed = (type: MessageType, sender: Sender) => boolean | Promise<boolean>;

/**
 * Whether a receiver takes `type` from `sender`. Content-script requests only from our content scripts; the others
 * from our pages and the background; from one of our pages framed in a tab only the `framed` ones, and only where
 * `admitFramed` agrees (issue 20). Another extension or a web page never gets through. Answered synchronously except
 * for a framed sender: Chrome lets a handler open the side panel only within the click's own task.
 */
export function isAllowedSender(
  type: MessageType,
  sender: Sender,
  admitFramed?: AdmitFramed,
): boolean | Promise<boolean> {
  if (protocol[type].from === 'content') return isContentScriptSender(sender);
  if (isFramedPageSender(sender)) return isFramedType(type) && (admitFramed ? admitFramed(type, sender) : true);
  return isOurPageSender(sender) || isBackgroundSender(sender);
}

function isOurPage(url: string | undefined): boolean {
  return typeof url === 'string' && url.startsWith(browser.runtime.getURL('/'));
}

/**
 * Listens for the given request types. Each handler is only run for its allowed sender kind, with a validated
 * payload; whatever it returns or throws is answered. Messages for types this context does not handle are left
 * for other listeners. Returns a function that removes the listener.
 */
export function handleMessages(
  handlers: Handlers,
  options: {
    accept?: (type: MessageType, sender: Sender) => boolean;
    /** Whether a framed page's `framed` request is taken; without it, every `framed` request is. */
    admitFramed?: AdmitFramed;
  } = {},
): () => void {
  const listener = (message: unknown, sender: Sender, sendResponse: (answer: Answer) => void): true | undefined => {
    if (!isEnvelope(message) || !isMessageType(message.type)) return undefined;
    const type = message.type;
    const handler = handlers[type] as Handler<typeof type> | undefined;
    if (!handler) return undefined;
    // A context that declines (an old content script retired by a newer one) stays silent so the live one answers.
    if (options.accept && !options.accept(type, sender)) return undefined;
    void answerWith(type, handler, message.payload, sender, options.admitFramed).then(sendResponse);
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

async function answerWith<T extends MessageType>(
  type: T,
  handler: Handler<T>,
  rawPayload: unknown,
  sender: Sender,
  admitFramed?: AdmitFramed,
): Promise<Answer> {
  try {
    const spec = protocol[type];
    const allowed = isAllowedSender(type, sender, admitFramed);
    if (!(typeof allowed === 'boolean' ? allowed : await allowed)) {
      throw new AppError('messaging/bad-sender', `"${type}" is not accepted from this sender.`);
    }
    const parsed = spec.payload.safeParse(rawPayload);
    if (!parsed.success) {
      // zod/mini carries no locale (its English messages would double the content script), so name the field.
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'payload';
      throw new AppError(
        'messaging/bad-payload',
        `"${type}" payload is invalid at ${where}: ${issue ? `${issue.code} ${issue.message}` : 'unknown'}`,
      );
    }
    // A framed page acts for its own tab only, whatever tab id it names.
    const tabId = namedTabId(parsed.data);
    if (tabId !== undefined && isFramedPageSender(sender) && tabId !== sender.tab?.id) {
      throw new AppError('messaging/bad-sender', `"${type}" from a framed page may only name its own tab.`);
    }
    const value = await handler(parsed.data as Payload<T>, sender);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}

/** Messages from the background service worker carry no URL in some browsers; they do carry our id and no tab. */
function isBackgroundSender(sender: Sender): boolean {
  return (
    sender.id === browser.runtime.id && sender.tab === undefined && (sender.url === undefined || isOurPage(sender.url))
  );
}

// Port for the panel: the background pushes tab state, the panel's presence tells the background it is open.

/** Name of the port a panel opens for its tab: `panel:<tabId>`. */
export function panelPortName(tabId: number): string {
  return `panel:${tabId}`;
}

/** Parses a panel port name; null for other ports. */
export function parsePanelPortName(name: string): number | null {
  const match = /^panel:(\d+)$/.exec(name);
  return match ? Number(match[1]) : null;
}

/** What the background pushes to a panel over its port. */
export type PanelPush = { type: 'tab-state'; state: TabState } | { type: 'close' };

export function isPanelPush(value: unknown): value is PanelPush {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as Record<string, unknown>).type;
  return type === 'close' || (type === 'tab-state' && typeof (value as Record<string, unknown>).state === 'object');
}
