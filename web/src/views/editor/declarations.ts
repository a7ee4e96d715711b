/* A light scan of the user's own declarations (functions, globals, locals,
   parameters, structs, enums, typedefs, macros) for go-to-definition and
   completion. Comments and strings are blanked first so offsets stay true. */
import { TYPE_NAMES } from './api-catalogue';

export type DeclarationKind = 'function' | 'prototype' | 'variable' | 'type' | 'macro' | 'enumerator';
export interface Declaration {
  name: string;
  kind: DeclarationKind;
  line: number; /* 1-based */
  col: number; /* 1-based */
}

const C_TYPES = ['void', 'char', 'short', 'int', 'long', 'unsigned', 'signed', 'const', 'volatile', 'static'];
const KEYWORDS = new Set(['if', 'while', 'for', 'switch', 'return', 'sizeof', 'else', 'do', 'case', 'break', 'continue', 'default']);

export function blankCommentsAndStrings(source: string): string {
  return source.replace(/\/\*[\s\S]*?(\*\/|$)|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?/g, (m) =>
    m.replace(/[^\n]/g, ' '),
  );
}

function positionOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

export function scanDeclarations(source: string): Declaration[] {
  const text = blankCommentsAndStrings(source);
  const found: { name: string; kind: DeclarationKind; offset: number }[] = [];
  const add = (name: string, kind: DeclarationKind, offset: number) => {
    if (!KEYWORDS.has(name)) found.push({ name, kind, offset });
  };
  for (const m of text.matchAll(/#\s*define\s+([A-Za-z_]\w*)/g)) add(m[1]!, 'macro', m.index! + m[0].length - m[1]!.length);
  for (const m of text.matchAll(/\b(?:struct|enum)\s+([A-Za-z_]\w*)\s*\{/g)) add(m[1]!, 'type', m.index! + m[0].indexOf(m[1]!, 6));
  for (const m of text.matchAll(/\btypedef\b[^;{]*?([A-Za-z_]\w*)\s*;/g)) add(m[1]!, 'type', m.index! + m[0].lastIndexOf(m[1]!));
  for (const m of text.matchAll(/\}\s*\**\s*([A-Za-z_]\w*)\s*[,;]/g)) add(m[1]!, 'type', m.index! + m[0].lastIndexOf(m[1]!));
  for (const m of text.matchAll(/\benum\b[^{;]*\{([^}]*)\}/g)) {
    const bodyStart = m.index! + m[0].indexOf('{') + 1;
    for (const e of m[1]!.matchAll(/([A-Za-z_]\w*)\s*(?:=[^,]*)?(?:,|$)/g)) add(e[1]!, 'enumerator', bodyStart + e.index!);
  }
  const userTypes = new Set(found.filter((d) => d.kind === 'type').map((d) => d.name));
  const isType = (word: string) => C_TYPES.includes(word) || TYPE_NAMES.includes(word) || userTypes.has(word) || /^[A-Z][A-Z0-9_]*$/.test(word);
  for (const m of text.matchAll(/\b([A-Za-z_]\w*)[\s*]+([A-Za-z_]\w*)\s*\(([^;{}]*)\)\s*([{;])/g)) {
    if (!isType(m[1]!) || KEYWORDS.has(m[2]!)) continue;
    add(m[2]!, m[4] === '{' ? 'function' : 'prototype', m.index! + m[0].indexOf(m[2]!, m[1]!.length));
  }
  for (const m of text.matchAll(/\b([A-Za-z_]\w*)((?:\s|\*)+)([A-Za-z_]\w*)\s*(?=[=;,[)])/g)) {
    if (!isType(m[1]!) || isType(m[3]!) && !/^[A-Z][a-z]/.test(m[3]!) && C_TYPES.includes(m[3]!)) continue;
    const at = m.index! + m[1]!.length + m[2]!.length;
    add(m[3]!, 'variable', at);
    for (const more of laterDeclarators(text, at + m[3]!.length)) add(more.name, 'variable', more.offset);
  }
  return found
    .sort((a, b) => a.offset - b.offset)
    .map((d) => ({ name: d.name, kind: d.kind, ...positionOf(text, d.offset) }));
}

/* `, *q = 1, r[2]` after the first declarator of a statement, skipping
   commas nested in an initialiser; stops at the statement's end. */
function laterDeclarators(text: string, from: number): { name: string; offset: number }[] {
  const out: { name: string; offset: number }[] = [];
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '{' || ch === '[') depth++;
    else if (ch === ')' || ch === '}' || ch === ']') {
      if (--depth < 0) break;
    } else if (ch === ';' && depth === 0) break;
    else if (ch === ',' && depth === 0) {
      const m = /^,[\s*]*([A-Za-z_]\w*)\s*(?=[=;,[])/.exec(text.slice(i, i + 200));
      if (m) out.push({ name: m[1]!, offset: i + m[0].indexOf(m[1]!, 1) });
    }
  }
  return out;
}

/* The declaration a use of `name` on `line` refers to: a function definition
   first, then the nearest declaration above the use, then the first one. */
export function findDefinition(decls: Declaration[], name: string, line: number): Declaration | null {
  const named = decls.filter((d) => d.name === name);
  if (named.length === 0) return null;
  const fn = named.find((d) => d.kind === 'function');
  if (fn) return fn;
  const above = named.filter((d) => d.line <= line);
  return above[above.length - 1] ?? named[0]!;
}
