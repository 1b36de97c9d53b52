/**
 * React-query hooks for escalation: the records of a conversation, the settings as the team lead's policy makes
 * them, and the escalate / retry mutations the panel runs. Records and secrets go through the panel's data layer
 * (lib/panel/panel-data.ts: the extension's IndexedDB, or the background's in the in-page drawer); its change feed
 * turns writes made in another context into query invalidation, so a record made in one panel shows in another.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { hasHostPermission } from '../panel/framed-api';
import { panelData, type WatchTarget } from '../panel/panel-data';
import { queryKeys, useSettings } from '../queries';
import {
  applyManagedPolicy,
  emptyManagedPolicy,
  type ManagedPolicy,
  readManagedPolicy,
  watchManagedPolicy,
} from '../replies/templates/managed';
import { type EscalationSettings, type Settings, updateSettings } from '../settings';
import {
  type EscalateDeps,
  type EscalateOutcome,
  type EscalationRequest,
  escalate,
  type RetryOutcome,
  retryFailed,
} from './escalate';
import type { StoredEscalation } from './records';
import { type EscalationSecrets, escalationSecretsOf, saveEscalationSecrets, withEscalationSecrets } from './secrets';

/** Under the settings key, so whatever refreshes the settings refreshes the secrets too. */
const secretsKey = [...queryKeys.settings(), 'secrets'] as const;

/**
 * Calls `onChange` whenever what `target` covers changes in any extension context, while mounted (`null`: nothing
 * to watch yet).
 */
function useWatch(target: WatchTarget | null, onChange: () => void): void {
  const watched = target ? JSON.stringify(target) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `watched` stands for `target`, compared by value
  useEffect(() => {
    if (!target) return;
    let stop: (() => void) | null = null;
    let unmounted = false;
    void panelData().then((data) => {
      if (!unmounted) stop = data.watch(target, onChange);
    });
    return () => {
      unmounted = true;
      stop?.();
    };
  }, [watched, onChange]);
}

/** The escalations of one conversation (`conversationKey` from lib/db.ts), newest first; kept fresh across pages. */
export function useEscalations(key: string | null) {
  const client = useQueryClient();
  const refresh = useMemo(
    () => () => void client.invalidateQueries({ queryKey: queryKeys.escalations(key ?? '') }),
    [client, key],
  );
  useWatch(key === null ? null : { kind: 'escalations', conversationKey: key }, refresh);
  return useQuery<StoredEscalation[]>({
    queryKey: queryKeys.escalations(key ?? ''),
    enabled: key !== null,
    queryFn: async () => (await panelData()).listEscalations(key ?? ''),
  });
}

