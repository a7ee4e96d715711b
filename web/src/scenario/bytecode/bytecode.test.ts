import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { scenario } from '../testing';
import { decode, disassemble } from './disassemble';
import { KIND, NO_FUNCTION, OPS, RELOC } from './opcodes';
import { readModule } from './reader';
import { writeModule } from './writer';

const SRC = scenario(`static WDKM_KMUTEX *Counter;
static const char *Label = "counter";
static const WDKM_TYPE_INFO *Type = WDKM_TYPE(ULONG);
static VOID Worker(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    PVOID data;
    if (WdkmKMutexLock(Counter, &data) == WDKM_OK) {
        *(ULONG *)data += 1;
        WdkmKMutexUnlock(Counter);
    }
    DbgPrint("%s %d\\n", Label, 7);
}
static VOID Start(void)
{
    HANDLE h;
    PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
}`);

describe('bytecode modules', () => {
  const r = compile(SRC);
  it('compiles without diagnostics', () => expect(r.diagnostics).toEqual([]));
  const bytes = r.module!;

  it('round-trips through the reader and writer byte for byte', () => {
    expect(writeModule(readModule(bytes))).toEqual(bytes);
  });
  it('starts with the magic and version', () => {
    expect([...bytes.slice(0, 8)]).toEqual([0x57, 0x44, 0x4b, 0x4d, 1, 0, 0, 0]);
  });
  it('lists functions, imports with kinds and C signatures, and the entry point', () => {
    const m = readModule(bytes);
    expect(m.functions.map((f) => f.name)).toEqual(['Worker', 'Start', 'DriverEntry']);
    expect(m.functions[m.driverEntry].name).toBe('DriverEntry');
    expect(m.driverEntry).not.toBe(NO_FUNCTION);
    const lock = m.imports.find((i) => i.name === 'WdkmKMutexLock')!;
    expect(lock).toMatchObject({ params: [KIND.PTR, KIND.PTR], retKind: KIND.U32, variadic: false });
    expect(lock.signature).toBe('WDKM_STATUS WdkmKMutexLock(WDKM_KMUTEX *Mutex, PVOID *Data)');
    const create = m.imports.find((i) => i.name === 'PsCreateSystemThread')!;
    expect(create.params[5]).toBe(KIND.FUNC);
    expect(m.imports.find((i) => i.name === 'DbgPrint')).toMatchObject({ params: [KIND.STR], variadic: true });
  });
  it('relocates pointer initialisers and type descriptors', () => {
    const m = readModule(bytes);
    expect(m.globals.relocs.map((x) => x.kind).sort()).toEqual([RELOC.RODATA, RELOC.RODATA]);
    const typeInfo = m.rodata.relocs[0];
    expect(typeInfo.kind).toBe(RELOC.RODATA);
    const name = m.rodata.bytes.slice(typeInfo.target, typeInfo.target + 5);
    expect(new TextDecoder().decode(name)).toBe('ULONG');
    expect(m.rodata.bytes[typeInfo.offset + 8]).toBe(4); // Size
    expect(m.symbols.map((s) => [s.name, s.size])).toEqual([['Counter', 8], ['Label', 8], ['Type', 8]]);
  });
  it('maps every instruction to a source line', () => {
    const m = readModule(bytes);
    const first = m.srcmap[0];
    expect(first.offset).toBe(0);
    for (const ins of decode(m.code)) {
      const entry = [...m.srcmap].reverse().find((e) => e.offset <= ins.offset)!;
      expect(entry.line).toBeGreaterThan(2);
    }
  });
  it('disassembles with names and strings', () => {
    const text = disassemble(bytes);
    expect(text).toContain('func Worker(PTR@0) -> VOID');
    expect(text).toMatch(/CALLN \d+ {2}; WdkmKMutexLock/);
    expect(text).toMatch(/CALLNV \d+ 2 {2}; DbgPrint \(STR, I32\)/);
    expect(text).toMatch(/FUNC_REF 0 {2}; Worker/);
  });
  it('has a unique code and known operand list for every opcode', () => {
    expect(new Set(OPS.map((o) => o.code)).size).toBe(OPS.length);
    expect(OPS.length).toBeLessThan(256);
  });
  it('rejects a corrupt module clearly', () => {
    expect(() => readModule(new Uint8Array([1, 2, 3, 4]))).toThrow('bad magic');
    expect(() => decode(new Uint8Array([0xff]))).toThrow('unknown opcode');
  });
});
