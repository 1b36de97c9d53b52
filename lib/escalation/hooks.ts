/**
 * React-query hooks for escalation: the records of a conversation, the settings as the team lead's policy makes
 * them, and the escalate / retry mutations the panel runs. The panel reads and writes the extension's IndexedDB
 * directly; Dexie tells every extension page about writes made in another one, and `useEscalations` turns that into
 * query invalidation so a record made in one panel shows in another.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { liveQuery } from 'dexie';
import { useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { getDb } from '../db';
import { hasHostPermission } from '../panel/framed-api';
import { queryKeys, useSettings } from '../queries';
import {
  applyManagedPolicy,
  emptyManagedPolicy,
  type ManagedPolicy,
  readManagedPolicy,
  watchManagedPolicy,
} from '../replies/templates/managed';
import type { EscalationSettings, Settings } from '../settings';
import {
  type EscalateDeps,
  type EscalateOutcome,
  type EscalationRequest,
  escalate,
  getEscalations,
  type RetryOutcome,
  retryFailed,
} from './escalate';
import type { StoredEscalation } from './records';

/** The escalations of one conversation (`conversationKey` from lib/db.ts), newest first; kept fresh across pages. */
export function useEscalations(key: string | null) {
  const client = useQueryClient();
  useEffect(() => {
    if (key === null) return;
    let first = true;
    const subscription = liveQuery(() => getDb().escalations.where('conversationKey').equals(key).toArray()).subscribe({
      next: () => {
        // The first emission is the current state, which the query below already reads.
        if (first) {
          first = false;
          return;
        }
        void client.invalidateQueries({ queryKey: queryKeys.escalations(key) });
      },
      error: (error: unknown) => console.warn('Rapport: could not watch escalation records', error),
    });
    return () => subscription.unsubscribe();
  }, [client, key]);
  return useQuery<StoredEscalation[]>({
    queryKey: queryKeys.escalations(key ?? ''),
    enabled: key !== null,
    queryFn: () => getEscalations(key ?? ''),
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
 * The agent's settings with the policy's values on top — what escalation runs with — plus the policy itself, so the
 * options page can lock what it sets. `settings` is undefined until both are read.
 */
export function useEffectiveSettings(): { settings: Settings | undefined; policy: ManagedPolicy } {
  const stored = useSettings();
  const managed = useManagedPolicy();
  const policy = managed.data ?? emptyManagedPolicy;
  // A browser that cannot read its policy (an error, not "unmanaged") still escalates with the agent's settings.
  const ready = stored.data !== undefined && (managed.data !== undefined || managed.isError);
  const settings = useMemo(
    () => (ready && stored.data ? applyManagedPolicy(stored.data, policy) : undefined),
    [ready, stored.data, policy],
  );
  return { settings, policy };
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
    mutationFn: (request) => {
      if (!deps) return Promise.reject(new Error('Escalation settings are not loaded yet.'));
      return escalate(request, deps);
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.escalations(key ?? '') }),
  });
}

/** Runs again the failed, retryable actions of a recorded escalation and refreshes the conversation's records. */
export function useRetryEscalation(key: string | null, deps: EscalateDeps | undefined) {
  const client = useQueryClient();
  return useMutation<RetryOutcome, Error, number>({
    mutationFn: (recordId) => {
      if (!deps) return Promise.reject(new Error('Escalation settings are not loaded yet.'));
      return retryFailed(recordId, deps);
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
