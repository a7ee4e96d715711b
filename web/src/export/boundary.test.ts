// The generator must run in the browser as well as in Node: everything
// exportProject reaches (web/src/export and driver/templates, plus JSON data)
// imports only relative modules and touches no Node or DOM global.

import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/g;
const FORBIDDEN = /\b(?:process|require|Buffer|__dirname|document|window|localStorage|navigator)\s*[.(]/;

/** Every module the entry reaches, with the specifiers each one imports. */
function moduleGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (file: string) => {
    if (graph.has(file)) return;
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(IMPORT)].map((m) => m[1]);
    graph.set(file, specifiers);
    for (const s of specifiers) {
      if (!s.startsWith('.')) continue;
      const target = resolve(dirname(file), s);
      visit(s.endsWith('.json') ? target : `${target}.ts`);
    }
  };
  visit(entry);
  return graph;
}

describe('the export generator', () => {
  const graph = moduleGraph(join(here, 'index.ts'));
  const files = [...graph.keys()].map((f) => relative(repo, f)).sort();

  it('reaches the generator, the templates and the later-exports list', () => {
    expect(files).toEqual(expect.arrayContaining([
      'web/src/export/project.ts',
      'driver/templates/makefile.ts',
      'driver/templates/vcxproj.ts',
      'driver/later-exports.json',
    ]));
  });

  it('imports nothing but relative modules (no node:, no packages)', () => {
    const outside = [...graph].flatMap(([file, specs]) =>
      specs.filter((s) => !s.startsWith('.')).map((s) => `${relative(repo, file)} imports ${s}`));
    expect(outside).toEqual([]);
  });

  it('uses no Node or DOM global', () => {
    const offenders = [...graph.keys()]
      .filter((f) => f.endsWith('.ts') && FORBIDDEN.test(readFileSync(f, 'utf8')))
      .map((f) => relative(repo, f));
    expect(offenders).toEqual([]);
  });
});
