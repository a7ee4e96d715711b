/** DbgPrint's formats end to end (issue 9 section 5, issue 15 defect 3): what
    the checker accepts prints the same in WebAssembly and natively, what the
    formatter does not know is refused at check time, and a bad string argument
    is a bug check 0x7E in both builds, never a trap of the WebAssembly core. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { driverEntry } from '../web/src/trace/runs.test-data';
import { runCli } from './memory-io';
import { lazyLoaders } from '../web/src/engine/pipeline';
import { runNative } from './native-vm';

const dir = mkdtempSync(join(tmpdir(), 'wdkm-format-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const readDisk = (p: string) => readFileSync(p, 'utf8');
let n = 0;

/** Compiles the body, runs it in WebAssembly and natively; both results must be equal. */
async function both(body: string) {
  const file = `f${n++}.c`, moduleFile = join(dir, `${file}.wdkb`);
  const compiled = await runCli(['compile', file, '--out', moduleFile], { [file]: driverEntry(body) }, readDisk);
  expect(compiled.err).not.toContain('error:');
  expect(compiled.code).toBe(0);
  const module = compiled.written.get(moduleFile) as Uint8Array;
  writeFileSync(moduleFile, module);
  const native = runNative(moduleFile, ['--cpus', '2', '--policy', '0', '--seed', '1', '--budget', '100000']);
  expect(native.status).toBe(0);
  const { trace, columns: _columns, ...wasm } = (await lazyLoaders.loadCore()).run(module, { cpus: 2, policy: 'timed', seed: 1, budget: 100000 });
  expect(Buffer.compare(native.trace, trace)).toBe(0);
  expect(native.result).toEqual(wasm);
  return wasm;
}

const check = async (body: string) => (await runCli(['check', 'c.c'], { 'c.c': driverEntry(body) }, readDisk));

describe('DbgPrint formats', () => {
  it('prints 64-bit lengths, widths, precisions and * as C does', async () => {
    const r = await both([
      '    ULONG64 big = 0x123456789;',
      '    DbgPrint("%I64u %I64x %llu %Iu|%5d|%-5d|%05d|%.3d|%*d|%.*s|%#x|%o|%hd\\n", big, big, big, (SIZE_T)big, 42, 42, 42, 7, 4, 9, 2, "abc", 255, 8, 70000);',
      '    DbgPrint("%wZ|%p\\n", RegistryPath, (PVOID)0);',
      '    return STATUS_SUCCESS;',
    ].join('\n'));
    expect(r.outcome).toBe('completed');
    expect(r.prints[0]).toBe('4886718345 123456789 4886718345 4886718345|   42|42   |00042|007|   9|ab|0xff|10|4464');
    expect(r.prints[1]).toMatch(/^\\REGISTRY\\.*\|0000000000000000$/);
  });
  it('refuses at check time what the formatter does not print, naming the conversion', async () => {
    for (const [fmt, word] of [['%zu', "'z'"], ['%n', "'%n'"], ['%lf', "'%f'"], ['%ws', "'w'"], ['%S', "'%S'"], ['%jd', "'j'"]]) {
      const r = await check(`    DbgPrint("x ${fmt}\\n", 1);\n    return STATUS_SUCCESS;`);
      expect(r.code, fmt).toBe(2);
      expect(r.out, fmt).toContain('error: ');
      expect(r.out, fmt).toContain(word);
    }
  });
  it('turns a bad string argument into bug check 0x7E in both builds (was a WebAssembly trap)', async () => {
    for (const body of [
      '    DbgPrint("%s %s\\n", 1, 2);\n    return STATUS_SUCCESS;',
      '    PCSTR f = "%s %s %s\\n";\n    DbgPrint(f, 8, 16, 24);\n    return STATUS_SUCCESS;',
      '    UNICODE_STRING u;\n    u.Length = 8; u.MaximumLength = 8; u.Buffer = (PWSTR)16;\n    DbgPrint("%wZ %s\\n", &u, 5);\n    return STATUS_SUCCESS;',
    ]) {
      const r = await both(body);
      expect(r.outcome).toBe('bugcheck');
      expect(r.bugcheck?.code).toBe('0x0000007E');
      expect(r.prints).toEqual([]);
    }
  });
  it('reads no further than a precision asks: %.2s of an unterminated buffer prints', async () => {
    const r = await both('    CHAR two[2];\n    two[0] = \'o\'; two[1] = \'k\';\n    DbgPrint("%.2s|%.0s\\n", two, (PCSTR)8);\n    return STATUS_SUCCESS;');
    expect(r.prints).toEqual(['ok|']);
  });
});
