/**
 * The preprocessor: directives, conditional groups, the four WDK headers
 * (which bring in the prelude), and macro expansion. Output tokens carry the
 * position of the source text they stand for: for a macro's body, its use.
 */
import type { DiagnosticBag, SourceRange } from '../diagnostics';
import { didYouMean } from '../didyoumean';
import { lex } from '../lex/lexer';
import type { Token } from '../lex/token';
import { MacroExpander, type Macro, type MacroTable } from './macro';
import { evalPPExpr } from './pp-expr';

/** What `#include <name>` may name, mapped to the header's C text. */
export type HeaderTable = ReadonlyMap<string, string>;

interface Conditional { active: boolean; taken: boolean; sawElse: boolean; at: Token }

const PREDEFINED: Record<string, string> = {
  __STDC__: '1', __STDC_VERSION__: '199901L', __STDC_HOSTED__: '0', _WIN64: '1', _WIN32: '1',
  _M_X64: '100', _M_AMD64: '100', _AMD64_: '1', _KERNEL_MODE: '1', __LINE__: '', __FILE__: '',
  // The headers are the C headers of the emulated kernel: this picks their scenario lines.
  __WDKM_SCENARIO__: '1',
};

/**
 * Macros that tell compilers or targets apart. The playground defines some of
 * them one way, mingw-w64's gcc and MSVC (the export's compilers) each
 * another, so code that depends on one would be checked and run here in one
 * form and built into the driver in another. The scenario may not name them
 * at all: then every token the export builds is a token that was checked.
 */
const IDENTIFYING = new Set(['_MSC_VER', '_MSC_FULL_VER', '_MSC_BUILD', '_MSC_EXTENSIONS', '_WIN32', '_WIN64',
  '_AMD64_', '_X86_', '_ARM_', '_ARM64_', '_IA64_', '_KERNEL_MODE', 'DBG', '_DEBUG', 'NDEBUG', 'WINNT',
  '__has_include', '__has_builtin', '__has_attribute', '__has_feature']);
// Keywords and names every compiler gives the same meaning (the parser refuses the keywords it does not take).
const NOT_IDENTIFYING = new Set(['__LINE__', '__FILE__', '__VA_ARGS__', '__func__', '__FUNCTION__', '__WDKM_SCENARIO__',
  '__asm__', '__attribute__', '__typeof__', '__alignof__', '__inline__', '__volatile__', '__restrict__', '__extension__']);
export function identifiesCompiler(name: string): boolean {
  if (NOT_IDENTIFYING.has(name)) return name === '__WDKM_SCENARIO__';
  return IDENTIFYING.has(name) || /^_M_[A-Z0-9_]+$/.test(name) || /^__\w+__$/.test(name);
}

export interface PreprocessOutput {
  tokens: Token[];
  macros: MacroTable;
  /** Headers that were included, by their canonical names. */
  included: Set<string>;
  /** The macro expansion's work limit stopped preprocessing (an error says so). */
  stopped: boolean;
}

