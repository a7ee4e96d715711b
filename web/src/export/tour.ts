// The README's "Code Tour": one paragraph per entry point of the scenario,
// found by reading the source the way a reviewer would. A driver's entry
// points are DriverEntry, the routine it stores in DriverObject->DriverUnload,
// the start routines it hands to PsCreateSystemThread and the deferred
// routines it hands to KeInitializeDpc. Only identifiers are captured, so
// nothing the tour prints can carry markup.

import { Rendered } from './render';

export type EntryRole = 'DriverEntry' | 'DriverUnload' | 'SystemThread' | 'Dpc';

export interface EntryPoint {
  name: string;
  role: EntryRole;
}

/** Comments and string literals blanked out, so that code in them is not read. */
function codeOnly(source: string): string {
  return source.replace(
    /\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g,
    (match) => match.replace(/[^\n]/g, ' '),
  );
}

/**
 * The code's parentheses, matched in one pass: for each '(' the index of its
 * ')', or -1 when it is never closed. Everything below is linear in the code
 * (an unclosed call is skipped, not read to the end of the text).
 */
function matchParens(code: string): Int32Array {
  const match = new Int32Array(code.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < code.length; i++) {
    if (code[i] === '(') open.push(i);
    else if (code[i] === ')' && open.length) match[open.pop()!] = i;
  }
  return match;
}

/** The arguments of every closed call to `fn`, split at top-level commas. */
function callArguments(code: string, match: Int32Array, fn: string): string[][] {
  const calls: string[][] = [];
  const re = new RegExp(`\\b${fn}\\s*\\(`, 'g');
  for (let m = re.exec(code); m !== null; m = re.exec(code)) {
    const open = m.index + m[0].length - 1, close = match[open]!;
    if (close < 0) continue;
    const args: string[] = [];
    let depth = 0, start = open + 1;
    for (let i = open + 1; i < close; i++) {
      const c = code[i];
      if (c === '(') depth++;
      else if (c === ')') depth--;
      else if (c === ',' && depth === 0) { args.push(code.slice(start, i).trim()); start = i + 1; }
    }
    args.push(code.slice(start, close).trim());
    calls.push(args);
  }
  return calls;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The names of the functions the code defines (a name, its parameters, then '{'). */
function definedFunctions(code: string, match: Int32Array): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)) {
    const close = match[m.index + m[0].length - 1]!;
    if (close < 0) continue;
    let k = close + 1;
    while (k < code.length && /\s/.test(code[k]!)) k++;
    if (code[k] === '{') names.add(m[1]!);
  }
  return names;
}

/**
 * Entry points in order of discovery, each name once, from the scenario and
 * any extra sources. A routine counts only where a source defines it, so a
 * parameter that merely forwards a routine (a thread helper's Routine) is
 * not mistaken for one.
 */
export function findEntryPoints(...sources: string[]): EntryPoint[] {
  const code = sources.map(codeOnly).join('\n');
  const match = matchParens(code);
  const defined = definedFunctions(code, match);
  const found: EntryPoint[] = [{ name: 'DriverEntry', role: 'DriverEntry' }];
  const seen = new Set(['DriverEntry']);
  const add = (name: string | undefined, role: EntryRole) => {
    const bare = name?.replace(/^\(\s*P?\w+\s*\)\s*/, '').replace(/^&/, '').trim();
    if (bare && IDENT.test(bare) && defined.has(bare) && !seen.has(bare)) {
      seen.add(bare);
      found.push({ name: bare, role });
    }
  };
  for (const m of code.matchAll(/->\s*DriverUnload\s*=\s*([A-Za-z_][A-Za-z0-9_]*)/g)) add(m[1], 'DriverUnload');
  for (const args of callArguments(code, match, 'PsCreateSystemThread')) add(args[5], 'SystemThread');
  for (const args of callArguments(code, match, 'KeInitializeDpc')) add(args[1], 'Dpc');
  return found;
}

const PARAGRAPHS: Record<EntryRole, (name: string) => string> = {
  DriverEntry: () =>
    '**`DriverEntry`** runs once when `sc start` loads the driver, in a system thread at ' +
    'PASSIVE_LEVEL. It sets up the scenario (creates its mutexes, starts its threads) and ' +
    'returns an NTSTATUS: a failure status makes the I/O manager unload the image at once, ' +
    'without calling the unload routine, so DriverEntry undoes its own work before failing.',
  DriverUnload: (name) =>
    `**\`${name}\`** is the unload routine DriverEntry stores in \`DriverObject->DriverUnload\`. ` +
    '`sc stop` calls it at PASSIVE_LEVEL; it mirrors DriverEntry in reverse, and every thread, ' +
    'DPC and pool block must be gone when it returns, because the code is unmapped right after ' +
    '(Driver Verifier reports the pool it left behind).',
  SystemThread: (name) =>
    `**\`${name}\`** is a start routine passed to \`PsCreateSystemThread\`: it runs in its own ` +
    'system thread at PASSIVE_LEVEL and ends with `PsTerminateSystemThread`. Whoever created ' +
    'the thread waits for it (KeWaitForSingleObject on the thread object) before the driver ' +
    'may unload, or the thread would run code that is no longer there.',
  Dpc: (name) =>
    `**\`${name}\`** is a deferred procedure call set up with \`KeInitializeDpc\` and queued ` +
    'with `KeInsertQueueDpc`. It runs at DISPATCH_LEVEL, on an arbitrary thread, so it may ' +
    'take spin locks but must never wait: a KMutex or FastMutex Lock there returns ' +
    'WDKM_IRQL_TOO_HIGH instead of acquiring.',
};

/**
 * The Code Tour in Markdown: a paragraph per entry point, then the core's.
 * Rendered: it is inserted as it is, its only variable parts being identifiers.
 */
export function codeTour(entries: EntryPoint[]): Rendered {
  const paragraphs = entries.map((e) => PARAGRAPHS[e.role](e.name));
  paragraphs.push(
    '**`src/wdkm/`** is the wdkm core, unchanged from the playground: KMutex, FastMutex, the ' +
      'Grt and the other locks, written against ntddk.h only. Each routine checks the IRQL it ' +
      'needs and returns WDKM_IRQL_TOO_HIGH rather than bug-checking.',
  );
  return new Rendered(paragraphs.join('\n\n'));
}
