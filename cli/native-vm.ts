/** The native build of the VM (core-c/build/native/wdkm_vm_run, from build-core.sh), for the
    tests, the fuzz differ and the bench that set it beside the WebAssembly core. It writes only
    the trace; its result is derived from that trace by the one routine the app and `wdkm run`
    use (web/src/trace/result.ts), so no second writer of a run's result exists in C. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeTrace, traceTruncated } from '../web/src/trace/decode';
import { summariseTrace, type RunSummary } from '../web/src/trace/result';

export const NATIVE_VM = 'core-c/build/native/wdkm_vm_run';

export interface NativeRun {
  /** The runner's exit status: 0 after a run, 2 for a module it refused or a bad command line. */
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  trace: Uint8Array;
  /** The result derived from the trace; null when the runner wrote none. */
  result: RunSummary | null;
}

/** Runs MODULE natively with ARGS (wdkm_vm_run's flags: --cpus, --policy 0-3, --seed, --budget, --time ...). */
export function runNative(moduleFile: string, args: string[] = [], timeoutMs?: number): NativeRun {
  const dir = mkdtempSync(join(tmpdir(), 'wdkm-native-run-'));
  try {
    const traceFile = join(dir, 'run.trace');
    const r = spawnSync(NATIVE_VM, [moduleFile, ...args, '--trace-out', traceFile], { encoding: 'utf8', timeout: timeoutMs });
    let trace = new Uint8Array();
    try { trace = new Uint8Array(readFileSync(traceFile)); } catch { /* refused: no trace */ }
    const result = r.status === 0 ? summariseTrace(decodeTrace(trace), traceTruncated(trace)) : null;
    return { status: r.status, signal: r.signal, stderr: r.stderr, trace, result };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
