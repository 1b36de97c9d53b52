import '../../components/panel.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PanelApp } from '../../components/PanelApp';
import { isFramed } from '../../lib/panel/frame-guard';

const root = document.getElementById('root');
// The browser's side panel or sidebar only: framed in a page (which no longer may load it) it does nothing at all; the
// in-page drawer is drawer.html (issue 20).
if (root && !isFramed()) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={new QueryClient()}>
        <PanelApp />
      </QueryClientProvider>
    </StrictMode>,
  );
}
