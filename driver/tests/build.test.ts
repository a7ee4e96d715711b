// Proof that exports build: every fixture scenario and the kernel self-test
// are exported to a temporary folder, built with their own Makefile by
// mingw-w64, and the .sys files are checked to be loadable x64 drivers.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, exportTo, make, readBytes, seedCoreObjects, type Built } from '../node/build';
import { readCoreFiles, REPO_ROOT } from '../node/core-files';
import { driverImportAllowList, importLibraryNames, MINGW_LIB_DIR, nmSymbolRva, objdumpImports } from '../node/import-libs';
import { selftestInput } from '../node/selftest-input';
import { checkedInput } from '../node/checked-input';
import { checkDriverImage, importList, type ImportAllowList } from '../pe/pe-check';
import { parsePe } from '../pe/pe-parse';
import laterExports from '../later-exports.json';

const FIXTURES = join(REPO_ROOT, 'driver', 'tests', 'fixtures');
const EXAMPLES = join(REPO_ROOT, 'examples');
// Every example the app ships is exported and built too (issue: proof that it builds).
const exampleNames = readdirSync(EXAMPLES).filter((f) => f.endsWith('.c')).map((f) => f.slice(0, -2)).sort();
const fixtureNames = readdirSync(FIXTURES).filter((f) => f.endsWith('.c')).map((f) => f.slice(0, -2)).sort();
const coreFiles = readCoreFiles();
const root = mkdtempSync(join(tmpdir(), 'wdkm-build-'));
const projects = [
  ...fixtureNames.map((name) => {
    const dir = join(root, name);
    const source = readFileSync(join(FIXTURES, `${name}.c`), 'utf8');
    return { dir, ...exportTo(dir, checkedInput({ name, source, coreFiles })) };
  }),
  ...exampleNames.map((stem) => {
    const dir = join(root, `example-${stem}`);
    const source = readFileSync(join(EXAMPLES, `${stem}.c`), 'utf8');
    return { dir, ...exportTo(dir, checkedInput({ name: `example_${stem}`, source, coreFiles })) };
  }),
  { dir: join(root, 'selftest'), ...exportTo(join(root, 'selftest'), selftestInput(coreFiles)) },
];

let built: Built[] = [];
let allowed: ImportAllowList;
let wall = 0;

beforeAll(async () => {
  allowed = driverImportAllowList();
  const start = performance.now();
  built = await buildAll(projects);
  wall = (performance.now() - start) / 1000;
}, 180_000);

afterAll(() => {
  const rows = built.map((b) => `${b.name.padEnd(20)} ${b.seconds.toFixed(2).padStart(6)} s ${String(b.bytes).padStart(7)} bytes`);
  console.log(`mingw-w64 builds, ${wall.toFixed(1)} s in all (the first in full, then the rest in parallel ` +
    `with its core objects):\n${rows.join('\n')}`);
  rmSync(root, { recursive: true, force: true });
});

describe('the fixtures', () => {
  it('cover the scenarios the export must handle', () => {
    expect(fixtureNames).toEqual(
      expect.arrayContaining(['kmutex_counter', 'fast_mutex_counter', 'grt_counters', 'spin_lock_dpc', 'unload_pool']),
    );
  });
});

describe.each(projects.map((p) => p.name))('%s.sys', (name) => {
  const get = () => built.find((b) => b.name === name)!;

  it('is a PE32+ x64 native image entered at DriverEntry, importing only known kernel exports', () => {
    const image = parsePe(readBytes(get().sys));
    expect(checkDriverImage(image, { allowed })).toEqual([]);
    expect(image.magic).toBe(0x20b);
    expect(image.machine).toBe(0x8664);
    expect(image.subsystem).toBe(1);
    expect(image.imports.map((i) => i.dll.toLowerCase()).every((d) => d === 'ntoskrnl.exe' || d === 'hal.dll')).toBe(true);
  });

  it('has its entry point where nm puts DriverEntry, and exports nothing', () => {
    const image = parsePe(readBytes(get().sys));
    const rva = nmSymbolRva(get().sys, 'DriverEntry', image.imageBase);
    expect(rva).toBeDefined();
    expect(image.entryPointRva).toBe(rva);
    expect(image.symbols.get('DriverEntry')).toBe(rva);
    expect(image.exports).toEqual([]);
  });

  it('imports what objdump reads, ExAllocatePool2 among them through the extra import library', () => {
    const imports = importList(parsePe(readBytes(get().sys)));
    expect(imports).toEqual(objdumpImports(get().sys));
    expect(imports).toContain('ntoskrnl.exe!ExAllocatePool2');
  });

  it('is up to date after the build (make -q)', async () => {
    await expect(make(get().dir, ['-q'])).resolves.toBeDefined();
  });
});

