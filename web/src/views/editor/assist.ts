/* The editor's assists as plain functions of text, so they are tested without
   Monaco: the parameter list of a catalogued routine, the call the cursor is
   in, what a completion inserts, and the name a "did you mean" offers. */
import type { ApiEntry } from '../../scenario/api/surface';

/** `NAME(PARAMS)` split at top-level commas: the parameters of a signature, as written. */
export function parametersOf(entry: ApiEntry): string[] | undefined {
  const open = entry.signature.indexOf('(');
  const close = entry.signature.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const inner = entry.signature.slice(open + 1, close).trim();
  if (inner === '' || inner === 'VOID' || inner === 'void') return [];
  const out: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) { out.push(inner.slice(start, i).trim()); start = i + 1; }
  }
  out.push(inner.slice(start).trim());
  return out;
}

/**
 * The call whose argument list the cursor is in: the routine's name and the
 * index of the argument being typed, from the text before the cursor. Strings,
 * character constants and nested parentheses are skipped.
 */
export function activeCall(before: string): { name: string; argument: number } | undefined {
  const commas: number[] = [0];
  // Blank out literals first so their parentheses and commas do not count.
  const text = before.replace(/"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?/g, (m) => ' '.repeat(m.length));
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ')' || c === ']') commas.push(0);
    else if (c === '[') { if (commas.length > 1) commas.pop(); else return undefined; }
    else if (c === '(') {
      if (commas.length > 1) { commas.pop(); continue; }
      const m = /([A-Za-z_]\w*)\s*$/.exec(text.slice(0, i));
      return m ? { name: m[1], argument: commas[0] } : undefined;
    } else if (c === ',' && commas.length === 1) commas[0]++;
    else if ((c === ';' || c === '{' || c === '}') && commas.length === 1) return undefined;
  }
  return undefined;
}

/**
 * What accepting a routine's completion inserts: `Name($0)`, or only the name
 * when a `(` already follows (editing an existing call), so the parentheses
 * are never doubled.
 */
export function completionText(entry: ApiEntry, after: string): string {
  if (!entry.signature.includes('(')) return entry.name;
  return /^\s*\(/.test(after) ? entry.name : `${entry.name}($0)`;
}

/** The name a diagnostic's "did you mean 'X'?" offers, if any. */
export function suggestedName(message: string): string | undefined {
  return /did you mean '([A-Za-z_]\w*)'\?/.exec(message)?.[1];
}
