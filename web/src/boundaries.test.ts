/* The one direction of data, checked: each folder may import only what its
   row allows, and the message says what to use instead. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = 'web/src';

const RULES: { folder: string; forbidden: RegExp; instead: string }[] = [
  { folder: 'store', forbidden: /^(react|react-dom|monaco-editor)|\/(views|app)\//, instead: 'the store has no React and no views: derive in selectors, act in app/' },
  { folder: 'engine', forbidden: /^(react|zustand)|\/(store|views|app|share)\//, instead: 'the engine knows nothing of the UI: return data to app/actions' },
  { folder: 'share', forbidden: /^(react|zustand)|\/(store|views|app)\//, instead: 'the share codec is pure: app/ moves its result into the store' },
  { folder: 'examples', forbidden: /^(react|zustand)|\/(store|views|app|engine)\//, instead: 'examples are data' },
  { folder: 'views', forbidden: /engine\/(client|worker|spawn|modules)|^monaco-editor(?!.*editor\.api)/, instead: 'views reach the engine through useActions(); Monaco only inside views/editor' },
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function imports(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)].map(
    (m) => m[1] ?? m[2]!,
  );
}

describe('module boundaries', () => {
  for (const rule of RULES) {
    it(`${rule.folder}/ imports only what it may`, () => {
      const offences: string[] = [];
      for (const file of files(join(ROOT, rule.folder))) {
        const inEditor = file.includes('views/editor/');
        for (const spec of imports(file)) {
          const resolved = spec.startsWith('.') ? `/${relative(ROOT, join(file, '..', spec))}/` : spec;
          if (inEditor && spec.startsWith('monaco-editor')) continue;
          if (rule.forbidden.test(spec) || rule.forbidden.test(resolved)) {
            offences.push(`${file} imports ${spec}: ${rule.instead}`);
          }
        }
      }
      expect(offences).toEqual([]);
    });
  }
});
