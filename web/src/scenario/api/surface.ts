/**
 * The API surface as a scenario sees it, read from the headers themselves
 * (the prelude's text is theirs) and joined with the notes of ./routines.ts:
 * every routine with its header, its declared signature and parameter count,
 * every type and constant name. The editor's catalogue, the bindings check
 * and docs/kernel-api.md all start here.
 */
import { HEADERS } from '../prelude';
import { MACROS, ROUTINES } from './routines';

export type HeaderName = 'wdkm.h' | 'ntddk.h' | 'ntdef.h';

/** Headers whose declarations make up the surface, in the order the docs list them. */
export const SURFACE_HEADERS: readonly HeaderName[] = ['wdkm.h', 'ntddk.h', 'ntdef.h'];

export interface Prototype {
  name: string;
  header: HeaderName;
  /** `RET NAME(PARAMS)` as declared, white space folded. */
  signature: string;
  /** Parameter types and names, in order; a variadic tail is not counted. */
  params: { type: string; name: string }[];
  variadic: boolean;
}

export interface ApiEntry {
  name: string;
  header: HeaderName;
  signature: string;
  irql: string;
  doc: string;
  kind: 'function' | 'macro';
}

const SCENARIO = '__WDKM_SCENARIO__';

/** The lines a scenario's preprocessor keeps: the `#ifdef __WDKM_SCENARIO__`
    branches, not their `#else` (or, with `scenario` false, what a C build
    keeps). Other conditionals count as taken. */
export function scenarioView(text: string, scenario = true): string {
  const stack: boolean[] = [];
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const d = /^\s*#\s*(ifdef|ifndef|if|else|endif)\b\s*(\w*)/.exec(line);
    if (d) {
      if (d[1] === 'endif') stack.pop();
      else if (d[1] === 'else') stack.push(!stack.pop());
      else stack.push(d[2] === SCENARIO ? (d[1] === 'ifdef') === scenario : true);
      continue;
    }
    if (stack.every(Boolean)) out.push(line);
  }
  return out.join('\n');
}

/** Declarations of one header, comments and directives removed, white space folded. */
function statements(text: string, scenario: boolean): string[] {
  return scenarioView(text, scenario)
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join(' ')
    .split(';')
    .map((s) => s.replace(/\s+/g, ' ').trim());
}

const PROTOTYPE = /^((?:DECLSPEC_NORETURN )?(?:const )?\w+(?: ?\*+ ?| ))(\w+) ?\((.*)\)$/;

export function prototypesOf(header: HeaderName, text: string, scenario = true): Prototype[] {
  const out: Prototype[] = [];
  for (const s of statements(text, scenario)) {
    if (/\btypedef\b|\bextern\b|[{}]/.test(s)) continue;
    const m = PROTOTYPE.exec(s);
    if (!m) continue;
    const parts = m[3].split(',').map((p) => p.trim());
    const variadic = parts[parts.length - 1] === '...';
    const named = (variadic ? parts.slice(0, -1) : parts).filter((p) => p !== 'VOID' && p !== 'void');
    const params = named.map((p) => {
      const pm = /^(.*?)\s*(\w+)(\[\])?$/.exec(p)!;
      return { type: pm[3] ? `${pm[1]} *` : pm[1], name: pm[2] };
    });
    out.push({ name: m[2], header, signature: s, params, variadic });
  }
  return out;
}

function headerText(name: HeaderName): string {
  const text = HEADERS.get(name);
  if (text === undefined) throw new Error(`no header ${name}`);
  return text;
}

/** Every routine the headers declare, wdkm.h first. */
export const PROTOTYPES: readonly Prototype[] = SURFACE_HEADERS.flatMap((h) => prototypesOf(h, headerText(h)));

function notesOf(name: string) {
  const notes = ROUTINES[name];
  // A routine without notes is caught by surface.test.ts; the app still shows its signature.
  return notes ?? { irql: '(not documented)', doc: 'Declared by the header; see docs/adding-a-kernel-routine.md.' };
}

/** The catalogue: every routine with its notes, then the function-like macros. */
export const API: readonly ApiEntry[] = [
  ...PROTOTYPES.map((p) => ({ name: p.name, header: p.header, signature: p.signature, ...notesOf(p.name), kind: 'function' as const })),
  ...Object.entries(MACROS).map(([name, m]) => ({ name, header: m.header, signature: m.signature, irql: m.irql, doc: m.doc, kind: 'macro' as const })),
];

/** Names a typedef declares, in the scenario's view of the headers. */
function typedefNames(text: string): string[] {
  const flat = scenarioView(text).replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/^\s*#.*$/gm, ' ').replace(/\s+/g, ' ');
  const names: string[] = [];
  for (const m of flat.matchAll(/typedef ((?:[^;{}]|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})*);/g)) {
    const declarators = m[1].replace(/^[^{]*\{[\s\S]*\}/, '').replace(/\([^)]*\)\s*$/, '');
    const fn = /(\w+)\s*\(/.exec(m[1].replace(/\{[\s\S]*\}/, ''));
    if (fn && !/\}/.test(m[1])) { names.push(fn[1]); continue; }
    for (const d of declarators.split(',')) {
      const n = /(\w+)\s*(\[[^\]]*\])?\s*$/.exec(d);
      if (n) names.push(n[1]);
    }
  }
  return names;
}

function enumConstants(text: string): string[] {
  const flat = scenarioView(text).replace(/\/\*[\s\S]*?\*\//g, ' ');
  return [...flat.matchAll(/enum \w+ \{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((e) => e.trim().split(/[\s=]/)[0]).filter(Boolean));
}

function objectMacros(text: string): string[] {
  return [...scenarioView(text).matchAll(/^#define ([A-Za-z]\w*)(?=\s|$)/gm)].map((m) => m[1]).filter((n) => !/^(VOID|IN|OUT|OPTIONAL|CONST|NTAPI|NTKERNELAPI|NTSYSAPI|FORCEINLINE|DECLSPEC_NORETURN)$/.test(n));
}

const ALL = SURFACE_HEADERS.map(headerText);

/** Type names for highlighting and completion: every typedef of the headers. */
export const TYPE_NAMES: readonly string[] = [...new Set(['VOID', ...ALL.flatMap(typedefNames)])].filter((n) => !n.startsWith('_'));

/** Constants: object-like macros and enum constants of the headers. */
export const CONSTANT_NAMES: readonly string[] = [...new Set(ALL.flatMap((t) => [...objectMacros(t), ...enumConstants(t)]))]
  .filter((n) => !(n in MACROS)); // KeWaitForMutexObject names a routine
