import { MatchPattern } from '@webext-core/match-patterns';

/**
 * Pages the content script is declared for. Any other helpdesk or webmail is read on demand: the toolbar button or
 * shortcut grants access to that tab (activeTab) and the background injects the content script there.
 */
export const storeSiteMatches = [
  'https://mail.google.com/*',
  'https://*.zendesk.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
  'https://*.freshdesk.com/*',
];

/**
 * The bundled demo helpdesk (`npm start`) and the end-to-end tests are served on localhost. Only the development build
 * declares these hosts: in the store build every local web app would get the content script (issue 20).
 */
export const demoSiteMatches = ['http://localhost/*', 'http://127.0.0.1/*'];

/**
 * Every pattern any build may declare; the manifest of a store build is stripped of the demo hosts
 * (`manifestWithSiteAccess`), so code that runs in the extension asks the manifest (`runtimeSiteMatches`).
 */
export const declaredSiteMatches = [...storeSiteMatches, ...demoSiteMatches];

/** The switch for a development build: `RAPPORT_DEMO_HOSTS=1 npx wxt build` (set by `npm start` and the e2e setup). */
export const demoHostsEnv = 'RAPPORT_DEMO_HOSTS';

/** Whether a build with these environment variables declares the demo hosts. */
export function buildsDemoHosts(env: Record<string, string | undefined>): boolean {
  return env[demoHostsEnv] === '1';
}

function isDemoPattern(pattern: string): boolean {
  return demoSiteMatches.includes(pattern);
}

interface SiteAccessManifest {
  host_permissions?: string[];
  content_scripts?: { matches?: string[] }[];
  web_accessible_resources?: ({ matches?: string[] } | string)[];
}

/**
 * The manifest with the demo hosts left in (development build) or taken out of host permissions, content-script
 * matches and web-accessible resources (store build). A content script or resource left with no match at all is
 * dropped, since an empty `matches` is invalid.
 */
export function manifestWithSiteAccess<M extends SiteAccessManifest>(manifest: M, options: { demoHosts: boolean }): M {
  if (options.demoHosts) return manifest;
  const keep = (patterns: string[] | undefined) => patterns?.filter((pattern) => !isDemoPattern(pattern));
  const next: M = { ...manifest };
  if (manifest.host_permissions) next.host_permissions = keep(manifest.host_permissions);
  if (manifest.content_scripts) {
    next.content_scripts = manifest.content_scripts
      .map((script) => (script.matches ? { ...script, matches: keep(script.matches) } : script))
      .filter((script) => script.matches === undefined || script.matches.length > 0);
  }
  if (manifest.web_accessible_resources) {
    next.web_accessible_resources = manifest.web_accessible_resources
      .map((entry) => (typeof entry !== 'string' && entry.matches ? { ...entry, matches: keep(entry.matches) } : entry))
      .filter((entry) => typeof entry === 'string' || entry.matches === undefined || entry.matches.length > 0);
  }
  return next;
}

/** The sites this build's content script is declared for, read from the running extension's manifest. */
export function runtimeSiteMatches(manifest: { content_scripts?: { matches?: string[] }[] }): string[] {
  return [...new Set((manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []))];
}

/**
 * Whether one of the match `patterns` covers `url`, the way the browser matches them (`*.` covers the domain itself
 * and its subdomains; a port in the URL does not matter). A URL that does not parse, or a pattern that does not,
 * matches nothing.
 */
export function isCoveredByMatchPatterns(url: string, patterns: readonly string[]): boolean {
  let href: string;
  try {
    href = new URL(url).href;
  } catch {
    // Not a URL (a half-typed setting): no pattern covers it.
    return false;
  }
  return patterns.some((pattern) => {
    try {
      // A string, not a URL object: the library tests `instanceof Location`, which a service worker does not define.
      return new MatchPattern(pattern).includes(href);
    } catch {
      // An invalid pattern, or a scheme the library cannot match (ftp, urn): it covers nothing we could ask about.
      return false;
    }
  });
}
