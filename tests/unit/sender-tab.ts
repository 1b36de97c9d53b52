import type { Sender } from '../../lib/messaging';

/** A complete `runtime.MessageSender` tab, as the browser hands the background for a sender in tab `id` at `url`. */
export function senderTab(id: number, url: string): NonNullable<Sender['tab']> {
  return {
    id,
    index: 0,
    windowId: 1,
    url,
    title: 'Ticket #4711',
    active: true,
    highlighted: true,
    pinned: false,
    incognito: false,
    discarded: false,
    autoDiscardable: true,
    frozen: false,
    groupId: -1,
    selected: true,
  };
}
