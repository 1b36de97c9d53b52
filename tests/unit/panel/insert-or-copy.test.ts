// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { describeError } from '../../../lib/errors';
import { createTranslator } from '../../../lib/i18n';
import { insertOrCopy } from '../../../lib/panel/insert-or-copy';

const sendToExtension = vi.hoisted(() => vi.fn());
vi.mock('../../../lib/messaging', () => ({ sendToExtension }));

describe('insertOrCopy', () => {
  beforeEach(() => {
    sendToExtension.mockReset();
  });

  it('says inserted only when the page confirms the text is in the editor', async () => {
    sendToExtension.mockResolvedValue({ ok: true, target: 'reply-box' });
    const clipboard = { writeText: vi.fn(async () => undefined) };
    expect(await insertOrCopy(3, 'Hallo', clipboard)).toEqual({ kind: 'inserted', target: 'reply-box' });
    expect(clipboard.writeText).not.toHaveBeenCalled();
  });

  it('puts the text on the clipboard when the insert did not land, and keeps the reason', async () => {
    sendToExtension.mockResolvedValue({
      ok: false,
      code: 'adapter/insert-not-shown',
      reason: 'The text did not appear in the visible reply editor',
    });
    const clipboard = { writeText: vi.fn(async () => undefined) };
    expect(await insertOrCopy(3, 'Hallo', clipboard)).toEqual({
      kind: 'copied',
      reason: { code: 'adapter/insert-not-shown', message: 'The text did not appear in the visible reply editor' },
    });
    expect(clipboard.writeText).toHaveBeenCalledWith('Hallo');
  });

  it("keeps the code and params of the reason, so the panel says it in the agent's language", async () => {
    sendToExtension.mockResolvedValue({
      ok: false,
      code: 'adapter/reply-box-closed',
      reason: 'The reply box on Freshdesk did not open — click Reply, then try again',
      params: { site: 'Freshdesk' },
    });
    const outcome = await insertOrCopy(3, 'Hallo', { writeText: vi.fn(async () => undefined) });
    expect(outcome.kind).toBe('copied');
    if (outcome.kind === 'inserted') return;
    expect(describeError(outcome.reason, createTranslator('en'))).toBe(
      'The reply box on Freshdesk did not open — click Reply, then try again',
    );
    expect(describeError(outcome.reason, createTranslator('de'))).toBe(
      'Das Antwortfeld auf Freshdesk hat sich nicht geöffnet – klicken Sie auf Antworten und versuchen Sie es erneut',
    );
  });

  it('reports a failure when neither works', async () => {
    sendToExtension.mockImplementation(async () => {
      throw new Error('No tab');
    });
    const clipboard = {
      writeText: vi.fn(async () => {
        throw new Error('denied');
      }),
    };
    expect(await insertOrCopy(3, 'Hallo', clipboard)).toEqual({
      kind: 'failed',
      reason: { code: 'internal/unexpected', message: 'No tab' },
    });
  });
});
