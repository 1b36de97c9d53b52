// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { hasNoteRef, noteRefOf, withNoteRef } from '../../../lib/escalation/note-ref';

describe('note references (issue 20: a retried note is recognised, never posted twice)', () => {
  it('derives a short, stable reference from the idempotency key', () => {
    const key = 'rapport-3f2a9c1b-7d4e-4f00-9abc-0123456789ab';
    expect(noteRefOf(key)).toBe('R-3f2a9c1b7d4e');
    expect(noteRefOf(key)).toBe(noteRefOf(key));
    expect(noteRefOf('rapport-00000000-0000-4000-8000-000000000001')).not.toBe(noteRefOf(key));
  });

  it('finds the reference in the plain and the HTML note, and only as a whole', () => {
    const note = withNoteRef('Escalation\nMood: angry\n', 'R-3f2a9c1b7d4e');
    expect(note).toBe('Escalation\nMood: angry\n\nRapport ref: R-3f2a9c1b7d4e');
    expect(hasNoteRef(note, 'R-3f2a9c1b7d4e')).toBe(true);
    expect(hasNoteRef('<div>Mood: angry<br><br>Rapport ref: R-3f2a9c1b7d4e</div>', 'R-3f2a9c1b7d4e')).toBe(true);
    expect(hasNoteRef('Rapport ref: R-3f2a9c1b7d4eff', 'R-3f2a9c1b7d4e')).toBe(false);
    expect(hasNoteRef('Rapport ref: R-3f2a9c1b7d4eff and R-3f2a9c1b7d4e.', 'R-3f2a9c1b7d4e')).toBe(true);
    expect(hasNoteRef(null, 'R-3f2a9c1b7d4e')).toBe(false);
    expect(hasNoteRef('anything', '')).toBe(false);
  });
});
