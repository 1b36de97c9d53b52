/**
 * Who may see and drive the panel UI outside the browser's own side panel (issue 20). A web page on a declared host
 * could frame an extension page, pass it any tab id and trick the agent into clicks. The in-page drawer is therefore
 * opened with a one-time ticket: our content script asks the background for one bound to its tab, puts it in the
 * frame's URL fragment (inside a closed shadow root, so the page never sees it), and the drawer redeems it before it
 * renders or asks for anything. The background then admits that frame, and only for its own tab.
 */
import { AppError } from '../errors';

/** How long an issued ticket may wait for its drawer to load and redeem it. */
export const drawerTicketTtlMs = 30_000;

/** What the background knows of a message's sender (a subset of `runtime.MessageSender`). */
export interface FrameSender {
  tab?: { id?: number };
  frameId?: number;
  /** Chrome: the sending document; a frame navigated to another document is a different sender. */
  documentId?: string;
}

interface Ticket {
  tabId: number;
  expires: number;
}

/** 256 random bits, hex: not guessable, and only ever seen by our content script and the drawer it frames. */
export function newTicket(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The drawer tickets the background has issued and not yet seen redeemed. */
export class DrawerTickets {
  private readonly open = new Map<string, Ticket>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly create: () => string = newTicket,
  ) {}

  /** A fresh ticket for the content script of tab `tabId`. */
  issue(tabId: number): string {
    this.prune();
    const ticket = this.create();
    this.open.set(ticket, { tabId, expires: this.now() + drawerTicketTtlMs });
    return ticket;
  }

  /**
   * Redeems `ticket` for a frame in tab `sender.tab.id`: valid once, for its own tab only, while fresh. Returns the
   * tab the drawer belongs to; throws (and spends the ticket) otherwise.
   */
  redeem(ticket: string, sender: FrameSender): number {
    this.prune();
    const issued = this.open.get(ticket);
    // Spent on any attempt: a ticket that reached the wrong frame must not be tried again.
    this.open.delete(ticket);
    const tabId = sender.tab?.id;
    if (!issued || tabId === undefined || issued.tabId !== tabId) {
      throw new AppError('panel/drawer-refused', 'This drawer was not opened by Rapport on this tab.');
    }
    return tabId;
  }

  /** Tickets of a closed tab are void. */
  forgetTab(tabId: number): void {
    for (const [ticket, issued] of this.open) if (issued.tabId === tabId) this.open.delete(ticket);
  }

  private prune(): void {
    const now = this.now();
    for (const [ticket, issued] of this.open) if (issued.expires <= now) this.open.delete(ticket);
  }
}

/** Where admitted frames are kept: `storage.session` in the extension, so a restarted service worker remembers them. */
export interface AdmissionStore {
  get(): Promise<string[]>;
  set(keys: string[]): Promise<void>;
}

/** A frame's identity: its tab, its frame and (where the browser says) its document. */
export function frameKey(sender: FrameSender): string | null {
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.frameId === undefined) return null;
  return `${tabId}:${sender.frameId}:${sender.documentId ?? ''}`;
}

/** The drawer frames that redeemed a ticket: only they may send the background the panel's requests. */
export class DrawerAdmissions {
  constructor(private readonly store: AdmissionStore) {}

  async admit(sender: FrameSender): Promise<void> {
    const key = frameKey(sender);
    if (key === null) throw new AppError('panel/drawer-refused', 'This drawer sits in no tab.');
    const keys = await this.store.get();
    if (!keys.includes(key)) await this.store.set([...keys, key]);
  }

  async isAdmitted(sender: FrameSender): Promise<boolean> {
    const key = frameKey(sender);
    return key !== null && (await this.store.get()).includes(key);
  }

  async forgetTab(tabId: number): Promise<void> {
    const keys = await this.store.get();
    const kept = keys.filter((key) => !key.startsWith(`${tabId}:`));
    if (kept.length !== keys.length) await this.store.set(kept);
  }
}

/** Whether this page runs inside a frame of another page (the in-page drawer, or a page framing us). */
export function isFramed(view: Window = window): boolean {
  return view.top !== view;
}

/** The drawer's ticket, taken out of the URL so that nothing later (a reload, a copied address) can use it again. */
export function takeTicketFromUrl(view: Window = window): string {
  const ticket = view.location.hash.replace(/^#/, '');
  view.history.replaceState(null, '', `${view.location.pathname}${view.location.search}`);
  return /^[0-9a-f]{64}$/.test(ticket) ? ticket : '';
}

/**
 * Whether a click came from the agent: a real input event (not one a script dispatched) while the page has a
 * transient user activation, where the browser reports one.
 */
export function isUserGesture(event: { isTrusted: boolean }, nav: Navigator = navigator): boolean {
  if (!event.isTrusted) return false;
  // Typed as always there, but older Firefox ESR lacks it: then isTrusted alone decides.
  const activation: UserActivation | undefined = 'userActivation' in nav ? nav.userActivation : undefined;
  return activation === undefined || activation.isActive;
}
