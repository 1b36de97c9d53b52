// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildDraftPrompt, buildRewritePrompt, estimateTokens } from '../../../lib/replies/prompt';
import { englishRequest, germanConversation, germanRequest, message } from './draft-fixtures';

function system(prompt: ReturnType<typeof buildDraftPrompt>): string {
  return prompt.messages.find((m) => m.role === 'system')?.content ?? '';
}

function user(prompt: ReturnType<typeof buildDraftPrompt>): string {
  return prompt.messages.find((m) => m.role === 'user')?.content ?? '';
}

describe('buildDraftPrompt', () => {
  it('builds the German de-escalating prompt (snapshot)', () => {
    const prompt = buildDraftPrompt(germanRequest(), 'de-escalating');
    expect(prompt.messages).toMatchSnapshot();
    expect(prompt.includedMessageIds).toEqual(['m1', 'm2', 'm3']);
    expect(prompt.templateIds).toEqual(['t-de-1']);
  });

  it('builds the English short prompt (snapshot)', () => {
    const prompt = buildDraftPrompt(englishRequest(), 'short');
    expect(prompt.messages).toMatchSnapshot();
  });

  it('is deterministic', () => {
    expect(buildDraftPrompt(germanRequest(), 'short')).toEqual(buildDraftPrompt(germanRequest(), 'short'));
  });

  it('carries the guardrail instructions in both languages', () => {
    for (const request of [germanRequest(), englishRequest()]) {
      const text = system(buildDraftPrompt(request, 'empathetic-detailed'));
      expect(text).toMatch(/placeholder in square brackets/);
      expect(text).toMatch(/Never invent order numbers, tracking numbers/);
      expect(text).toMatch(/Do not promise refunds, vouchers, discounts/);
      expect(text).toMatch(/No manipulation/);
      expect(text).toMatch(/Reply only with the message text/);
    }
    expect(system(buildDraftPrompt(germanRequest(), 'short'))).toContain('[Bestellstatus]');
    expect(system(buildDraftPrompt(englishRequest(), 'short'))).toContain('[order status]');
  });

  it('uses Sie or du per settings and signs with the agent name', () => {
    const sie = system(buildDraftPrompt(germanRequest(), 'short'));
    expect(sie).toContain('formally with "Sie"');
    expect(sie).toContain("Sign the reply with the agent's name: Max Weber");
    const du = system(
      buildDraftPrompt(germanRequest({ replies: { ...germanRequest().replies, germanFormality: 'du' } }), 'short'),
    );
    expect(du).toContain('informally with "du"');
    const unsigned = system(buildDraftPrompt(germanRequest({ agentName: '' }), 'short'));
    expect(unsigned).toContain('[Ihr Name]');
  });

  it('includes the state (not raw sentiment), urgency and intent, and the policy verbatim', () => {
    const text = system(buildDraftPrompt(germanRequest(), 'de-escalating'));
    expect(text).toContain('State: angry (upset: acknowledge it before anything else), worsening');
    expect(text).not.toMatch(/score -0\.72|Emotions:/);
    expect(text).toContain('Urgency: high (deadline "bis Freitag")');
    expect(text).toContain('Topic: delivery-delay (0.74)');
    expect(text).toContain('Gutscheine bis 10 €');
    expect(text).toContain('Herzlich, klar, ohne Floskeln.');
  });

  it('says no compensation may be offered when there is no policy text', () => {
    expect(system(buildDraftPrompt(englishRequest(), 'short'))).toContain(
      'Policy: none given. Offer no refunds, vouchers, discounts or compensation.',
    );
  });

  it('keeps internal notes out of the prompt', () => {
    const prompt = buildDraftPrompt(germanRequest(), 'short');
    expect(user(prompt)).not.toContain('Paket verloren');
    expect(prompt.includedMessageIds).not.toContain('n1');
  });

  it('skips messages whose body the page has not loaded', () => {
    const request = germanRequest({
      conversation: {
        ...germanConversation,
        messages: [message('c', 'customer', '', { bodyLoaded: false }), ...germanConversation.messages],
      },
    });
    expect(buildDraftPrompt(request, 'short').includedMessageIds).toEqual(['m1', 'm2', 'm3']);
  });
});

describe('grounding (issue 19)', () => {
  it('carries the request, the facts, what is shown and what must not be claimed', () => {
    const text = system(buildDraftPrompt(germanRequest(), 'short'));
    expect(text).toContain(
      'What the customer asks for: where the parcel is (tracking) ("Ich brauche das Paket bis Freitag")',
    );
    expect(text).toContain('- Order: 100234');
    expect(text).toContain('- Dates: 2. März');
    expect(text).toContain('- Deadlines the customer set: bis Freitag');
    expect(text).toContain('The conversation shows nothing as already done');
    expect(text).toContain('Do not say the refund has been started or issued; it has not been.');
    expect(text).toContain('Do not say the order has shipped or is on its way; nothing shows that it has.');
    expect(text).toContain('Do not say the order has been cancelled; it has not been.');
  });

  it('lets the draft state what the conversation shows, and only that', () => {
    const request = germanRequest({
      conversation: {
        ...germanConversation,
        messages: [
          ...germanConversation.messages,
          message('m4', 'agent', 'Ihre Bestellung wurde heute versendet.'),
          message('m5', 'customer', 'Danke, aber ich brauche sie bis Freitag.'),
        ],
      },
    });
    const text = system(buildDraftPrompt(request, 'short'));
    expect(text).toContain('What the conversation shows has already happened: the order has shipped.');
    expect(text).not.toContain('Do not say the order has shipped');
    expect(text).toContain('Do not say the order has been delivered');
  });

  it('reads the facts of an English thread: order number and the amount as written', () => {
    const request = englishRequest({
      conversation: {
        ...englishRequest().conversation,
        messages: [message('e1', 'customer', 'Order #A-55812: I paid €129.95 and want my money back by Friday.')],
      },
    });
    const text = system(buildDraftPrompt(request, 'short'));
    expect(text).toContain('- Order: #A-55812');
    expect(text).toContain('- Amounts: €129.95');
    expect(text).toContain('- Deadlines the customer set: by Friday');
    expect(text).toContain('What the customer asks for: their refund');
  });

  it('greets as the customer signs and keeps their full name out of the transcript', () => {
    const prompt = buildDraftPrompt(englishRequest(), 'short');
    expect(system(prompt)).toContain('Greet the customer as "Hi John,"');
    expect(user(prompt)).not.toContain('John Miller');
    expect(user(prompt)).toContain('[Customer');
  });

  it('keeps the must-not-claim list, in one line, in a small window', () => {
    const text = system(
      buildDraftPrompt(germanRequest(), 'short', { contextWindowTokens: 1024, maxOutputTokens: 160 }),
    );
    expect(text).toMatch(
      /Must not claim any of these; the conversation does not show them: the refund has been started/,
    );
  });
});

