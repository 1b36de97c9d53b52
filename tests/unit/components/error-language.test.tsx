// Errors in the agent's language (issue 22): a component that fails shows the catalogue's sentence for the error's
// code in German, and the English message from lib/ or the browser never becomes the visible sentence — it stays on
// the element as `data-detail` for support. Rendered in a real React root on happy-dom.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EscalationPayloadPreview } from '../../../components/EscalationPayloadPreview';
import { I18nProvider } from '../../../components/I18nProvider';
import { ModelStatusLine } from '../../../components/ModelStatusLine';
import { TemplatePackItem } from '../../../components/TemplatePackItem';
import { AppError } from '../../../lib/errors';
import { createTranslator } from '../../../lib/i18n';
import type { MoodModelState } from '../../../lib/models/analysis-protocol';
import { defaultSettings } from '../../../lib/settings';
import { de, en } from '../../../lib/strings/errors';

// React's act() needs this flag outside a test renderer.
Reflect.set(globalThis, 'IS_REACT_ACT_ENVIRONMENT', true);

const mounted: { root: Root; container: HTMLElement }[] = [];

function render(node: ReactNode, language: 'en' | 'de'): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  act(() =>
    root.render(
      <QueryClientProvider client={client}>
        <I18nProvider setting={language}>{node}</I18nProvider>
      </QueryClientProvider>,
    ),
  );
  mounted.push({ root, container });
  return container;
}

afterEach(() => {
  for (const { root, container } of mounted.splice(0)) {
    act(() => root.unmount());
    container.remove();
  }
});

const englishDetail = 'Could not download test-org/missing from huggingface.co: HTTP 404 (config.json)';

describe('model status errors in German', () => {
  const failed: MoodModelState = {
    selection: { modelId: 'test-org/missing', mirrorUrl: '' },
    status: { state: 'error', code: 'model/download-failed', reason: englishDetail },
    plan: { device: 'wasm', dtype: 'q8', reason: 'no-webgpu' },
    fallbackReason: englishDetail,
  };

  it('shows the catalogue’s German sentence for the engine’s error code, not its English reason', () => {
    const view = render(
      <ModelStatusLine state={failed} error={null} m={createTranslator('de')} onRetry={vi.fn()} />,
      'de',
    );
    const line = view.querySelector<HTMLElement>('[data-testid="model-status"]');
    const text = line?.textContent ?? '';
    expect(text).toContain('Stattdessen wird das mitgelieferte Modell verwendet');
    expect(text).toContain(de['errors.model/download-failed']);
    expect(text).not.toContain(englishDetail);
    expect(text).not.toContain('HTTP 404');
    expect(text).not.toContain(en['errors.model/download-failed']);
    // Support still finds what went wrong.
    expect(line?.dataset.detail).toBe(englishDetail);
  });

  it('shows the German sentence for an AppError thrown while starting the download', () => {
    const error = new AppError(
      'model/not-found',
      'test-org/missing has no config.json at https://hf.example (HTTP 404).',
    );
    const view = render(
      <ModelStatusLine state={undefined} error={error} m={createTranslator('de')} onRetry={vi.fn()} />,
      'de',
    );
    const line = view.querySelector<HTMLElement>('[data-testid="model-status"]');
    expect(line?.textContent).toContain(de['errors.model/not-found']);
    expect(line?.textContent).not.toContain(error.message);
    expect(line?.dataset.detail).toBe(error.message);
  });

  it('gives a plain browser error the German generic sentence, keeping its words as the detail', () => {
    const view = render(
      <ModelStatusLine
        state={undefined}
        error={new TypeError('Failed to fetch')}
        m={createTranslator('de')}
        onRetry={vi.fn()}
      />,
      'de',
    );
    const line = view.querySelector<HTMLElement>('[data-testid="model-status"]');
    expect(line?.textContent).toContain(de['errors.internal/unexpected']);
    expect(line?.textContent).not.toContain('Failed to fetch');
    expect(line?.dataset.detail).toBe('Failed to fetch');
  });

  it('still reads in English for an English agent', () => {
    const view = render(
      <ModelStatusLine state={failed} error={null} m={createTranslator('en')} onRetry={vi.fn()} />,
      'en',
    );
    const text = view.querySelector('[data-testid="model-status"]')?.textContent ?? '';
    expect(text).toContain(`Using the bundled model instead: ${en['errors.model/download-failed']}`);
  });
});

describe('team pack errors in German', () => {
  it('shows the stored error code’s German sentence, not the English message recorded by the sync', () => {
    const message = 'https://packs.example.com/team.json answered HTTP 500.';
    const view = render(
      <TemplatePackItem
        subscription={{
          url: 'https://packs.example.com/team.json',
          managed: false,
          pack: {
            url: 'https://packs.example.com/team.json',
            name: 'Team',
            templateCount: 3,
            lastSyncAt: Date.UTC(2026, 10, 19, 9),
            lastError: { code: 'templates/pack-http-error', message, at: Date.UTC(2026, 10, 19, 10) },
          },
        }}
        format={new Intl.DateTimeFormat('de', { timeZone: 'UTC', dateStyle: 'short', timeStyle: 'short' })}
        refreshing={false}
      />,
      'de',
    );
    const error = view.querySelector<HTMLElement>('[data-testid="pack-error"]');
    const text = error?.textContent ?? '';
    expect(text).toContain('Letzte Aktualisierung fehlgeschlagen');
    expect(text).toContain(de['errors.templates/pack-http-error']);
    expect(text).not.toContain(message);
    expect(text).not.toMatch(/answered|HTTP 500/);
    expect(error?.dataset.detail).toBe(message);
  });
});

describe('webhook payload preview in German', () => {
  it('says in German what to check when the template is not JSON, keeping the parser’s English as the detail', () => {
    const settings = {
      rules: defaultSettings.escalation.rules,
      webhook: { ...defaultSettings.escalation.webhook, payloadTemplate: '{"text": {{summary}}, }' },
    };
    const view = render(<EscalationPayloadPreview settings={settings} lang="de" />, 'de');
    const alert = view.querySelector<HTMLElement>('[data-testid="webhook-preview"] [role="alert"]');
    const text = alert?.textContent ?? '';
    expect(text).toBe(
      `${createTranslator('de')('escalation.preview.invalid', { message: de['errors.escalation/payload-invalid'] })}`,
    );
    expect(text).not.toMatch(/JSON at position|Unexpected|Expected/);
    // The browser's parser message says where the JSON breaks; it is kept for whoever edits the template.
    expect(alert?.dataset.detail).toMatch(/JSON/);
  });
});
