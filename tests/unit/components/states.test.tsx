import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import type { ReactNode } from 'react';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConversationPanel } from '../../../components/ConversationPanel';
import { DraftEngineStatus } from '../../../components/DraftEngineStatus';
import { I18nProvider } from '../../../components/I18nProvider';
import { ModelStatusLine } from '../../../components/ModelStatusLine';
import type { SerializedError } from '../../../lib/errors';
import { createTranslator } from '../../../lib/i18n';
import type { TabState } from '../../../lib/messaging';
import type { MoodModelState } from '../../../lib/models/analysis-protocol';
import { selectModels } from '../../../lib/models/webgpu';
import type { WebLlmPlan } from '../../../lib/models/webllm-plan';
import { emptyTabState } from '../../../lib/panel/tab-states';
import { FakeReplyEngine } from '../../../lib/replies/fake-engine';
import type { DraftingEngineView } from '../../../lib/replies/hooks';
import { draftsMessages } from '../../../lib/replies/messages';

// React's act() needs this flag outside a test renderer.
Reflect.set(globalThis, 'IS_REACT_ACT_ENVIRONMENT', true);

const mounted: { root: Root; container: HTMLElement }[] = [];

function render(node: ReactNode, language: 'en' | 'de' = 'en'): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(<I18nProvider setting={language}>{node}</I18nProvider>));
  mounted.push({ root, container });
  return container;
}

afterEach(() => {
  for (const { root, container } of mounted.splice(0)) {
    act(() => root.unmount());
    container.remove();
  }
});

function tabWithError(error: SerializedError | null, siteLabel = 'Helpdesk'): TabState {
  return {
    ...emptyTabState(7),
    report: {
      url: 'https://help.example.com/inbox',
      siteLabel,
      siteKey: 'https://help.example.com',
      enabled: true,
      conversation: null,
      error,
    },
  };
}

function readState(container: HTMLElement): HTMLElement {
  const state = container.querySelector<HTMLElement>('[data-testid="read-state"]');
  if (!state) throw new Error('no read state');
  return state;
}

