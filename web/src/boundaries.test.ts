/* The one direction of data, checked: each folder may import only what its
   row allows, and the message says what to use instead. Static imports,
   re-exports and dynamic `import()` all count. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = 'web/src';

const RULES: { folder: string; forbidden: RegExp; instead: string }[] = [
  { folder: 'scenario', forbidden: /^(react|zustand|monaco-editor)|\/(store|views|app|engine|trace|share|examples|export)\//, instead: 'the front end is pure: it turns source into diagnostics and bytecode, nothing more' },
  { folder: 'trace', forbidden: /^(react|zustand|monaco-editor)|\/(store|views|app|engine|share|scenario)\//, instead: 'the trace derivations are pure functions of the decoded events' },
  { folder: 'store', forbidden: /^(react|react-dom|monaco-editor)|\/(views|app)\/|engine\/(client|worker|spawn|modules|handler|core)$/, instead: 'the store has no React and no views: derive in selectors, act in app/' },
  { folder: 'engine', forbidden: /^(react|zustand|monaco-editor)|\/(store|views|app|share)\//, instead: 'the engine knows nothing of the UI: return data to app/actions' },
  { folder: 'share', forbidden: /^(react|zustand)|\/(store|views|app)\/|engine\/(client|worker|spawn|modules|handler|core)$/, instead: 'the share codec is pure: app/ moves its result into the store' },
  { folder: 'examples', forbidden: /^(react|zustand)|\/(store|views|app|engine)\//, instead: 'examples are data' },
  { folder: 'app', forbidden: /^(react-dom|monaco-editor)|\/views\/|engine\/(worker|modules|handler|core)$/, instead: 'app/ drives the engine through engine/client and leaves rendering to views/' },
  { folder: 'views', forbidden: /engine\/(client|worker|spawn|modules|handler|core)$|^monaco-editor(?!.*editor\.api)/, instead: 'views reach the engine through useActions(); Monaco only inside views/editor' },
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !/\.test(-data)?\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file names: `import … from`, `export … from`,
    bare `import '…'`, and `import('…')` (including `typeof import('…')`). */
function imports(text: string): string[] {
  const found = [
    ...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((m) => m[1] ?? m[2]!);
}

function resolve(file: string, spec: string): string {
  return spec.startsWith('.') ? `/${relative(ROOT, join(file, '..', spec))}` : spec;
}

describe('module boundaries', () => {
  it('sees static, re-exported and dynamic imports', () => {
    const text = "import a from './a';\nexport { b } from '../b';\nimport './c';\nconst d = lazy(() => import('./d'));\ntype E = typeof import('../e');";
    expect(imports(text)).toEqual(['./a', '../b', './c', './d', '../e']);
  });

  it('catches a forbidden dynamic import', () => {
    const views = RULES.find((r) => r.folder === 'views')!;
    const spec = imports("const c = await import('../../engine/client');")[0]!;
    expect(views.forbidden.test(resolve('web/src/views/x/y.ts', spec))).toBe(true);
  });

  for (const rule of RULES) {
    it(`${rule.folder}/ imports only what it may`, () => {
      const offences: string[] = [];
      for (const file of files(join(ROOT, rule.folder))) {
        const inEditor = file.includes('views/editor/');
        for (const spec of imports(readFileSync(file, 'utf8'))) {
          if (inEditor && spec.startsWith('monaco-editor')) continue;
          const resolved = resolve(file, spec);
          if (rule.forbidden.test(spec) || rule.forbidden.test(`${resolved}/`) || rule.forbidden.test(resolved)) {
            offences.push(`${file} imports ${spec}: ${rule.instead}`);
          }
        }
      }
      expect(offences).toEqual([]);
    });
  }
});

/* The C side's two rules: the core (core-c/src, core-c/include) sees only the
   WDK, so the same files build into a real driver; and a run's result has one
   writer, the trace (web/src/trace/result.ts derives it): no C host prints it. */
describe('C boundaries', () => {
  const cFiles = (dir: string) => readdirSync(dir).filter((n) => /\.[ch]$/.test(n)).map((n) => join(dir, n));
  it('the core includes only the WDK and its own headers, never the emulator', () => {
    const offences: string[] = [];
    for (const file of [...cFiles('core-c/src'), ...cFiles('core-c/include')]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^\s*#\s*include\s*[<"]([^>"]+)[>"]/gm)) {
        if (!['ntddk.h', 'wdkm.h', 'wdkmp.h'].includes(m[1]!)) offences.push(`${file} includes ${m[1]}: the core sees only ntddk.h`);
      }
    }
    expect(offences).toEqual([]);
  });
  it('no native host writes a run\'s result: they write the trace', () => {
    const hosts = [...cFiles('core-c/vm'), ...cFiles('core-c/native-host'), ...cFiles('core-c/wasm')];
    const writers = hosts.filter((f) => /EmuResult\(\)/.test(readFileSync(f, 'utf8')) && /printf|Putf/.test(readFileSync(f, 'utf8')));
    // The explorer included: it reports witnesses, and TypeScript describes each from its replay.
    expect(writers).toEqual([]);
  });
  it('no C file names an outcome, a bug check or a finding for JSON: TypeScript names them from the trace', () => {
    const files = ['core-c/vm', 'core-c/native-host', 'core-c/wasm', 'core-c/emu'].flatMap(cFiles);
    const offences = files.filter((f) => /\\"(outcome|bugcheck|deadlock|assertion|leaks|prints|name)\\":/.test(readFileSync(f, 'utf8')));
    expect(offences).toEqual([]);
  });
});
