// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  DrawerAdmissions,
  DrawerTickets,
  drawerTicketTtlMs,
  frameKey,
  isUserGesture,
  newTicket,
} from '../../../lib/panel/frame-guard';

function clock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** The drawer framed in tab `tabId` (frame 3), as the background sees it. */
const drawerIn = (tabId: number, documentId?: string) => ({ tab: { id: tabId }, frameId: 3, documentId });

describe('drawer tickets', () => {
  it('are 256 random bits, different every time', () => {
    const tickets = new Set(Array.from({ length: 50 }, newTicket));
    expect(tickets.size).toBe(50);
    for (const ticket of tickets) expect(ticket).toMatch(/^[0-9a-f]{64}$/);
  });

  it('admit the drawer of the tab they were issued to, once', () => {
    const tickets = new DrawerTickets();
    const ticket = tickets.issue(7);
    expect(tickets.redeem(ticket, drawerIn(7))).toBe(7);
    // Replayed (a page that saw the address): refused.
    expect(() => tickets.redeem(ticket, drawerIn(7))).toThrow(/not opened by Rapport/);
  });

  it('refuse a drawer in another tab, and are spent by the attempt', () => {
    const tickets = new DrawerTickets();
    const ticket = tickets.issue(7);
    expect(() => tickets.redeem(ticket, drawerIn(8))).toThrow(
      expect.objectContaining({ code: 'panel/drawer-refused' }),
    );
    expect(() => tickets.redeem(ticket, drawerIn(7))).toThrow(/not opened by Rapport/);
  });

  it('refuse a guessed ticket and a drawer in no tab', () => {
    const tickets = new DrawerTickets();
    const ticket = tickets.issue(7);
    expect(() => tickets.redeem('0'.repeat(64), drawerIn(7))).toThrow(/not opened by Rapport/);
    expect(() => tickets.redeem(ticket, { frameId: 3 })).toThrow(/not opened by Rapport/);
  });

  it('expire unredeemed', () => {
    const time = clock();
    const tickets = new DrawerTickets(time.now);
    const late = tickets.issue(7);
    const inTime = tickets.issue(7);
    time.advance(drawerTicketTtlMs - 1);
    expect(tickets.redeem(inTime, drawerIn(7))).toBe(7);
    time.advance(1);
    expect(() => tickets.redeem(late, drawerIn(7))).toThrow(/not opened by Rapport/);
  });

  it('die with their tab', () => {
    const tickets = new DrawerTickets();
    const ticket = tickets.issue(7);
    tickets.forgetTab(7);
    expect(() => tickets.redeem(ticket, drawerIn(7))).toThrow(/not opened by Rapport/);
  });
});

describe('admitted drawer frames', () => {
  function memoryStore() {
    let keys: string[] = [];
    return {
      get: async () => keys,
      set: async (next: string[]) => {
        keys = next;
      },
    };
  }

  it('are the exact frame (and document) that redeemed a ticket', async () => {
    const admissions = new DrawerAdmissions(memoryStore());
    await admissions.admit(drawerIn(7, 'doc-a'));
    expect(await admissions.isAdmitted(drawerIn(7, 'doc-a'))).toBe(true);
    // The same frame navigated to another document, another frame, another tab: not admitted.
    expect(await admissions.isAdmitted(drawerIn(7, 'doc-b'))).toBe(false);
    expect(await admissions.isAdmitted({ tab: { id: 7 }, frameId: 4, documentId: 'doc-a' })).toBe(false);
    expect(await admissions.isAdmitted(drawerIn(8, 'doc-a'))).toBe(false);
    await admissions.forgetTab(7);
    expect(await admissions.isAdmitted(drawerIn(7, 'doc-a'))).toBe(false);
  });

  it('need a tab and a frame', async () => {
    expect(frameKey({ frameId: 3 })).toBeNull();
    expect(frameKey({ tab: { id: 1 } })).toBeNull();
    await expect(new DrawerAdmissions(memoryStore()).admit({ frameId: 3 })).rejects.toThrow(/no tab/);
  });
});

describe('a user gesture', () => {
  const active = { userActivation: { isActive: true, hasBeenActive: true } } as unknown as Navigator;
  const inactive = { userActivation: { isActive: false, hasBeenActive: true } } as unknown as Navigator;
  const older = {} as Navigator;

  it('is a trusted event while the page has transient activation', () => {
    expect(isUserGesture({ isTrusted: true }, active)).toBe(true);
    expect(isUserGesture({ isTrusted: true }, inactive)).toBe(false);
  });

  it('is never a script-dispatched event', () => {
    expect(isUserGesture({ isTrusted: false }, active)).toBe(false);
    expect(isUserGesture({ isTrusted: false }, older)).toBe(false);
  });

  it('falls back to isTrusted where the browser has no userActivation', () => {
    expect(isUserGesture({ isTrusted: true }, older)).toBe(true);
  });
});
