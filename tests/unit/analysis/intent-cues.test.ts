// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { blendIntents, findIntentCues } from '../../../lib/analysis/intent-cues';

describe('intent cues', () => {
  it('finds what the customer wants in German and English mails', () => {
    expect([...findIntentCues('I want my €349 back today, refund it by Friday.').keys()]).toContain('refund');
    expect([...findIntentCues('Ich möchte mein Geld zurück.').keys()]).toContain('refund');
    expect([...findIntentCues('Wo ist meine Sendung? Die Sendungsnummer geht nicht.').keys()]).toContain('tracking');
    expect([...findIntentCues('Bitte stornieren Sie meine Bestellung.').keys()]).toContain('cancellation');
    expect([...findIntentCues('Die Kaffeemaschine kam beschädigt an.').keys()]).toContain('damaged-or-wrong-item');
    expect(findIntentCues('Hello, how are you?').size).toBe(0);
  });

  it('lets cues outweigh a model that read a long mail as something else, and leaves the model alone without cues', () => {
    const model = [
      { intent: 'delivery-delay' as const, p: 0.5 },
      { intent: 'refund' as const, p: 0.1 },
      { intent: 'other' as const, p: 0.4 },
    ];
    expect(blendIntents(model, 'I returned it two weeks ago and want my money back.')[0]?.intent).toBe('refund');
    expect(blendIntents(model, 'Hello there.')).toEqual(model);
    const blended = blendIntents(model, 'Refund please, thanks so much');
    expect(blended.map((x) => x.intent)).not.toContain('thank-you');
    expect(blended.reduce((sum, x) => sum + x.p, 0)).toBeCloseTo(1, 5);
  });
});
