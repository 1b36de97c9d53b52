// @vitest-environment node
// Issue 19: the demo's formal German complaint greets "Dr. Bergmann", not "Klaus Bergmann", and its du conversations
// get du templates. The pages are read through the real reader, as the extension reads them.
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateRecord } from '../../../lib/db';
import { detectAddressForm } from '../../../lib/replies/address-form';
import { fillTemplate } from '../../../lib/replies/templates/placeholders';
import { suggestTemplates } from '../../../lib/replies/templates/ranking';
import { packRecordId, STARTER_OWNER } from '../../../lib/replies/templates/schema';
import { starterTemplates } from '../../../lib/replies/templates/starter-pack';
import { readConversation } from '../../../lib/sites';
import type { Conversation } from '../../../lib/sites/types';
import { createDemoClock } from '../../../scripts/demo/clock';
import { type DemoConversation, demoConversations, getDemoConversation } from '../../../scripts/demo/conversations';
import { renderTicketPage } from '../../../scripts/demo/pages';

const follow = { germanFormality: 'sie', germanFormalityMode: 'conversation' } as const;
const reads = new Map<string, Conversation>();

beforeAll(async () => {
  for (const demo of demoConversations) {
    const url = `http://localhost:5757/tickets/${demo.id}`;
    const window = new Window({ url });
    try {
      const html = renderTicketPage(demo, createDemoClock()).replace(/<link[^>]*stylesheet[^>]*>/g, '');
      const page = new window.DOMParser().parseFromString(html, 'text/html');
      reads.set(
        demo.id,
        readConversation(page as unknown as Document, { url: new URL(url), agent: { names: [], emails: [] } }),
      );
    } finally {
      await window.happyDOM.close();
    }
  }
});

afterAll(() => reads.clear());

function read(demo: DemoConversation): Conversation {
  const conversation = reads.get(demo.id);
  if (!conversation) throw new Error(`demo ${demo.id} was not read`);
  return conversation;
}

const starter: TemplateRecord[] = starterTemplates.map((template) => ({
  ...template,
  id: packRecordId(STARTER_OWNER, template.id),
  owner: STARTER_OWNER,
  updatedAt: 0,
  usageCount: 0,
}));

const DU_SCENARIOS = new Set(['invoice-question-de', 'voucher-de']);

describe('form of address on the demo', () => {
  const german = demoConversations.filter((demo) => demo.language === 'de');

  it.each(german.map((demo) => [demo.scenario, demo] as const))(
    '%s is addressed as the customer writes',
    (_s, demo) => {
      const detection = detectAddressForm(read(demo), 'de', follow);
      expect(detection.form).toBe(DU_SCENARIOS.has(demo.scenario) ? 'du' : 'sie');
      expect(detection.reason.code).not.toBe('no-cue');
    },
  );

  it.each(german.filter((demo) => DU_SCENARIOS.has(demo.scenario)).map((demo) => [demo.scenario, demo] as const))(
    '%s gets du templates only',
    (_s, demo) => {
      const detection = detectAddressForm(read(demo), 'de', follow);
      const suggestions = suggestTemplates(starter, {
        intents: [],
        mood: null,
        language: 'de',
        formality: detection.form ?? 'sie',
      });
      expect(suggestions.length).toBe(3);
      for (const suggestion of suggestions) expect(suggestion.template.formality).toBe('du');
    },
  );

  it('English conversations have no du/Sie', () => {
    for (const demo of demoConversations.filter((d) => d.language === 'en')) {
      expect(detectAddressForm(read(demo), 'en', follow).form, demo.scenario).toBeNull();
    }
  });

  it('greets Dr. Bergmann (10487) with his title in every Sie template', () => {
    const conversation = read(getDemoConversation('formal-complaint-de'));
    const sieTemplates = starter.filter((template) => template.language === 'de' && template.formality === 'sie');
    expect(sieTemplates.length).toBeGreaterThan(0);
    for (const template of sieTemplates) {
      const { text } = fillTemplate(template.body, { language: 'de', formality: 'sie', conversation });
      const firstLine = text.split('\n')[0] ?? '';
      expect(firstLine, template.id).toMatch(/Dr\. Bergmann/);
      expect(firstLine, template.id).not.toMatch(/Klaus/);
    }
  });

  it('greets the du customers by first name', () => {
    const voucher = read(getDemoConversation('voucher-de'));
    const du = starter.find((template) => template.language === 'de' && template.formality === 'du');
    expect(du).toBeDefined();
    const { text } = fillTemplate(du?.body ?? '', { language: 'de', formality: 'du', conversation: voucher });
    expect(text.split('\n')[0]).toBe('Hallo Lea,');
  });
});
