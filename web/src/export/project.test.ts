import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCoreFiles, REPO_ROOT } from '../../../driver/node/core-files';
import { exportProject, driverNameFor, ExportError } from './index';
import { checkScenario } from '../scenario/frontend';

const coreFiles = readCoreFiles();
const fixture = (name: string) => readFileSync(`${REPO_ROOT}/driver/tests/fixtures/${name}.c`, 'utf8');
const entryPoints = [{ name: 'DriverEntry', role: 'DriverEntry' as const }];
/** The entry points of a scenario's checked program, as `wdkm export` and the app's checker give them. */
const checkedEntries = (source: string) => checkScenario(source, 'fixture.c').entryPoints!;

describe('exportProject', () => {
  const source = fixture('kmutex_counter');
  const files = exportProject({ name: 'kmutex_counter', source, coreFiles, entryPoints });

  it('writes the documented files and nothing else', () => {
    const core = Object.keys(coreFiles).map((f) => `src/wdkm/${f}`);
    expect([...files.keys()].sort()).toEqual(
      [
        '.gitignore', 'Makefile', 'README.md',
        'kmutex_counter.inf', 'kmutex_counter.sln', 'kmutex_counter.vcxproj',
        'src/kmutex_counter.c', 'src/mingw/ntoskrnl_extra.def', 'src/mingw/wdkm_mingw_compat.h',
        ...core,
      ].sort(),
    );
    expect(core).toContain('src/wdkm/wdkm.h');
    expect(core).toContain('src/wdkm/wdkmp.h');
  });

  it('copies the scenario and the core byte for byte', () => {
    const odd = 'int x;\r\n/* trailing spaces   \t*/\n\n\u00e9\n';
    const out = exportProject({ name: 'odd', source: odd, coreFiles, entryPoints });
    expect(out.get('src/odd.c')).toBe(odd);
    expect(files.get('src/kmutex_counter.c')).toBe(source);
    expect(files.get('src/wdkm/wdkm.h')).toBe(readFileSync(`${REPO_ROOT}/core-c/include/wdkm.h`, 'utf8'));
    for (const [f, text] of Object.entries(coreFiles)) {
      if (f !== 'wdkm.h') expect(files.get(`src/wdkm/${f}`)).toBe(readFileSync(`${REPO_ROOT}/core-c/src/${f}`, 'utf8'));
      expect(files.get(`src/wdkm/${f}`)).toBe(text);
    }
  });

  it('blanks an example\'s header comments, keeping every other line at its number (issue 14)', () => {
    const example = readFileSync(`${REPO_ROOT}/examples/kmutex-counter.c`, 'utf8');
    expect(example).toMatch(/^\/\* @title[\s\S]*^\/\* @expect /m);
    const driver = exportProject({ name: 'k', source: example, coreFiles, entryPoints }).get('src/k.c')!;
    expect(driver).not.toMatch(/@(title|group|description|expect|explore)\b/);
    const [before, after] = [example.split('\n'), driver.split('\n')];
    expect(after.length).toBe(before.length);
    const changed = before.map((line, i) => [line, after[i]]).filter(([b, a]) => a !== b);
    expect(changed.map(([b, a]) => [/^\/\* @(\w+) /.exec(b!)?.[1], a])).toEqual([['title', ''], ['expect', ''], ['explore', '']]);
  });

  it('is deterministic: the same input gives the same files', () => {
    const again = exportProject({ name: 'kmutex_counter', source, coreFiles, entryPoints });
    expect([...again]).toEqual([...files]);
  });

  it('uses Windows line ends for Windows files and Unix ones for make', () => {
    for (const f of ['kmutex_counter.inf', 'kmutex_counter.sln', 'kmutex_counter.vcxproj']) {
      expect(files.get(f)).toMatch(/\r\n/);
      expect(files.get(f)).not.toMatch(/[^\r]\n/);
    }
    expect(files.get('Makefile')).not.toMatch(/\r/);
    expect(files.get('Makefile')).toMatch(/^\t\$\(CC\) \$\(CFLAGS\) -include \$\(PCH\) -Winvalid-pch -MMD -MP -c \$< -o \$@$/m);
  });

  it('sanitizes the name everywhere it is used', () => {
    const out = exportProject({ name: '../evil name', source, coreFiles, entryPoints });
    expect(out.has('src/evil_name.c')).toBe(true);
    expect(out.has('evil_name.inf')).toBe(true);
    expect(out.get('Makefile')).toMatch(/^NAME {4}:= evil_name$/m);
    expect([...out.keys()].every((p) => !p.includes('..') && !p.startsWith('/'))).toBe(true);
  });

  it('refuses names that would collide with the core or the extra sources', () => {
    expect(() => exportProject({ name: 'grt', source, coreFiles, entryPoints })).toThrow(ExportError);
    expect(() => exportProject({ name: 'WDKM', source, coreFiles, entryPoints })).toThrow(/source file/);
    expect(() => driverNameFor('helper', coreFiles, { 'helper.c': '' })).toThrow(/source file/);
    expect(driverNameFor('my demo', coreFiles)).toBe('my_demo');
  });

  it('refuses core and extra files that are not plain .c/.h names', () => {
    expect(() => exportProject({ name: 'x', source, coreFiles: { ...coreFiles, '../x.c': '' }, entryPoints })).toThrow(/plain/);
    expect(() => exportProject({ name: 'x', source, coreFiles, extraSources: { 'a/b.c': '' }, entryPoints })).toThrow(/plain/);
    const { ['wdkm.h']: _omitted, ...noHeader } = coreFiles;
    expect(_omitted).toBeDefined();
    expect(() => exportProject({ name: 'x', source, coreFiles: noHeader, entryPoints })).toThrow(/wdkm\.h/);
  });

  it('puts extra sources in src/ and in the Visual Studio project', () => {
    const out = exportProject({ name: 'x', source, coreFiles, extraSources: { 'extra.c': 'int y;\n', 'extra.h': '' }, entryPoints });
    expect(out.get('src/extra.c')).toBe('int y;\n');
    expect(out.get('x.vcxproj')).toContain('<ClCompile Include="src\\extra.c" />');
    expect(out.get('x.vcxproj')).toContain('<ClInclude Include="src\\extra.h" />');
  });

  it('writes later kernel exports into the .def with their Windows version', () => {
    expect(files.get('src/mingw/ntoskrnl_extra.def')).toMatch(
      /^LIBRARY ntoskrnl\.exe\nEXPORTS\n {4}ExAllocatePool2 ; Windows 10, version 2004/m,
    );
  });

  it('escapes a hostile label in every file it reaches', () => {
    const label = 'Evil" %PATH% <b>&</b> */ $(X) [l](u)';
    const out = exportProject({ name: 'lab', label, source, coreFiles, entryPoints });
    expect(out.get('lab.inf')).toContain('ServiceName  = "Evil"" %%PATH%% <b>&</b> */ $(X) [l](u)"');
    expect(out.get('Makefile')).toContain('# Driver: Evil" %PATH% <b>&</b> */ $$(X) [l](u)');
    expect(out.get('README.md')).toMatch(/^# Evil" %PATH% \\<b\\>&\\<\/b\\> \\\*\/ \$\\\(X\\\) \\\[l\\\]\\\(u\\\)$/m);
    expect(out.get('lab.vcxproj')).not.toContain('Evil');
  });
});

describe('the Code Tour', () => {
  it('names the entry points of the checked program by role, in order', () => {
    const tour = (name: string) => {
      const readme = exportProject({ name: 'dpc', source: fixture(name), coreFiles, entryPoints: checkedEntries(fixture(name)) }).get('README.md')!;
      return readme.slice(readme.indexOf('## Code Tour')).match(/^\*\*`[^`]+`\*\*/gm);
    };
    expect(tour('kmutex_counter')).toEqual(['**`DriverEntry`**', '**`CounterThread`**', '**`src/wdkm/`**']);
    expect(tour('spin_lock_dpc')).toEqual(['**`DriverEntry`**', '**`CountThread`**', '**`CountDpc`**', '**`src/wdkm/`**']);
    expect(checkedEntries(fixture('unload_pool')).map((e) => e.role)).toEqual(['DriverEntry', 'DriverUnload', 'SystemThread']);
  });

  it('inserts only identifiers: a name that is not one is refused, not rendered', () => {
    expect(() => exportProject({ name: 'x', source: 'int x;\n', coreFiles, entryPoints: [{ name: '<b>x</b>', role: 'Dpc' }] })).toThrow(/identifier/);
  });
});
