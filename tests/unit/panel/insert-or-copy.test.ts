// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from 'vitest';
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
    sendToExtension.mockResolvedValue({ ok: false, reason: 'The text did not appear in the visible reply editor' });
    const clipboard = { writeText: vi.fn(async () => undefined) };
    expect(await insertOrCopy(3, 'Hallo', clipboard)).toEqual({
      kind: 'copied',
      reason: 'The text did not appear in the visible reply editor',
    });
    expect(clipboard.writeText).toHaveBeenCalledWith('Hallo');
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
    expect(await insertOrCopy(3, 'Hallo', clipboard)).toEqual({ kind: 'failed', reason: 'No tab' });
  });
});