export function preprocess(src: string, file: string, headers: HeaderTable, diags: DiagnosticBag): PreprocessOutput {
  const macros: MacroTable = new Map();
  const origin: SourceRange = { file: '<built-in>', line: 1, col: 1, endLine: 1, endCol: 1 };
  for (const [name, value] of Object.entries(PREDEFINED)) {
    const body = lex(value, '<built-in>', diags).filter((t) => t.kind !== 'eof');
    macros.set(name, { name, variadic: false, body, at: origin });
  }
  const expander = new MacroExpander(macros, diags);
  const out: Token[] = [];
  const included = new Set<string>();

  const refuseIdentifying = (line: Token[]) => {
    for (const t of line) {
      if (t.kind === 'ident' && t.file === file && identifiesCompiler(t.text)) {
        diags.error(`'${t.text}' identifies the compiler or target: the exported driver is built by mingw-w64's gcc and by ` +
          'MSVC, which define it otherwise than the playground, so code that depends on it would not be the code that was ' +
          'checked and run here; write the scenario without it', t);
      }
    }
  };

  const processFile = (tokens: Token[], depth: number) => {
    const conds: Conditional[] = [];
    let pending: Token[] = [];
    const flush = () => {
      if (pending.length) { for (const x of expander.expand(pending)) out.push(x); pending = []; }
    };
    const active = () => conds.every((c) => c.active);
    let i = 0;
    while (tokens[i].kind !== 'eof') {
      const t = tokens[i];
      if (!(t.bol && t.kind === 'punct' && t.text === '#')) {
        if (active()) {
          pending.push(t);
          if (depth === 0) refuseIdentifying([t]);
        }
        i++;
        continue;
      }
      // A directive: '#' at the start of a line, up to the end of that line.
      let j = i + 1;
      while (!tokens[j].bol && tokens[j].kind !== 'eof') j++;
      const line = tokens.slice(i + 1, j);
      i = j;
      flush();
      // A condition counts where its group is reached: #elif and #else of a live outer group too.
      if (depth === 0 && conds.slice(0, ['elif', 'else', 'endif'].includes(line[0]?.text ?? '') ? -1 : undefined).every((c) => c.active)) {
        refuseIdentifying(line);
      }
      directive(t, line, conds, active(), depth);
    }
    flush();
    for (const c of conds) diags.error(`unterminated #${c.at.text}`, c.at);
  };

  const directive = (hash: Token, line: Token[], conds: Conditional[], active: boolean, depth: number) => {
    const d = line[0];
    if (!d) return; // the null directive
    const rest = line.slice(1);
    const name = d.kind === 'ident' ? d.text : '';
    switch (name) {
      case 'if': case 'ifdef': case 'ifndef': {
        const on = active && evalCondition(name, d, rest);
        conds.push({ active: on, taken: on, sawElse: false, at: d });
        return;
      }
      case 'elif': case 'else': {
        const c = conds[conds.length - 1];
        if (!c) { diags.error(`#${name} without #if`, d); return; }
        if (c.sawElse) { diags.error(`#${name} after #else`, d); return; }
        const outer = conds.slice(0, -1).every((x) => x.active);
        if (name === 'else') { c.sawElse = true; c.active = outer && !c.taken; }
        else c.active = outer && !c.taken && evalCondition('if', d, rest);
        c.taken ||= c.active;
        return;
      }
      case 'endif':
        if (!conds.pop()) diags.error('#endif without #if', d);
        return;
    }
    if (!active) return;
    switch (name) {
      case 'define': return define(d, rest);
      case 'undef':
        if (rest[0]?.kind !== 'ident') diags.error('macro names must be identifiers', rest[0] ?? d);
        else macros.delete(rest[0].text);
        return;
      case 'include': return include(d, rest, depth);
      case 'error': diags.error(`#error ${rest.map((x) => x.text).join(' ')}`, d); return;
      case 'warning': diags.warning(`#warning ${rest.map((x) => x.text).join(' ')}`, d); return;
      case 'pragma': return; // #pragma once and compiler pragmas: nothing to do in a one-file scenario
      case 'line': diags.error('#line is outside the scenario subset', d); return;
      default: diags.error(`invalid preprocessing directive #${d.text}`, d ?? hash);
    }
  };

  const evalCondition = (kind: string, d: Token, rest: Token[]): boolean => {
    if (kind !== 'if') {
      if (rest[0]?.kind !== 'ident') { diags.error('macro names must be identifiers', rest[0] ?? d); return false; }
      return macros.has(rest[0].text) === (kind === 'ifdef');
    }
    const replaced: Token[] = [];
    for (let k = 0; k < rest.length; k++) {
      const t = rest[k];
      if (t.kind !== 'ident' || t.text !== 'defined') { replaced.push(t); continue; }
      const paren = rest[k + 1]?.text === '(';
      const n = rest[k + (paren ? 2 : 1)];
      if (n?.kind !== 'ident' || (paren && rest[k + 3]?.text !== ')')) {
        diags.error("operator 'defined' requires an identifier", n ?? t);
        return false;
      }
      replaced.push({ ...t, kind: 'number', text: macros.has(n.text) ? '1' : '0' });
      k += paren ? 3 : 1;
    }
    if (replaced.length === 0) { diags.error(`#${d.text} with no expression`, d); return false; }
    return evalPPExpr(expander.expand(replaced), d, diags);
  };

  const define = (d: Token, rest: Token[]) => {
    const n = rest[0];
    if (n?.kind !== 'ident') { diags.error('macro names must be identifiers', n ?? d); return; }
    if (n.text === 'defined') { diags.error('"defined" cannot be used as a macro name', n); return; }
    const macro: Macro = { name: n.text, variadic: false, body: rest.slice(1), at: n };
    if (rest[1]?.text === '(' && !rest[1].space) {
      const params: string[] = [];
      let k = 2;
      for (;;) {
        const p = rest[k];
        if (p?.text === ')' && params.length === 0) { k++; break; }
        if (p?.text === '...') { params.push('__VA_ARGS__'); macro.variadic = true; k++; }
        else if (p?.kind === 'ident' && !params.includes(p.text)) { params.push(p.text); k++; }
        else { diags.error(p ? `invalid macro parameter "${p.text}"` : 'missing \')\' in macro parameter list', p ?? n); return; }
        if (rest[k]?.text === ')') { k++; break; }
        if (rest[k]?.text !== ',' || macro.variadic) { diags.error("expected ',' or ')' in macro parameter list", rest[k] ?? n); return; }
        k++;
      }
      macro.params = params;
      macro.body = rest.slice(k);
    }
    const b = macro.body;
    if (b[0]?.text === '##' || (b.length && b[b.length - 1].text === '##')) {
      diags.error("'##' cannot appear at either end of a macro expansion", b[0]?.text === '##' ? b[0] : b[b.length - 1]);
      return;
    }
    if (macro.params) {
      for (let k = 0; k < b.length; k++) {
        if (b[k].text === '#' && b[k].kind === 'punct' && !macro.params.includes(b[k + 1]?.text ?? '')) {
          diags.error("'#' is not followed by a macro parameter", b[k]);
          return;
        }
      }
    }
    const old = macros.get(n.text);
    if (old && !sameMacro(old, macro)) {
      diags.error(`"${n.text}" redefined (first defined at ${old.at.file}:${old.at.line})`, n);
    }
    macros.set(n.text, macro);
  };

  const include = (d: Token, rest: Token[], depth: number) => {
    let headerName: string | undefined;
    if (rest[0]?.kind === 'string') headerName = rest[0].text.slice(1, -1);
    else if (rest[0]?.text === '<') {
      const close = rest.findIndex((x) => x.text === '>');
      if (close > 0) headerName = rest.slice(1, close).map((x) => (x.space ? ' ' : '') + x.text).join('').trim();
    }
    if (!headerName) { diags.error('#include expects "FILENAME" or <FILENAME>', rest[0] ?? d); return; }
    const canonical = [...headers.keys()].find((h) => h.toLowerCase() === headerName!.toLowerCase());
    const at: SourceRange = { ...d, endLine: rest[rest.length - 1].endLine, endCol: rest[rest.length - 1].endCol };
    if (!canonical) {
      const allowed = [...headers.keys()].map((h) => `<${h}>`).join(', ');
      diags.error(`'${headerName}' cannot be included in a scenario: only ${allowed} are available${didYouMean(headerName, headers.keys())}`, at);
      return;
    }
    if (included.has(canonical)) return; // every WDK header is include-once
    included.add(canonical);
    if (depth > 8) { diags.error('#include nested too deeply', at); return; }
    processFile(lex(headers.get(canonical)!, canonical, diags), depth + 1);
  };

  processFile(lex(src, file, diags), 0);
  const srcLines = src.split('\n');
  const end: Token = {
    kind: 'eof', text: '', file, line: srcLines.length, col: srcLines[srcLines.length - 1].length + 1,
    endLine: srcLines.length, endCol: srcLines[srcLines.length - 1].length + 1, bol: true, space: false,
  };
  out.push(end);
  return { tokens: out, macros, included, stopped: expander.stopped };
}

function sameMacro(a: Macro, b: Macro): boolean {
  if (a.variadic !== b.variadic || (a.params ?? []).join(',') !== (b.params ?? []).join(',') || !!a.params !== !!b.params) return false;
  if (a.body.length !== b.body.length) return false;
  return a.body.every((t, k) => t.text === b.body[k].text && (k === 0 || t.space === b.body[k].space));
}
