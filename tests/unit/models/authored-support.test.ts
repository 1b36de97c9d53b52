// @vitest-environment node
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  authoredCustomerStyleExamples,
  authoredTransportFeedbackExamples,
} from '../../../scripts/train/authored-support';
import { readTsv } from '../../../scripts/train/data';
import { cachedModel, hashInputs } from '../../../scripts/train/train-cache';

const sentiments = ['negative', 'neutral', 'positive'];
const emotions = ['angry', 'frustrated', 'sad', 'anxious', 'confused', 'grateful', 'happy', 'neutral'];
const evalDir = resolve(import.meta.dirname, '../../../scripts/train/eval');
const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

describe('authored customer-style support messages and German feedback', () => {
  const style = authoredCustomerStyleExamples();
  const feedback = authoredTransportFeedbackExamples();
  const all = [...style, ...feedback];

  it('are the same on every call, so training stays reproducible', () => {
    expect(authoredCustomerStyleExamples()).toEqual(style);
    expect(authoredTransportFeedbackExamples()).toEqual(feedback);
  });

  it('label every message with one sentiment and one support emotion, and never repeat a text', () => {
    for (const x of all) {
      expect(sentiments).toContain(x.labels[0]);
      expect(emotions).toContain(x.labels[1]);
      expect(x.labels).toHaveLength(2);
    }
    expect(new Set(all.map((x) => x.text)).size).toBe(all.length);
  });

  it('fill every placeholder and pick one register per message', () => {
    for (const x of all) {
      expect(x.text).not.toMatch(/\{[a-z0-9]+\}/);
      expect(x.text).not.toMatch(/\[[^\]]*\|[^\]]*\]/);
      expect(x.text).toBe(x.text.trim());
    }
  });

  it('cover both languages, du/ihr as well as Sie, and what real mail carries', () => {
    const de = style.filter((x) => x.lang === 'de').map((x) => x.text);
    const en = style.filter((x) => x.lang === 'en').map((x) => x.text);
    expect(de.length).toBeGreaterThan(1000);
    expect(en.length).toBeGreaterThan(1000);
    expect(de.some((t) => /\b(ihr|euch|eure)\b/i.test(t))).toBe(true);
    expect(de.some((t) => /\b(Sie|Ihnen|Ihr Kollege)\b/.test(t))).toBe(true);
    expect(all.some((t) => t.text.startsWith('> ') || t.text.includes(' > '))).toBe(true);
    expect(en.some((t) => t.startsWith('@'))).toBe(true);
    expect(all.some((t) => /\d{5,}/.test(t.text))).toBe(true);
    expect(en.some((t) => t === t.toLowerCase())).toBe(true);
    for (const kind of ['complaint', 'anxious', 'question', 'confused', 'sarcasm', 'thanks']) {
      expect(style.some((x) => x.kind === kind)).toBe(true);
    }
  });

  it('label sarcasm after a failure negative and plain questions neutral without an emotion', () => {
    for (const x of style.filter((s) => s.kind === 'sarcasm')) expect(x.labels).toEqual(['negative', 'frustrated']);
    for (const x of style.filter((s) => s.kind === 'question')) expect(x.labels).toEqual(['neutral', 'neutral']);
    for (const x of style.filter((s) => s.kind === 'anxious')) expect(x.labels).toEqual(['negative', 'anxious']);
  });

  it('never contain a line of the authored challenge sets', () => {
    const held = new Set(
      readdirSync(evalDir)
        .filter((f) => f.endsWith('.tsv'))
        .flatMap((f) => readTsv(join(evalDir, f)).map((r) => fold(r.text))),
    );
    expect(held.size).toBeGreaterThan(250);
    expect(all.filter((x) => held.has(fold(x.text)))).toEqual([]);
  });
});

describe('the trainer’s experiment cache', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    delete process.env.TRAIN_CACHE;
  });

  it('reads back exactly what it stored, and only for the same inputs', () => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-train-cache-'));
    process.env.TRAIN_CACHE = dir;
    const key = hashInputs(['opts', Int32Array.of(1, 2, 3), 0.5]);
    expect(hashInputs(['opts', Int32Array.of(1, 2, 4), 0.5])).not.toBe(key);
    let trained = 0;
    const train = () => {
      trained++;
      return { w: Float32Array.of(0.25, -1.5), b: Float32Array.of(3) };
    };
    const first = cachedModel('m', key, ['w', 'b'], train, () => {});
    const second = cachedModel('m', key, ['w', 'b'], train, () => {});
    expect(trained).toBe(1);
    expect(Array.from(second.w)).toEqual(Array.from(first.w));
    expect(Array.from(second.b)).toEqual([3]);
  });
});
