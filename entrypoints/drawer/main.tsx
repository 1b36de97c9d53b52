import '../../components/panel.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PanelApp } from '../../components/PanelApp';
import { sendToExtension } from '../../lib/messaging';
import { isFramed, takeTicketFromUrl } from '../../lib/panel/frame-guard';

/**
 * The in-page drawer (lib/panel/frame-guard.ts): the only extension page a web page may load, so it trusts nothing in
 * its URL but the one-time ticket our content script put there. It renders, and asks for anything, only once the
 * background has redeemed that ticket for the tab the drawer sits in; anywhere else it stays blank (issue 20).
 */
async function start(): Promise<void> {
  const root = document.getElementById('root');
  // Outside a frame (a page navigating a tab to this address) there is no tab page this drawer belongs to.
  if (!root || !isFramed()) return;
  const ticket = takeTicketFromUrl();
  if (!ticket) return;
  let tabId: number;
  try {
    ({ tabId } = await sendToExtension('redeemDrawerTicket', { ticket }));
  } catch {
    // Refused (a page framed us with a made-up, spent or other tab's ticket): nothing to show, nothing to send.
    return;
  }
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={new QueryClient()}>
        <PanelApp drawerTabId={tabId} />
      </QueryClientProvider>
    </StrictMode>,
  );
}

void start();
