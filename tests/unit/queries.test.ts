// @vitest-environment node
import { hashKey, partialMatchKey, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../lib/queries';

/**
 * lib/queries.ts is the one query-key factory: react-query caches by the key's hash, so two queries that must not
 * share data must never share a key, a key must come out the same every time it is built, and invalidating one
 * query must not refetch another factory's.
 */

/** Every factory called with sample arguments; a factory added to `queryKeys` without a sample fails the first test. */
const samples: { [K in keyof typeof queryKeys]: () => QueryKey } = {
  settings: () => queryKeys.settings(),
  tab: () => queryKeys.tab(7),
  shortcut: () => queryKeys.shortcut(),
  templates: () => queryKeys.templates({ active: true }),
  packs: () => queryKeys.packs(),
  packRefresh: () => queryKeys.packRefresh(),
  escalations: () => queryKeys.escalations('zendesk:42'),
  allEscalations: () => queryKeys.allEscalations(),
  replyModels: () => queryKeys.replyModels(),
  managedPolicy: () => queryKeys.managedPolicy(),
  moodCorrections: () => queryKeys.moodCorrections(),
  hostPermission: () => queryKeys.hostPermission('https://shop.zendesk.com/*'),
  moodModelState: () => queryKeys.moodModelState(),
  moodModelPlan: () => queryKeys.moodModelPlan(),
  moodModelCached: () => queryKeys.moodModelCached('Xenova/model', '', 'q8'),
  moodModelSize: () => queryKeys.moodModelSize('Xenova/model', '', 'q8'),
  moodModelDevFigures: () => queryKeys.moodModelDevFigures(),
};
const names = Object.keys(samples) as (keyof typeof queryKeys)[];

describe('queryKeys', () => {
  it('has a sample here for every factory', () => {
    expect(names.sort()).toEqual(Object.keys(queryKeys).sort());
  });

  it.each(names)('%s builds the same key every time, and one that survives serialisation', (name) => {
    const first = samples[name]();
    const second = samples[name]();
    expect(hashKey(second)).toBe(hashKey(first));
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
  });

  it('gives every factory its own keys: none equals or invalidates another factory’s', () => {
    for (const a of names) {
      for (const b of names) {
        if (a === b) continue;
        const keyA = samples[a]();
        const keyB = samples[b]();
        expect(hashKey(keyA), `${a} vs ${b}`).not.toBe(hashKey(keyB));
        // `invalidateQueries({ queryKey: keyA })` refetches every query whose key starts with keyA.
        expect(partialMatchKey(keyB, keyA), `invalidating ${a} hits ${b}`).toBe(false);
      }
    }
  });

  it('keeps what a key is about apart: tabs, conversations, origins, models', () => {
    expect(hashKey(queryKeys.tab(1))).not.toBe(hashKey(queryKeys.tab(2)));
    expect(hashKey(queryKeys.escalations('zendesk:42'))).not.toBe(hashKey(queryKeys.escalations('freshdesk:42')));
    expect(hashKey(queryKeys.hostPermission('https://a.example/*'))).not.toBe(
      hashKey(queryKeys.hostPermission('https://b.example/*')),
    );
    const cached = (mirror: string, dtype: string) => hashKey(queryKeys.moodModelCached('Xenova/m', mirror, dtype));
    expect(cached('', 'q8')).not.toBe(cached('https://mirror.example', 'q8'));
    expect(cached('', 'q8')).not.toBe(cached('', 'fp32'));
    expect(hashKey(queryKeys.templates({ active: true }))).not.toBe(hashKey(queryKeys.templates({ list: {} })));
  });

  it('lets one invalidation reach every template query and every mood-model query', () => {
    // lib/replies/templates/hooks.ts invalidates `[templates()[0]]` after any change to the library.
    const templatesRoot = [queryKeys.templates()[0]];
    for (const key of [
      queryKeys.templates(),
      queryKeys.templates({ active: true }),
      queryKeys.templates({ list: {} }),
    ]) {
      expect(partialMatchKey(key, templatesRoot)).toBe(true);
    }
    expect(partialMatchKey(queryKeys.packs(), templatesRoot)).toBe(false);
    const moodModelRoot = [queryKeys.moodModelState()[0]];
    for (const name of names.filter((n) => n.startsWith('moodModel'))) {
      expect(partialMatchKey(samples[name](), moodModelRoot), name).toBe(true);
    }
  });

  it('keeps a conversation’s escalations apart from the settings page’s list of all of them', () => {
    expect(partialMatchKey(queryKeys.allEscalations(), queryKeys.escalations('zendesk:42'))).toBe(false);
    expect(partialMatchKey(queryKeys.escalations('zendesk:42'), queryKeys.allEscalations())).toBe(false);
    // Both still fall under one prefix, so dropping every escalation query at once stays possible.
    expect(queryKeys.allEscalations()[0]).toBe(queryKeys.escalations('zendesk:42')[0]);
  });
});
