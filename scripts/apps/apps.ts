/**
 * Request Tracker and Roundcube as installed by scripts/apps/install.sh and started by start.sh: starting and
 * stopping them, signing in, and the addresses of the pages the end-to-end tests and the fixture capture open.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { AppError } from '../../lib/errors';

const here = import.meta.dirname;

export interface RunningApps {
  rt: {
    url: string;
    user: string;
    password: string;
    agentName: string;
    /** The German single-message ticket (lawyer threat, owner "Nobody"). */
    singleTicket: number;
    /** The English ticket: customer report, agent reply with quoted history and signature, customer follow-up. */
    threadTicket: number;
  };
  roundcube: { url: string; user: string; password: string };
}

/** Why the apps cannot run here (not installed, not root), or null when start.sh can start them. */
export function whyAppsUnavailable(): string | null {
  const missing = [
    '/usr/share/request-tracker5/libexec/rt-server',
    '/usr/share/roundcube/index.php',
    '/usr/sbin/dovecot',
  ].filter((path) => !existsSync(path));
  if (missing.length > 0) return `not installed (${missing.join(', ')} missing): run scripts/apps/install.sh`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'scripts/apps/start.sh needs root';
  return null;
}

/** Runs start.sh (fresh databases, seeded, served on 127.0.0.1) and returns where everything is. */
export function startApps(): RunningApps {
  const output = execFileSync(resolve(here, 'start.sh'), {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 180_000,
  });
  const values = new Map<string, string>();
  for (const line of output.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) values.set(match[1], match[2]);
  }
  const value = (key: string): string => {
    const found = values.get(key);
    if (found === undefined) throw new AppError('internal/apps-start', `scripts/apps/start.sh did not print ${key}`);
    return found;
  };
  return {
    rt: {
      url: value('RT_URL'),
      user: value('RT_AGENT_USER'),
      password: value('RT_AGENT_PASSWORD'),
      agentName: value('RT_AGENT_NAME'),
      singleTicket: Number(value('RT_TICKET_SINGLE')),
      threadTicket: Number(value('RT_TICKET_THREAD')),
    },
    roundcube: {
      url: value('ROUNDCUBE_URL'),
      user: value('ROUNDCUBE_USER'),
      password: value('ROUNDCUBE_PASSWORD'),
    },
  };
}

export function stopApps(): void {
  execFileSync(resolve(here, 'stop.sh'), { stdio: 'ignore' });
}

/** Signs in to RT's web UI as the agent (RT's own login form). */
export async function signInToRt(page: Page, apps: RunningApps): Promise<void> {
  await page.goto(`${apps.rt.url}/`);
  await page.locator('input[name="user"]').fill(apps.rt.user);
  await page.locator('input[name="pass"]').fill(apps.rt.password);
  await Promise.all([page.waitForURL(/\/(index\.html)?(\?.*)?$/), page.locator('input[name="pass"]').press('Enter')]);
}

/** RT's ticket display with its history loaded (RT 5 fetches the history after the page). */
export async function openRtTicket(page: Page, apps: RunningApps, id: number): Promise<void> {
  await page.goto(`${apps.rt.url}/Ticket/Display.html?id=${id}`);
  await page.locator('.history .transaction.message').first().waitFor();
}

/** RT's reply page (Respond) for a ticket, with its message editor ready. */
export async function openRtReply(page: Page, apps: RunningApps, id: number): Promise<void> {
  await page.goto(`${apps.rt.url}/Ticket/Update.html?Action=Respond&id=${id}`);
  await page.locator('textarea[name="UpdateContent"]').waitFor({ state: 'attached' });
}

/** Signs in to Roundcube and waits for the inbox list. */
export async function signInToRoundcube(page: Page, apps: RunningApps): Promise<void> {
  await page.goto(`${apps.roundcube.url}/`);
  await page.locator('#rcmloginuser').fill(apps.roundcube.user);
  await page.locator('#rcmloginpwd').fill(apps.roundcube.password);
  await page.locator('#rcmloginsubmit').click();
  await page.locator('#messagelist tbody tr').first().waitFor();
}

/** Clicks a message in the inbox list so Roundcube shows it in its preview pane (the same-origin iframe). */
export async function previewRoundcubeMessage(page: Page, subject: string): Promise<void> {
  await page.locator('#messagelist tbody tr', { hasText: subject }).first().click();
  await page.frameLocator('#messagecontframe').locator('#messagebody').waitFor();
}

/** The IMAP uid of the inbox message whose subject contains `subject`. */
export async function roundcubeUid(page: Page, subject: string): Promise<string> {
  const id = await page.locator('#messagelist tbody tr', { hasText: subject }).first().getAttribute('id');
  if (!id) throw new AppError('internal/apps-roundcube', `No message "${subject}" in the Roundcube inbox`);
  // Row ids are "rcmrow" + the uid in URL-safe base64 (rcube_utils::html_identifier).
  return Buffer.from(id.replace(/^rcmrow/, ''), 'base64url').toString('utf8');
}