/** The escalation secrets (webhook URL, Freshdesk API key), kept fresh across pages. */
export function useEscalationSecrets() {
  const client = useQueryClient();
  const refresh = useMemo(() => () => void client.invalidateQueries({ queryKey: secretsKey }), [client]);
  useWatch({ kind: 'secrets' }, refresh);
  return useQuery<EscalationSecrets>({
    queryKey: secretsKey,
    queryFn: async () => (await panelData()).readEscalationSecrets(),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** What enterprise policy sets (Chrome `storage.managed`), re-read when the administrator changes it. */
export function useManagedPolicy() {
  const client = useQueryClient();
  useEffect(() => watchManagedPolicy((policy) => client.setQueryData(queryKeys.managedPolicy(), policy)), [client]);
  return useQuery<ManagedPolicy>({
    queryKey: queryKeys.managedPolicy(),
    queryFn: () => readManagedPolicy(),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * The agent's settings with their secrets and the policy's values on top — what escalation runs with — plus the
 * policy itself, so the options page can lock what it sets, and `own`: the agent's settings with their secrets but
 * without the policy (what the options page stores). `settings` and `own` are undefined until all are read.
 */
export function useEffectiveSettings(): {
  settings: Settings | undefined;
  policy: ManagedPolicy;
  own: Settings | undefined;
} {
  const stored = useSettings();
  const secrets = useEscalationSecrets();
  const managed = useManagedPolicy();
  const policy = managed.data ?? emptyManagedPolicy;
  // A browser that cannot read its policy (an error, not "unmanaged") still escalates with the agent's settings.
  const ready = stored.data !== undefined && (managed.data !== undefined || managed.isError);
  // Unreadable secrets (a database error) leave the webhook and Freshdesk unset rather than the panel blank.
  const secretsReady = secrets.data !== undefined || secrets.isError;
  const own = useMemo(
    () =>
      stored.data && secretsReady
        ? withEscalationSecrets(stored.data, secrets.data ?? escalationSecretsOf(stored.data))
        : undefined,
    [stored.data, secretsReady, secrets.data],
  );
  const settings = useMemo(() => (ready && own ? applyManagedPolicy(own, policy) : undefined), [ready, own, policy]);
  return { settings, policy, own };
}

/**
 * Saves the settings page's escalation section: the secrets to IndexedDB (lib/escalation/secrets.ts), the rest to
 * `storage.local`. Only for pages with the extension's IndexedDB (the settings page).
 */
export function useSaveEscalationSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (escalation: EscalationSettings) => {
      await saveEscalationSecrets(escalationSecretsOf({ escalation }));
      return updateSettings({ escalation });
    },
    onSuccess: (next: Settings) => client.setQueryData(queryKeys.settings(), next),
    onSettled: () => client.invalidateQueries({ queryKey: secretsKey }),
  });
}

/** The escalation part of `useEffectiveSettings`. */
export function useEscalationSettings(): EscalationSettings | undefined {
  return useEffectiveSettings().settings?.escalation;
}

/**
 * Escalates a conversation with `deps` and refreshes its records. Clicking twice runs one escalation (`escalate`
 * shares a running one per conversation), so the mutation can be fired from a double click safely.
 */
export function useEscalate(key: string | null, deps: EscalateDeps | undefined) {
  const client = useQueryClient();
  return useMutation<EscalateOutcome, Error, EscalationRequest>({
    mutationFn: async (request) => {
      if (!deps) throw new Error('Escalation settings are not loaded yet.');
      return escalate(request, { records: await panelData(), ...deps });
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.escalations(key ?? '') }),
  });
}

/** Runs again the failed, retryable actions of a recorded escalation and refreshes the conversation's records. */
export function useRetryEscalation(key: string | null, deps: EscalateDeps | undefined) {
  const client = useQueryClient();
  return useMutation<RetryOutcome, Error, number>({
    mutationFn: async (recordId) => {
      if (!deps) throw new Error('Escalation settings are not loaded yet.');
      return retryFailed(recordId, { records: await panelData(), ...deps });
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.escalations(key ?? '') }),
  });
}

/** The current time, updated every `intervalMs`, so "escalated 2 min ago" moves on while the panel stays open. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * The `origins` pattern of a URL's host ("https://hooks.slack.com/*"), or undefined when it is not a URL. No port:
 * Firefox's match patterns take none (Chrome's match every port without one), so a receiver on
 * `http://127.0.0.1:8080` is covered by the declared `http://127.0.0.1/*`.
 */
export function originPattern(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:'
      ? `${parsed.protocol}//${parsed.hostname}/*`
      : undefined;
  } catch {
    // Not a URL (a half-typed setting): there is no origin to ask for.
    return undefined;
  }
}

/**
 * Whether the extension may reach `url`'s origin from its pages (the webhook): declared hosts always, others once
 * the agent granted the optional host permission. Without it the browser's CORS rules decide, which most webhook
 * receivers fail. Undefined while unknown or when `url` is empty.
 */
export function useHostPermission(url: string) {
  const pattern = originPattern(url.trim());
  return useQuery<boolean>({
    queryKey: queryKeys.hostPermission(pattern ?? ''),
    enabled: pattern !== undefined,
    queryFn: () => hasHostPermission(pattern ?? ''),
  });
}

/**
 * Asks for the optional host permission of `url`'s origin. Call it straight from a click handler: browsers only show
 * the prompt during a user gesture. Resolves to whether access is granted; refreshes `useHostPermission`.
 */
export function useRequestHostPermission() {
  const client = useQueryClient();
  return (url: string): Promise<boolean> => {
    const pattern = originPattern(url.trim());
    if (!pattern) return Promise.resolve(false);
    return browser.permissions.request({ origins: [pattern] }).then(
      (granted) => {
        client.setQueryData(queryKeys.hostPermission(pattern), granted);
        return granted;
      },
      (error: unknown) => {
        // A pattern the manifest does not list as optional, or no gesture: the receiver then needs CORS.
        console.warn('Rapport: host permission request failed', error);
        return false;
      },
    );
  };
}