describe('trimming to the context window', () => {
  const long = (i: number) => `Message ${i}: ${'Ich warte auf meine Bestellung und bin sehr enttäuscht. '.repeat(12)}`;
  const thread = Array.from({ length: 30 }, (_, i) => message(`x${i}`, i % 2 === 0 ? 'customer' : 'agent', long(i)));

  it('keeps the latest customer message even in a 1k window', () => {
    const request = germanRequest({ conversation: { ...germanConversation, messages: thread } });
    const prompt = buildDraftPrompt(request, 'short', { contextWindowTokens: 1024, maxOutputTokens: 160 });
    expect(prompt.estimatedTokens).toBeLessThanOrEqual(1024 - 160);
    expect(prompt.includedMessageIds).toContain('x28');
  });

  it('keeps the newest messages, contiguous and oldest first, within a 2k window', () => {
    const request = germanRequest({ conversation: { ...germanConversation, messages: thread } });
    const prompt = buildDraftPrompt(request, 'short', { contextWindowTokens: 2048, maxOutputTokens: 160 });
    expect(prompt.estimatedTokens).toBeLessThanOrEqual(2048 - 160);
    expect(prompt.includedMessageIds).toContain('x28');
    expect(prompt.omittedMessageCount).toBeGreaterThan(0);
    // Contiguous newest messages, oldest first.
    const indices = prompt.includedMessageIds.map((id) => Number(id.slice(1)));
    expect(indices).toEqual([...indices].sort((a, b) => a - b));
    expect(indices.at(-1)).toBe(29);
    expect(user(prompt)).toMatch(/earlier messages left out/);
  });

  it('keeps more of the thread with a larger window', () => {
    const request = germanRequest({ conversation: { ...germanConversation, messages: thread } });
    const small = buildDraftPrompt(request, 'short', { contextWindowTokens: 1024 });
    const large = buildDraftPrompt(request, 'short', { contextWindowTokens: 4096 });
    expect(large.includedMessageIds.length).toBeGreaterThan(small.includedMessageIds.length);
    expect(large.estimatedTokens).toBeLessThanOrEqual(4096 - 400);
  });

  it('always keeps the latest customer message, shortening it in the middle when it alone is too long', () => {
    const huge = `Anfang der Nachricht. ${'Sehr viel Text. '.repeat(1500)} Bitte bis Freitag liefern!`;
    const request = germanRequest({
      conversation: {
        ...germanConversation,
        messages: [message('a', 'agent', 'Hallo!'), message('big', 'customer', huge)],
      },
    });
    const prompt = buildDraftPrompt(request, 'short', { contextWindowTokens: 2048 });
    expect(prompt.includedMessageIds).toContain('big');
    expect(prompt.truncatedLatest).toBe(true);
    expect(user(prompt)).toContain('Anfang der Nachricht.');
    expect(user(prompt)).toContain('Bitte bis Freitag liefern!');
    expect(user(prompt)).toContain('[…]');
    expect(prompt.estimatedTokens).toBeLessThanOrEqual(2048);
  });

  it('drops templates before the thread when the window is tiny', () => {
    const request = englishRequest({
      templates: englishRequest().templates.map((t) => ({
        ...t,
        body: `${t.body} ${'More policy text. '.repeat(40)}`,
      })),
    });
    const prompt = buildDraftPrompt(request, 'short', { contextWindowTokens: 1024, maxOutputTokens: 160 });
    expect(prompt.templateIds.length).toBeLessThan(2);
    expect(prompt.includedMessageIds).toEqual(['e1']);
  });

  it('estimates tokens at about three characters each', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcdef')).toBe(2);
  });
});

describe('buildRewritePrompt', () => {
  it('asks for the rewrite and keeps facts and placeholders (snapshot)', () => {
    const prompt = buildRewritePrompt('Wir prüfen das. [Bestellstatus]', 'more-empathetic', germanRequest());
    expect(prompt.messages).toMatchSnapshot();
  });

  it('switches German formality for more-formal and more-informal', () => {
    const du = germanRequest({ replies: { ...germanRequest().replies, germanFormality: 'du' } });
    expect(buildRewritePrompt('Text', 'more-formal', du).messages[0]?.content).toContain('formally with "Sie"');
    expect(buildRewritePrompt('Text', 'more-informal', germanRequest()).messages[0]?.content).toContain(
      'informally with "du"',
    );
  });

  it('translates into the conversation language', () => {
    const text = buildRewritePrompt('Thanks, we are on it.', 'translate', germanRequest()).messages[0]?.content;
    expect(text).toContain('Translate the text into German');
  });
});
