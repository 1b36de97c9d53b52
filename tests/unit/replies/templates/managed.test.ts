// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  applyManagedPolicy,
  isSettingLocked,
  parseManagedPolicy,
  readManagedPolicy,
  watchManagedPolicy,
} from '../../../../lib/replies/templates/managed';
import { defaultSettings } from '../../../../lib/settings';

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Walks into a JSON object by keys, failing the test when a level is missing. */
function at(value: unknown, ...keys: string[]): Record<string, unknown> {
  let current = value;
  for (const key of keys) {
    if (!isRecord(current)) throw new Error(`no object at ${key}`);
    current = current[key];
  }
  if (!isRecord(current)) throw new Error(`no object at ${keys.join('.')}`);
  return current;
}

const chromePolicy = at(readJson('./fixtures/policy.chrome.json'), '3rdparty', 'extensions', '<your-extension-id>');
const firefoxPolicy = at(
  readJson('./fixtures/policy.firefox.json'),
  'policies',
  '3rdparty',
  'Extensions',
  'rapport@rapport.dev',
);

describe('managed policy', () => {
  it('reads the example Chrome policy from storage.managed', async () => {
    await fakeBrowser.storage.managed.set(chromePolicy);
    const policy = await readManagedPolicy();
    expect(policy.present).toBe(true);
    expect(policy.problems).toEqual([]);
    expect(policy.packUrls).toEqual(['https://intranet.example.com/rapport/support-team.json']);
    expect(policy.settings).toEqual({
      escalation: {
        autoEscalate: false,
        teamLeadEmail: 'teamlead@example.com',
        rules: { angerThreshold: 0.5, frustrationThreshold: 0.65, legalThreats: true },
        webhook: { url: 'https://hooks.example.com/rapport/escalations', maskPersonalData: true },
      },
      replies: {
        brandVoice: 'Friendly, direct, no jargon. We say "we", not "the company".',
        policyText: 'Agents may offer a refund up to 50 EUR or a 10 % voucher without approval.',
        germanFormality: 'sie',
      },
    });
    expect(isSettingLocked(policy, 'escalation.rules.angerThreshold')).toBe(true);
    expect(isSettingLocked(policy, 'escalation.webhook.url')).toBe(true);
    expect(isSettingLocked(policy, 'escalation.rules.abusive')).toBe(false);
  });

  it('reads the Firefox example the same way', async () => {
    expect(parseManagedPolicy(firefoxPolicy)).toEqual(parseManagedPolicy(chromePolicy));
  });

  it('puts policy values over the agent’s settings and leaves the rest alone', async () => {
    const mine = { ...defaultSettings, replies: { ...defaultSettings.replies, brandVoice: 'mine', llmModelId: 'x' } };
    const effective = applyManagedPolicy(mine, parseManagedPolicy(chromePolicy));
    expect(effective.escalation.rules.angerThreshold).toBe(0.5);
    expect(effective.escalation.rules.abusive).toBe(true);
    expect(effective.escalation.webhook).toEqual({
      url: 'https://hooks.example.com/rapport/escalations',
      payloadTemplate: '',
      maskPersonalData: true,
    });
    expect(effective.replies.brandVoice).toContain('Friendly');
    expect(effective.replies.llmModelId).toBe('x');
    expect(effective.packUrls).toEqual([]);
  });

  it('ignores wrong entries with a reason and keeps the right ones', () => {
    const policy = parseManagedPolicy({
      packUrls: [
        'http://intranet.example.com/p.json',
        'https://ok.example.com/p.json',
        'https://ok.example.com/p.json',
      ],
      escalation: {
        angerThreshold: 2,
        frustrationThreshold: 0.7,
        webhookUrl: 'http://hooks.example.com',
        teamLeadEmail: 'nobody',
      },
      replies: 'be nice',
      surprise: true,
    });
    expect(policy.packUrls).toEqual(['https://ok.example.com/p.json']);
    expect(policy.settings).toEqual({ escalation: { rules: { frustrationThreshold: 0.7 } } });
    expect(policy.locked).toEqual(['escalation.rules.frustrationThreshold']);
    expect(policy.problems.map((problem) => problem.key)).toEqual([
      'packUrls.0',
      'escalation.angerThreshold',
      'escalation.teamLeadEmail',
      'escalation.webhookUrl',
      'replies',
      'surprise',
    ]);
  });

  it('treats a browser without policy as unmanaged', async () => {
    expect(await readManagedPolicy()).toMatchObject({ present: false, packUrls: [], locked: [] });
    // Firefox rejects when no policy exists for the extension.
    const firefoxWithoutPolicy = { get: () => Promise.reject(new Error('Managed storage manifest not found')) };
    expect((await readManagedPolicy(firefoxWithoutPolicy)).present).toBe(false);
    expect((await readManagedPolicy(null)).present).toBe(false);
  });

  it('tells listeners when the administrator changes the policy', async () => {
    const onChange = vi.fn();
    const stop = watchManagedPolicy(onChange);
    await fakeBrowser.storage.managed.set({ packUrls: ['https://new.example.com/p.json'] });
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(onChange.mock.calls[0]?.[0]).toMatchObject({ packUrls: ['https://new.example.com/p.json'] });
    stop();
    await fakeBrowser.storage.local.set({ unrelated: 1 });
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('documents every policy key in the managed schema the browser validates against', () => {
    const schema = readJson('../../../../public/managed_schema.json');
    const check = (policy: Record<string, unknown>, schemaNode: Record<string, unknown>, path: string) => {
      const properties = at(schemaNode, 'properties');
      for (const [key, value] of Object.entries(policy)) {
        expect(properties, `${path}${key} is missing from managed_schema.json`).toHaveProperty([key]);
        if (isRecord(value)) check(value, at(properties, key), `${path}${key}.`);
      }
    };
    check(chromePolicy, at(schema), '');
    check(
      {
        escalation: Object.fromEntries(
          [
            'angerThreshold',
            'frustrationThreshold',
            'worseningWindow',
            'abusive',
            'legalThreats',
            'chargebackThreats',
            'cancellationThreats',
            'criticalUrgency',
            'repeatedContactCount',
            'vipCustomers',
            'autoEscalate',
            'teamLeadEmail',
            'webhookUrl',
            'webhookPayloadTemplate',
            'maskPersonalData',
          ].map((key) => [key, 0]),
        ),
        replies: { brandVoice: '', policyText: '', germanFormality: '' },
      },
      at(schema),
      '',
    );
  });
});