describe('the imports, over all projects', () => {
  it('come from ntoskrnl.exe and HAL.dll, HAL.dll for KeStallExecutionProcessor', () => {
    const all = built.flatMap((b) => importList(parsePe(readBytes(b.sys))));
    expect(new Set(all.map((i) => i.split('!')[0]))).toEqual(new Set(['ntoskrnl.exe', 'hal.dll']));
    expect(all).toContain('hal.dll!KeStallExecutionProcessor');
  });
});

describe('the PE check', () => {
  const base = () => readBytes(built[0].sys);
  const peOffset = (b: Uint8Array) => new DataView(b.buffer).getUint32(0x3c, true);
  const patched = (patch: (bytes: Uint8Array, view: DataView, pe: number) => void) => {
    const bytes = base().slice();
    patch(bytes, new DataView(bytes.buffer), peOffset(bytes));
    return checkDriverImage(parsePe(bytes), { allowed });
  };

  it('catches a wrong machine, subsystem, entry point and checksum', () => {
    expect(patched((_b, v, pe) => v.setUint16(pe + 4, 0x14c, true))).toContainEqual(expect.stringMatching(/machine 0x14c/));
    expect(patched((_b, v, pe) => v.setUint16(pe + 24 + 68, 2, true))).toContainEqual(expect.stringMatching(/subsystem 2/));
    expect(patched((_b, v, pe) => v.setUint32(pe + 24 + 16, 0x1000, true))).toContainEqual(
      expect.stringMatching(/is not DriverEntry/),
    );
    expect(patched((b) => { b[b.length - 1] ^= 0xff; })).toContainEqual(expect.stringMatching(/checksum/));
  });

  it('catches an import from another DLL and an unknown kernel export', () => {
    const rename = (from: string, to: string) => (b: Uint8Array) => {
      const text = Array.from(b, (c) => String.fromCharCode(c)).join('');
      const at = text.indexOf(`${from}\0`);
      expect(at).toBeGreaterThan(0);
      for (let i = 0; i < to.length; i++) b[at + i] = to.charCodeAt(i);
    };
    expect(patched(rename('ntoskrnl.exe', 'kernel32.dll'))).toContainEqual(expect.stringMatching(/imports from kernel32\.dll/));
    expect(patched(rename('KeWaitForSingleObject', 'KeWaitForSingleObjecX'))).toContainEqual(
      expect.stringMatching(/KeWaitForSingleObjecX/),
    );
  });

  it('refuses what is not a PE32+ image', () => {
    expect(() => parsePe(new Uint8Array(64))).toThrow(/MZ/);
    const bytes = base().slice();
    new DataView(bytes.buffer).setUint16(peOffset(bytes) + 24, 0x10b, true);
    expect(() => parsePe(bytes)).toThrow(/not PE32\+/);
  });
});

describe('later-exports.json', () => {
  it('lists only kernel exports that mingw-w64 really lacks, each with its Windows version', () => {
    const mingw = new Set([
      ...importLibraryNames(`${MINGW_LIB_DIR}/libntoskrnl.a`),
      ...importLibraryNames(`${MINGW_LIB_DIR}/libhal.a`),
    ]);
    expect(mingw.has('KeWaitForSingleObject')).toBe(true);
    expect(laterExports.exports.length).toBeGreaterThan(0);
    for (const e of laterExports.exports) {
      expect(e.name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      // The generator writes one extra import library, for ntoskrnl.exe.
      expect(e.dll).toBe('ntoskrnl.exe');
      expect(e.addedIn).toMatch(/^Windows \d+/);
      expect(mingw.has(e.name)).toBe(false);
    }
  });
});

describe('the build', () => {
  it('treats a warning as an error', async () => {
    const dir = join(root, 'warns');
    const project = exportTo(dir, {
      name: 'warns',
      source: '#include <ntddk.h>\nDRIVER_INITIALIZE DriverEntry;\n' +
        'NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)\n{\n    int unused;\n' +
        '    UNREFERENCED_PARAMETER(d);\n    UNREFERENCED_PARAMETER(r);\n    return STATUS_SUCCESS;\n}\n',
      coreFiles,
      entryPoints: [{ name: 'DriverEntry', role: 'DriverEntry' }],
    });
    seedCoreObjects(projects[0], { dir, files: project.files });
    await expect(make(dir)).rejects.toMatchObject({ stderr: expect.stringMatching(/unused variable .unused. \[-Werror/) });
  });
});
