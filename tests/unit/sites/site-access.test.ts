// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  buildsDemoHosts,
  declaredSiteMatches,
  demoSiteMatches,
  manifestWithSiteAccess,
  runtimeSiteMatches,
  storeSiteMatches,
} from '../../../lib/sites/matches';
import config from '../../../wxt.config';

/** The manifest as WXT generates it (the manifest function, plus the content script WXT adds from its entrypoint). */
async function generated(browser: 'chrome' | 'firefox') {
  const manifest = config.manifest;
  if (typeof manifest !== 'function') throw new Error('expected a manifest function');
  const base = await manifest({ browser, manifestVersion: 3, mode: 'production', command: 'build' });
  return { ...base, content_scripts: [{ matches: [...declaredSiteMatches], js: ['content-scripts/content.js'] }] };
}

const isLocal = (pattern: string) => /localhost|127\.0\.0\.1/.test(pattern);

describe('site access per build', () => {
  it('switches on the demo hosts only with RAPPORT_DEMO_HOSTS=1', () => {
    expect(buildsDemoHosts({ RAPPORT_DEMO_HOSTS: '1' })).toBe(true);
    expect(buildsDemoHosts({})).toBe(false);
    expect(buildsDemoHosts({ RAPPORT_DEMO_HOSTS: 'true', NODE_ENV: 'development' })).toBe(false);
  });

  it.each(['chrome', 'firefox'] as const)('the store build (%s) declares no localhost anywhere', async (browser) => {
    const manifest = manifestWithSiteAccess(await generated(browser), { demoHosts: false });
    expect(manifest.host_permissions).toEqual(storeSiteMatches);
    expect(manifest.content_scripts?.flatMap((script) => script.matches ?? [])).toEqual(storeSiteMatches);
    const resources = manifest.web_accessible_resources ?? [];
    expect(
      resources.flatMap((entry) => (typeof entry === 'string' ? [] : (entry.matches ?? []))).filter(isLocal),
    ).toEqual([]);
    expect(JSON.stringify(manifest)).not.toMatch(/localhost|127\.0\.0\.1/);
  });

  it.each(['chrome', 'firefox'] as const)('the development build (%s) adds the demo hosts', async (browser) => {
    const manifest = manifestWithSiteAccess(await generated(browser), { demoHosts: true });
    expect(manifest.host_permissions).toEqual(expect.arrayContaining(demoSiteMatches));
    expect(manifest.content_scripts?.[0]?.matches).toEqual(expect.arrayContaining(demoSiteMatches));
  });

  it.each(['chrome', 'firefox'] as const)(
    'no extension page is web-accessible at a fixed URL (%s)',
    async (browser) => {
      const manifest = await generated(browser);
      const entries = (manifest.web_accessible_resources ?? []).filter((entry) => typeof entry !== 'string');
      // Only the drawer, which renders nothing without its one-time ticket; never the side panel or the settings.
      expect(entries.flatMap((entry) => entry.resources)).toEqual(['drawer.html']);
      if (browser === 'chrome') expect(entries.every((entry) => entry.use_dynamic_url === true)).toBe(true);
    },
  );

  it('reads the sites a running build declares from its manifest', () => {
    expect(
      runtimeSiteMatches({ content_scripts: [{ matches: storeSiteMatches }, { matches: ['https://a/*'] }] }),
    ).toEqual([...storeSiteMatches, 'https://a/*']);
    expect(runtimeSiteMatches({})).toEqual([]);
  });
});
