/**
 * The one query-key factory and the data hooks components use. Components never talk to storage or the
 * background directly: they go through these hooks so caching and invalidation stay in one place.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { isPanelPush, panelPortName, type TabState } from './messaging';
import { tabInfo, toggleShortcut } from './panel/framed-api';
import { getSettings, type Settings, settingsItem, updateSettings } from './settings';

export const queryKeys = {
  settings: () => ['settings'] as const,
  tab: (tabId: number) => ['tab', tabId] as const,
  shortcut: () => ['shortcut'] as const,
  templates: (filter?: object) => ['templates', filter ?? {}] as const,
  packs: () => ['packs'] as const,
  /**
   * The background refresh of subscribed packs: a query only so react-query schedules it (`refetchInterval`). Its own
   * root, so refreshing the list of packs never starts a download.
   */
  packRefresh: () => ['pack-refresh'] as const,
  escalations: (conversationKey: string) => ['escalations', conversationKey] as const,
  /** Every escalation record (the settings page's list). */
  allEscalations: () => ['escalations', { all: true }] as const,
  /** The web-llm models this machine can run (WebGPU probe + web-llm's prebuilt list). */
  replyModels: () => ['reply-models'] as const,
  managedPolicy: () => ['managed-policy'] as const,
  /** The agent's stored "Mood wrong?" corrections (settings: export and delete). */
  moodCorrections: () => ['mood-corrections'] as const,
  hostPermission: (origin: string) => ['host-permission', origin] as const,
  moodModelState: () => ['mood-model', 'state'] as const,
  moodModelPlan: () => ['mood-model', 'plan'] as const,
  moodModelCached: (modelId: string, mirrorUrl: string, dtype: string) =>
    ['mood-model', 'cached', modelId, mirrorUrl, dtype] as const,
  moodModelSize: (modelId: string, mirrorUrl: string, dtype: string) =>
    ['mood-model', 'size', modelId, mirrorUrl, dtype] as const,
  /** The bundled model's dev figures (public/models/dev-figures.json). */
  moodModelDevFigures: () => ['mood-model', 'dev-figures'] as const,
};

/** The agent's settings, kept fresh when they change in another context. */
export function useSettings() {
  const client = useQueryClient();
  useEffect(
    () =>
      settingsItem.watch(() => {
        void client.invalidateQueries({ queryKey: queryKeys.settings() });
      }),
    [client],
  );
  return useQuery({ queryKey: queryKeys.settings(), queryFn: getSettings, staleTime: Number.POSITIVE_INFINITY });
}

type SettingsPatch = Parameters<typeof updateSettings>[0];

export function useUpdateSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: SettingsPatch) => updateSettings(patch),
    onSuccess: (next: Settings) => client.setQueryData(queryKeys.settings(), next),
  });
}

/** The tab's title and URL, so the panel can say which page it belongs to. */
export function useTabInfo(tabId: number | null) {
  return useQuery({
    queryKey: queryKeys.tab(tabId ?? -1),
    enabled: tabId !== null,
    queryFn: () => tabInfo(tabId ?? -1),
    refetchInterval: false,
  });
}

/** The toggle shortcut as the browser has it now (the agent may have changed it). */
export function useToggleShortcut() {
  return useQuery({
    queryKey: queryKeys.shortcut(),
    queryFn: toggleShortcut,
  });
}

/**
 * Live state of one tab pushed by the background over the panel's port. The port also tells the background the
 * panel is open (for the toggle); it reconnects when the service worker restarts.
 */
export function useTabState(tabId: number | null, onClose: () => void): TabState | null {
  const [state, setState] = useState<TabState | null>(null);
  const client = useQueryClient();
  useEffect(() => {
    if (tabId === null) return;
    let stopped = false;
    let port: ReturnType<typeof browser.runtime.connect> | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      port = browser.runtime.connect({ name: panelPortName(tabId) });
      port.onMessage.addListener((message: unknown) => {
        if (!isPanelPush(message)) return;
        if (message.type === 'close') onClose();
        else {
          setState(message.state);
          void client.invalidateQueries({ queryKey: queryKeys.tab(tabId) });
        }
      });
      port.onDisconnect.addListener(() => {
        if (!stopped) retry = setTimeout(connect, 250);
      });
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      port?.disconnect();
    };
  }, [tabId, onClose, client]);
  return state;
}
