/** The hosting headers (public/_headers, copied into the build) and the test
    hook (issue 15, defect 7): the playground may not be framed by other
    sites, the embeddable player may; and window.__wdkmTest is installed only
    in builds made for the end-to-end tests. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** `_headers` as path -> header lines. */
function rules(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let path: string | undefined;
  for (const line of readFileSync('public/_headers', 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (!line.startsWith(' ')) { path = line.trim(); out.set(path, []); continue; }
    out.get(path!)!.push(line.trim());
  }
  return out;
}

describe('hosting headers', () => {
  it('deny framing of the playground, at / and /index.html', () => {
    for (const path of ['/', '/index.html']) {
      expect(rules().get(path)).toEqual(["Content-Security-Policy: frame-ancestors 'none'", 'X-Frame-Options: DENY']);
    }
  });
  it('let any site frame the embeddable player', () => {
    expect(rules().get('/embed.html')).toEqual(['Content-Security-Policy: frame-ancestors *']);
    expect(rules().get('/*')!.some((h) => /frame/i.test(h))).toBe(false);
  });
  it('name only pages the build has', () => {
    const inputs = readFileSync('vite.config.ts', 'utf8');
    for (const page of ['index.html', 'embed.html']) expect(inputs).toContain(`'${page}'`);
  });
});

describe('the e2e test hook', () => {
  it.each(['web/src/main.tsx', 'web/src/embed/main.tsx', 'web/src/learn/view/start.tsx'])('is installed by %s only in e2e builds', (file) => {
    const calls = readFileSync(file, 'utf8').split('\n').filter((l) => l.includes('installTestHook(store'));
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call.trim()).toBe("if (import.meta.env.VITE_WDKM_TEST_HOOK === '1') installTestHook(store, engine, window);");
  });
});
