/* The readable form of a run's result, after its DbgPrint output: what a
   driver author would look for in WinDbg, with FILE:LINE references an editor
   can follow and the source line for a stop. */
import type { RunResult } from '../web/src/engine/core-types';
import { makeNamer, nameText, type Namer } from '../web/src/trace/names';
import { explainBugcheck } from '../web/src/trace/bugchecks';
import { statusName } from '../web/src/scenario/prelude/ntstatus';
import { resultNotes } from '../web/src/trace/result';

export function statusText(status: string): string {
  const name = statusName(status);
  return name ? `${status} ${name}` : status;
}

export { ntSuccess } from '../web/src/trace/severity';

export function virtualTime(ns: number): string {
  if (ns < 1000) return `${ns} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(3)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(3)} ms`;
  return `${(ns / 1e9).toFixed(3)} s`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => '  ' + r.map((c, i) => c.padEnd(widths[i]!)).join('   ').trimEnd());
}

export function formatSummary(r: RunResult, file: string, source: string, names: Namer = makeNamer([])): string[] {
  const named = (s: string) => nameText(s, names);
  const lines = source.split(/\r?\n/);
  const at = (line: number) => (line > 0 ? `${file}:${line}` : file);
  const quote = (line: number) => (line > 0 && lines[line - 1] !== undefined ? [`  ${line} | ${lines[line - 1]!.trim()}`] : []);
  const out: string[] = [`outcome:  ${r.outcome}`];
  if (r.status !== null) out.push(`status:   ${statusText(r.status)}`);
  out.push(`steps:    ${r.steps.toLocaleString('en-US')}`, `time:     ${virtualTime(r.timeNs)} (virtual)`);

  if (r.bugcheck) {
    const b = r.bugcheck;
    const why = explainBugcheck(b.code, b.params);
    // The sentence first, then the stop screen's hex, as the app's banner does.
    out.push('', why.sentence, `at ${at(b.line)}`, ...quote(b.line), '',
      `*** STOP: ${b.code} (${b.params.join(',')})`, why.known ? b.name : `${b.name} (${why.name} ${b.code})`);
    out.push(...why.params.map((p, i) => `  parameter ${i + 1}  ${p.value}  ${p.name}`));
    if (why.url) out.push(`  reference: ${why.url}`);
  }
  if (r.deadlock) {
    out.push('', 'deadlock: no thread can move', ...table([
      ['thread', 'waiting on', 'owned by', 'line', ''],
      ...r.deadlock.threads.map((t) => [
        named(t.thread), (t.waitingOn === null ? '' : named(t.waitingOn)) || '-', (t.ownedBy === null ? '' : named(t.ownedBy)) || '-', String(t.line),
        t.inCycle ? 'on the wait-for cycle' : '',
      ]),
    ]));
  }
  if (r.assertion) {
    out.push('', `assertion failed at ${at(r.assertion.line)}: ${r.assertion.expression}`, ...quote(r.assertion.line));
  }
  if (r.leaks.length) {
    out.push('', `leaks: ${r.leaks.length} pool block(s) still allocated at unload`, ...table([
      ['bytes', 'tag', 'allocated at'],
      ...r.leaks.map((l) => [String(l.bytes), `'${l.tag}'`, at(l.line)]),
    ]));
  }
  if (r.findings.length) {
    out.push('', `findings: ${r.findings.length} from Driver Verifier's deadlock detection`);
    for (const f of r.findings) {
      out.push(`  ${f.code} ${f.name} (${f.lines.filter((l) => l > 0).map(at).join(', ') || file})`, `    ${named(f.message)}`);
    }
  }
  for (const note of resultNotes(r)) out.push('', note);
  return out;
}
