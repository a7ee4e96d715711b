/**
 * Runs one generated scenario every way the playground can, and says where
 * they differ: checked and compiled by the front end, run by the WebAssembly
 * core and by the native build of the same core (same trace, byte for byte,
 * and so the same result), and, without threads, built by gcc as plain C on the emulated
 * kernel (same DbgPrint output as the VM's).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core, RunSettings } from '../../web/src/engine/core-types';
import { compile } from '../../web/src/scenario/compile';
import { runNative } from '../../cli/native-vm';

const CORE_DIR = 'core-c/build/native';

export type Verdict =
  | { kind: 'agree'; ran: boolean; gcc: boolean }
  | { kind: 'refused'; message: string }
  | { kind: 'disagree'; what: string }
  | { kind: 'crash'; what: string }
  | { kind: 'hang'; what: string };

export class Differ {
  private readonly dir = mkdtempSync(join(tmpdir(), 'wdkm-fuzz-'));
  private n = 0;
  constructor(private readonly core: Core, private readonly gccTimeoutMs = 60_000) {}

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  check(source: string, threads: number, settings: RunSettings): Verdict {
    const file = join(this.dir, `s${this.n++}`);
    let compiled;
    try {
      compiled = compile(source, 'scenario.c');
    } catch (e) {
      return { kind: 'crash', what: `the front end threw: ${(e as Error).stack ?? e}` };
    }
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
    if (errors.some((d) => d.message.startsWith('internal error'))) return { kind: 'crash', what: errors[0]!.message };
    if (!compiled.module) return { kind: 'refused', message: errors[0]?.message ?? 'no module' };
    writeFileSync(`${file}.wdkb`, compiled.module);
    let wasm;
    try {
      const { trace, ...json } = this.core.run(compiled.module, settings);
      wasm = { json, trace };
    } catch (e) {
      return { kind: 'crash', what: `the WebAssembly core: ${(e as Error).message}` };
    }
    const native = runNative(`${file}.wdkb`, ['--cpus', String(settings.cpus), '--policy',
      String(['timed', 'rr', 'random', 'pct'].indexOf(settings.policy)), '--seed', String(settings.seed),
      '--budget', String(settings.budget)], 60_000);
    if (native.signal === 'SIGTERM') return { kind: 'hang', what: 'the native runner did not finish in 60 s' };
    if (native.status !== 0) return { kind: 'crash', what: `the native runner exited ${native.status ?? native.signal}: ${native.stderr.slice(0, 400)}` };
    if (Buffer.compare(native.trace, wasm.trace) !== 0) {
      return { kind: 'disagree', what: `WebAssembly and native traces differ:\n${JSON.stringify(wasm.json).slice(0, 600)}\n${JSON.stringify(native.result).slice(0, 600)}` };
    }
    if (threads > 0 || wasm.json.outcome !== 'completed') return { kind: 'agree', ran: true, gcc: false };
    return this.gcc(source, file, wasm.json.prints);
  }

  /** The same C built by gcc, run natively on the emulator: the same output. */
  private gcc(source: string, file: string, prints: string[]): Verdict {
    writeFileSync(`${file}.c`, source);
    const build = spawnSync('gcc', ['-O1', '-w', '-o', `${file}.exe`, `${file}.c`, 'core-c/fuzz/host_driver.c',
      '-Icore-c/include', '-Icore-c/emu/include', '-Icore-c/emu', `${CORE_DIR}/libwdkm_emu.a`, `${CORE_DIR}/libwdkm_core.a`],
    { encoding: 'utf8', timeout: this.gccTimeoutMs });
    if (build.status !== 0) return { kind: 'disagree', what: `the playground accepts it, gcc does not:\n${build.stderr.slice(0, 600)}` };
    const run = spawnSync(`${file}.exe`, [], { encoding: 'utf8', timeout: 60_000 });
    if (run.status !== 0) return { kind: 'disagree', what: `gcc's build did not run to the end: ${run.status ?? run.signal}` };
    const vm = prints.map((l) => `${l}\n`).join('');
    if (run.stdout !== vm) {
      const a = run.stdout.split('\n'), b = vm.split('\n');
      const i = a.findIndex((l, k) => l !== b[k]);
      return { kind: 'disagree', what: `gcc's build prints otherwise at line ${i + 1}:\n  gcc: ${a[i]}\n  vm:  ${b[i]}` };
    }
    return { kind: 'agree', ran: true, gcc: true };
  }
}
