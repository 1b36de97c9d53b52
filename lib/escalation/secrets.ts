/**
 * The escalation credentials — the webhook URL (Slack, Teams and Zapier put their secret in it) and the Freshdesk API
 * key — kept where content scripts cannot reach them (issue 20).
 *
 * Why IndexedDB: `storage.local` is readable and writable by every content script, so a page that compromises its
 * renderer (content scripts share it) could read the key, or point the webhook at itself and receive every
 * escalation. `storage.session` can be closed to content scripts but is forgotten when the browser quits. The
 * extension's IndexedDB is persistent and belongs to the extension's origin; content scripts run with the page's
 * origin and only ever open the page's databases. Extension pages read it directly, the in-page drawer (no storage
 * of its own in a page that blocks third-party storage) through the background (lib/panel/panel-data.ts).
 */
import { getDb, type RapportDb, type SecretRecord } from '../db';
import { mergeSettings, type Settings, settingsItem } from '../settings';

export interface EscalationSecrets {
  webhookUrl: string;
  freshdeskApiKey: string;
}

export const noEscalationSecrets: EscalationSecrets = { webhookUrl: '', freshdeskApiKey: '' };

const rowName = 'escalation' satisfies SecretRecord['name'];

function toSecrets(row: SecretRecord | undefined): EscalationSecrets {
  return row ? { webhookUrl: row.webhookUrl, freshdeskApiKey: row.freshdeskApiKey } : noEscalationSecrets;
}

/**
 * Moves secrets an older version kept in `storage.local` into the database and deletes them there. Idempotent and
 * safe to run from several pages at once: the first run creates the row (from what `storage.local` held, possibly
 * nothing); once the row exists, values found in `storage.local` are not taken over — no version of Rapport writes
 * them there any more, so they came from a content script — and only deleted. Returns whether values were taken over.
 */
export async function moveSecretsOutOfLocalStorage(db: RapportDb = getDb(), now = Date.now()): Promise<boolean> {
  const raw = await settingsItem.getValue();
  const webhookUrl = raw.escalation?.webhook?.url ?? '';
  const freshdeskApiKey = raw.escalation?.freshdesk?.apiKey ?? '';
  // The row is written before `storage.local` is cleared: a run cut short between the two loses nothing.
  const created = await db.transaction('rw', db.secrets, async () => {
    if (await db.secrets.get(rowName)) return false;
    await db.secrets.put({ name: rowName, webhookUrl, freshdeskApiKey, movedAt: now });
    return true;
  });
  if (webhookUrl !== '' || freshdeskApiKey !== '') {
    // Read again: another page may have changed other settings since; only the two secret fields are cleared.
    const current = await settingsItem.getValue();
    await settingsItem.setValue(
      mergeSettings(current, { escalation: { webhook: { url: '' }, freshdesk: { apiKey: '' } } }),
    );
  }
  return created && (webhookUrl !== '' || freshdeskApiKey !== '');
}

let moved: Promise<unknown> | undefined;

/** Runs the move once per page (the background also runs it at start-up). */
function ensureMoved(db: RapportDb): Promise<unknown> {
  if (db !== getDb()) return moveSecretsOutOfLocalStorage(db);
  moved ??= moveSecretsOutOfLocalStorage(db).catch((error: unknown) => {
    // Let a later read try again rather than remembering a failure for the page's lifetime.
    moved = undefined;
    throw error;
  });
  return moved;
}

/** The stored escalation secrets (empty strings where none are set). Extension contexts with IndexedDB only. */
export async function readEscalationSecrets(db: RapportDb = getDb()): Promise<EscalationSecrets> {
  await ensureMoved(db);
  return toSecrets(await db.secrets.get(rowName));
}

/** Saves the escalation secrets (the settings page). */
export async function saveEscalationSecrets(secrets: EscalationSecrets, db: RapportDb = getDb()): Promise<void> {
  await ensureMoved(db);
  await db.secrets.put({
    name: rowName,
    webhookUrl: secrets.webhookUrl.trim(),
    freshdeskApiKey: secrets.freshdeskApiKey.trim(),
    movedAt: Date.now(),
  });
}

/** `settings` with the secrets filled in: what escalation runs with. */
export function withEscalationSecrets(settings: Settings, secrets: EscalationSecrets): Settings {
  return mergeSettings(settings, {
    escalation: { webhook: { url: secrets.webhookUrl }, freshdesk: { apiKey: secrets.freshdeskApiKey } },
  });
}

/** The secrets in a settings object (what the settings page's form holds). */
export function escalationSecretsOf(settings: Pick<Settings, 'escalation'>): EscalationSecrets {
  return {
    webhookUrl: settings.escalation.webhook.url,
    freshdeskApiKey: settings.escalation.freshdesk.apiKey,
  };
}
