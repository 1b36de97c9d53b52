import type { TemplateRecord } from '../db';
import { conversationFacts, unsupportedClaims } from './claims';
import {
  cancelledError,
  type DraftEvent,
  type DraftRequest,
  type DraftVariant,
  type EngineCallOptions,
  pause,
  pickVariants,
  type ReplyEngine,
  type ReplyEngineStatus,
  type RewriteInstruction,
  resolveLanguage,
  StatusStore,
} from './engine';
import { groundDraft } from './grounding';

/**
 * Fills a template's `{{placeholders}}` for the conversation; facts it does not know stay visible for the agent.
 * The templates module's `fillTemplate` is adapted to this by the caller.
 */
export type FillTemplate = (template: TemplateRecord, request: DraftRequest) => string;

export interface TemplateEngineOptions {
  /** Why templates are in use (no WebGPU, out of memory, download declined…), shown in the panel. */
  reason: string;
  fill: FillTemplate;
  /** Pause between streamed chunks so the panel renders drafts the same way as the model's. 0 by default. */
  chunkDelayMs?: number;
}

/** Words per streamed chunk. */
const chunkWords = 4;

/** Splits text into chunks of a few words, keeping the whitespace so joining them gives the text back. */
export function chunkText(text: string, words = chunkWords): string[] {
  const parts = text.match(/\S+\s*/gu) ?? [];
  const leading = /^\s+/u.exec(text)?.[0] ?? '';
  const chunks: string[] = [];
  for (let i = 0; i < parts.length; i += words) chunks.push(parts.slice(i, i + words).join(''));
  if (leading && chunks.length > 0) chunks[0] = leading + chunks[0];
  return chunks.length > 0 ? chunks : text ? [text] : [];
}

/**
 * Templates usable for the request: not deleted, in the reply language and Sie/Du, claiming nothing the conversation
 * does not show, and on the customer's main request when any template is (issue 19: a draft must fit the request and
 * never say a refund was issued while it is pending).
 */
function usableTemplates(request: DraftRequest): TemplateRecord[] {
  const language = resolveLanguage(request);
  const facts = conversationFacts(request.conversation);
  const usable = request.templates.filter((t) => {
    if (t.deletedAt !== undefined) return false;
    if (language !== 'other' && t.language !== language) return false;
    if (t.language === 'de' && t.formality && t.formality !== request.replies.germanFormality) return false;
    return unsupportedClaims(t, facts).length === 0;
  });
  const main = groundDraft(request).main;
  const onTopic = usable.filter((t) => main !== undefined && t.intents.includes(main));
  return onTopic.length > 0 ? onTopic : usable;
}

/**
 * Gives each variant its own template from the ranked list: de-escalating prefers an apologetic one, the empathetic
 * variant a warm or apologetic one, short the shortest of the top few. Each template is used once.
 */
export function assignTemplates(
  variants: DraftVariant[],
  ranked: TemplateRecord[],
): { variant: DraftVariant; template: TemplateRecord }[] {
  const used = new Set<string>();
  const top = ranked.slice(0, 5);
  const pick = (prefer: (t: TemplateRecord) => boolean, order: TemplateRecord[] = top): TemplateRecord | undefined =>
    order.find((t) => !used.has(t.id) && prefer(t)) ?? order.find((t) => !used.has(t.id));
  const out: { variant: DraftVariant; template: TemplateRecord }[] = [];
  // Short is chosen last among what is left so the richer variants get the best matches first.
  const orderOfChoice = [...variants].sort((a, b) => Number(a === 'short') - Number(b === 'short'));
  const chosen = new Map<DraftVariant, TemplateRecord>();
  for (const variant of orderOfChoice) {
    let template: TemplateRecord | undefined;
    if (variant === 'de-escalating') template = pick((t) => t.tone === 'apologetic');
    else if (variant === 'empathetic-detailed') template = pick((t) => t.tone !== 'neutral');
    else
      template = pick(
        () => true,
        [...top].sort((a, b) => a.body.length - b.body.length),
      );
    if (!template) continue;
    used.add(template.id);
    chosen.set(variant, template);
  }
  for (const variant of variants) {
    const template = chosen.get(variant);
    if (template) out.push({ variant, template });
  }
  return out;
}

/**
 * The templates-only reply engine, used when WebGPU or memory is missing or the agent has not agreed to the
 * download. Drafts are the best-ranked team templates, filled for the conversation and streamed like the model's.
 */
export class TemplateReplyEngine implements ReplyEngine {
  readonly id = 'templates';
  readonly kind = 'templates';
  readonly reason: string;
  readonly #status = new StatusStore();
  readonly #fill: FillTemplate;
  readonly #chunkDelayMs: number;

  constructor(options: TemplateEngineOptions) {
    this.reason = options.reason;
    this.#fill = options.fill;
    this.#chunkDelayMs = options.chunkDelayMs ?? 0;
  }

  get status(): ReplyEngineStatus {
    return this.#status.value;
  }

  subscribe(listener: (status: ReplyEngineStatus) => void): () => void {
    return this.#status.subscribe(listener);
  }

  async load(options: EngineCallOptions = {}): Promise<void> {
    if (options.signal?.aborted) throw cancelledError();
    this.#status.set({ state: 'ready', modelId: this.id });
  }

  async *draft(request: DraftRequest, options: EngineCallOptions = {}): AsyncGenerator<DraftEvent> {
    const { signal } = options;
    const variants = request.variants ?? pickVariants(request.mood);
    const assigned = assignTemplates(variants, usableTemplates(request));
    if (assigned.length === 0) {
      yield {
        type: 'error',
        code: 'replies/no-templates',
        message:
          'No team template fits this conversation (language, Sie/Du or topic). Write the reply yourself or add a template.',
      };
      return;
    }
    for (const { variant, template } of assigned) {
      if (signal?.aborted) break;
      let text: string;
      try {
        text = this.#fill(template, request);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        yield { type: 'error', code: 'templates/fill-failed', message: `Template "${template.title}": ${message}` };
        return;
      }
      yield { type: 'variant-start', variant };
      let written = '';
      for (const chunk of chunkText(text)) {
        await pause(this.#chunkDelayMs, signal);
        if (signal?.aborted) break;
        written += chunk;
        yield { type: 'token', variant, text: chunk };
      }
      if (signal?.aborted) break;
      yield { type: 'variant-end', variant, text: written };
    }
    if (signal?.aborted) {
      const cancelled = cancelledError();
      yield { type: 'error', code: cancelled.code, message: cancelled.message };
      return;
    }
    yield { type: 'done' };
  }

  async *rewrite(
    _text: string,
    _instruction: RewriteInstruction,
    _request: DraftRequest,
    _options: EngineCallOptions = {},
  ): AsyncGenerator<DraftEvent> {
    yield {
      type: 'error',
      code: 'replies/rewrite-unavailable',
      message: `Rewriting needs the on-device writing model. ${this.reason}`,
    };
  }

  async dispose(): Promise<void> {
    this.#status.set({ state: 'idle' });
  }
}