describe('the panel on an inbox or list page', () => {
  it('says calmly to open a conversation when a known site reports no open conversation', () => {
    const view = render(
      <ConversationPanel state={tabWithError({ code: 'adapter/no-conversation', message: 'none', params: {} })} />,
    );
    const state = readState(view);
    expect(state.dataset.listPage).toBe('true');
    expect(state.querySelector('p')?.textContent).toBe('Open a conversation to see the customer’s mood');
    expect(state.textContent).not.toMatch(/Can't read/);
  });

  it('treats the generic reader finding no message blocks as a list page, in German too', () => {
    const error: SerializedError = {
      code: 'adapter/anchor-missing',
      message: 'missing: message blocks',
      params: { site: 'help.example.com', anchor: 'message blocks' },
    };
    const english = readState(render(<ConversationPanel state={tabWithError(error)} />));
    expect(english.querySelector('p')?.textContent).toBe('Open a conversation to see the customer’s mood');
    const german = readState(render(<ConversationPanel state={tabWithError(error)} />, 'de'));
    expect(german.querySelector('p')?.textContent).toBe(
      'Öffnen Sie eine Unterhaltung, um die Stimmung der Kundschaft zu sehen',
    );
    // The way out stays: a page the reader does not know may still hold a conversation.
    expect(german.querySelector('[data-testid="recovery"]')).not.toBeNull();
  });

  it('keeps a real reading failure an error, naming what is missing', () => {
    const error: SerializedError = {
      code: 'adapter/anchor-missing',
      message: 'missing: conversation log',
      params: { site: 'Zendesk', anchor: 'conversation log' },
    };
    const state = readState(render(<ConversationPanel state={tabWithError(error, 'Zendesk')} />));
    expect(state.dataset.listPage).toBe('false');
    expect(state.textContent).toContain("Can't read this conversation on Zendesk (missing: conversation log)");
  });
});

describe('Retry on a failed mood model download', () => {
  const failed: MoodModelState = {
    selection: { modelId: 'Xenova/some-model', mirrorUrl: '' },
    status: { state: 'error', code: 'model/download-failed', reason: 'network error' },
    plan: { device: 'wasm', dtype: 'q8', reason: 'no-webgpu' },
  };

  it('offers Retry when the download failed and calls it on click', () => {
    const onRetry = vi.fn();
    const view = render(<ModelStatusLine state={failed} error={null} m={createTranslator('en')} onRetry={onRetry} />);
    const button = view.querySelector<HTMLButtonElement>('[data-testid="model-retry"]');
    expect(button?.textContent).toBe('Retry');
    act(() => button?.click());
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('offers Retry when starting the download itself failed, in German', () => {
    const onRetry = vi.fn();
    const view = render(
      <ModelStatusLine state={undefined} error={new Error('offline')} m={createTranslator('de')} onRetry={onRetry} />,
      'de',
    );
    const button = view.querySelector<HTMLButtonElement>('[data-testid="model-retry"]');
    expect(button?.textContent).toBe('Erneut versuchen');
    act(() => button?.click());
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('shows no Retry while the model is ready', () => {
    const ready: MoodModelState = { ...failed, status: { state: 'ready', modelId: 'x', backend: 'wasm' } };
    const view = render(<ModelStatusLine state={ready} error={null} m={createTranslator('en')} onRetry={vi.fn()} />);
    expect(view.querySelector('[data-testid="model-retry"]')).toBeNull();
  });
});

function engineView(overrides: Partial<DraftingEngineView>): DraftingEngineView {
  return {
    engine: new FakeReplyEngine({ id: 'test', tokenDelayMs: 0, downloadSteps: 0 }),
    choice: 'auto',
    plan: undefined,
    awaitingApproval: false,
    status: { state: 'idle' },
    kind: 'webllm',
    reason: undefined,
    error: undefined,
    load: async () => undefined,
    cancelLoad: () => undefined,
    failed: false,
    retry: () => undefined,
    ...overrides,
  };
}

function renderEngine(view: DraftingEngineView, onRetry = vi.fn()): HTMLElement {
  const td = draftsMessages('en');
  return render(
    <DraftEngineStatus
      view={view}
      weightsHost=""
      onDownload={() => undefined}
      onCancel={() => undefined}
      onRetry={onRetry}
      td={td}
    />,
  );
}

describe('Retry on a failed drafting model download', () => {
  it('shows the failure with a Retry button that restarts it', () => {
    const onRetry = vi.fn();
    const view = renderEngine(
      engineView({
        status: { state: 'error', code: 'model/download-failed', reason: 'connection reset' },
        failed: true,
      }),
      onRetry,
    );
    // The failure in the catalogue's words for its code; the English detail stays out of the text.
    const alert = view.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('The model could not be downloaded.');
    expect(alert?.getAttribute('data-detail')).toBe('connection reset');
    const button = view.querySelector<HTMLButtonElement>('[data-testid="drafts-retry"]');
    expect(button?.textContent).toBe('Retry');
    act(() => button?.click());
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('keeps Retry after the failure fell back to templates', () => {
    const view = renderEngine(engineView({ kind: 'templates', failed: true }));
    expect(view.querySelector('[data-testid="drafts-retry"]')).not.toBeNull();
  });

  it('shows no Retry when nothing failed', () => {
    const view = renderEngine(engineView({ kind: 'templates', failed: false }));
    expect(view.querySelector('[data-testid="drafts-retry"]')).toBeNull();
  });
});

describe('a model the machine cannot run well', () => {
  const software = {
    available: true,
    hasShaderF16: false,
    maxBufferSize: 4 * 2 ** 30,
    maxStorageBufferBindingSize: 2 * 2 ** 30,
    isSoftware: true,
  };

  it('is not offered first on a software adapter, and the consent says why', () => {
    const list = prebuiltAppConfig.model_list;
    const selection = selectModels(list, software, { deviceMemoryGB: 8 });
    const first = selection.runnable[0];
    if (!first) throw new Error('nothing runnable');
    const record = list.find((r) => r.model_id === first.modelId);
    if (!record) throw new Error('no record');
    const plan: WebLlmPlan = {
      model: first,
      record,
      library: {
        modelId: first.modelId,
        file: 'lib.wasm',
        url: 'https://example.com/lib.wasm',
        sha256: '',
        integrity: '',
      },
      appConfig: { model_list: [record] },
      selection,
      cached: false,
      download: { bytes: 900 * 2 ** 20, source: 'manifest' },
    };
    const view = renderEngine(engineView({ plan, awaitingApproval: true }));
    const note = view.querySelector('[data-testid="drafts-runs-poorly"]')?.textContent ?? '';
    expect(first.family).not.toBe('Llama-3.2-3B-Instruct');
    expect(note).toContain(first.family);
    expect(note).toContain('software-rendered');
  });
});
