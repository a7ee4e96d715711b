// The generated Visual Studio and INF files, read back with the readers in
// driver/checks/ and held to what the WDK needs of them.

import { describe, expect, it } from 'vitest';
import { exportProject } from '../../web/src/export';
import { parseInf, infValue, hasSection } from '../checks/inf';
import { GUID, parseSln } from '../checks/sln';
import { findAll, parseXml, textsOf } from '../checks/xml';
import { readCoreFiles } from '../node/core-files';
import { selftestInput } from '../node/selftest-input';

const label = 'Counter "demo" 100% <fast> & safe';
const files = exportProject({
  name: 'demo',
  label,
  source: 'NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) { return 0; }\n',
  coreFiles: readCoreFiles(),
  entryPoints: [{ name: 'DriverEntry', role: 'DriverEntry' }],
});
const PAIRS = ['Debug|x64', 'Debug|ARM64', 'Release|x64', 'Release|ARM64'];

describe('demo.vcxproj', () => {
  const project = parseXml(files.get('demo.vcxproj')!);

  it('is an MSBuild project for the four WDK configurations', () => {
    expect(project.name).toBe('Project');
    expect(project.attributes.xmlns).toBe('http://schemas.microsoft.com/developer/msbuild/2003');
    expect(findAll(project, 'ProjectConfiguration').map((e) => e.attributes.Include).sort()).toEqual([...PAIRS].sort());
  });

  it('builds a WDM driver with the kernel-mode toolset in every configuration', () => {
    const groups = findAll(project, 'PropertyGroup').filter((g) => g.attributes.Label === 'Configuration');
    expect(groups.map((g) => /=='([^']+)'/.exec(g.attributes.Condition)?.[1]).sort()).toEqual([...PAIRS].sort());
    for (const g of groups) {
      expect(textsOf(g, 'ConfigurationType')).toEqual(['Driver']);
      expect(textsOf(g, 'DriverType')).toEqual(['WDM']);
      expect(textsOf(g, 'PlatformToolset')).toEqual(['WindowsKernelModeDriver10.0']);
      const debug = g.attributes.Condition.includes("'Debug|");
      expect(textsOf(g, 'UseDebugLibraries')).toEqual([debug ? 'true' : 'false']);
    }
  });

  it('treats warnings as errors and finds wdkm.h in src\\wdkm', () => {
    expect(textsOf(project, 'TreatWarningAsError')).toEqual(['true']);
    expect(textsOf(project, 'AdditionalIncludeDirectories')[0].split(';')).toContain('$(ProjectDir)src\\wdkm');
  });

  it('lists exactly the exported sources, headers and INF', () => {
    const toPath = (p: string) => p.replace(/\\/g, '/');
    const compiled = findAll(project, 'ClCompile').map((e) => e.attributes.Include).filter(Boolean).map(toPath);
    const included = findAll(project, 'ClInclude').map((e) => e.attributes.Include).map(toPath);
    const exported = [...files.keys()].filter((p) => p.startsWith('src/') && !p.startsWith('src/mingw/'));
    expect(compiled.sort()).toEqual(exported.filter((p) => p.endsWith('.c')).sort());
    expect(included.sort()).toEqual(exported.filter((p) => p.endsWith('.h')).sort());
    expect(findAll(project, 'Inf').map((e) => e.attributes.Include)).toEqual(['demo.inf']);
  });
});

describe('demo.sln', () => {
  const sln = parseSln(files.get('demo.sln')!);
  const guid = textsOf(parseXml(files.get('demo.vcxproj')!), 'ProjectGuid')[0];

  it('holds the one C++ project, under the vcxproj GUID', () => {
    expect(sln.formatVersion).toBe('12.00');
    expect(sln.projects).toEqual([
      { typeGuid: '{8BC9CEB8-8B4A-11D0-8D11-00A0C91BC942}', name: 'demo', path: 'demo.vcxproj', guid },
    ]);
    expect(guid).toMatch(GUID);
  });

  it('maps each of the four configurations to the project, built and deployed', () => {
    expect(sln.sections.get('SolutionConfigurationPlatforms')!.map(([k]) => k).sort()).toEqual([...PAIRS].sort());
    const entries = sln.sections.get('ProjectConfigurationPlatforms')!;
    expect(entries).toHaveLength(PAIRS.length * 3);
    for (const pair of PAIRS) {
      for (const what of ['ActiveCfg', 'Build.0', 'Deploy.0']) {
        expect(entries).toContainEqual([`${guid}.${pair}.${what}`, pair]);
      }
    }
    expect(sln.sections.get('ExtensibilityGlobals')![0][1]).toMatch(GUID);
  });
});

describe('demo.inf', () => {
  const inf = parseInf(files.get('demo.inf')!);

  it('is a signed-catalog primitive package for x64 and ARM64', () => {
    expect(infValue(inf, 'Version', 'Signature')).toBe('$WINDOWS NT$');
    expect(infValue(inf, 'Version', 'CatalogFile')).toBe('demo.cat');
    expect(infValue(inf, 'Version', 'PnpLockdown')).toBe('1');
    expect(infValue(inf, 'DestinationDirs', 'DefaultDestDir')).toBe('13');
    expect(infValue(inf, 'SourceDisksFiles', 'demo.sys')).toBe('1');
    expect(hasSection(inf, 'Manufacturer')).toBe(false);
  });

  it('installs demo.sys as a demand-start kernel service on each architecture', () => {
    for (const arch of ['NTamd64', 'NTarm64']) {
      const copy = infValue(inf, `DefaultInstall.${arch}`, 'CopyFiles')!;
      expect(inf.get(copy)!.map((l) => l.values[0])).toEqual(['demo.sys']);
      const add = inf.get(`DefaultInstall.${arch}.Services`)!.find((l) => l.key === 'AddService')!;
      expect(add.values[0]).toBe('demo');
      expect(hasSection(inf, add.values[2])).toBe(true);
      const service = add.values[2];
      expect(infValue(inf, service, 'ServiceType')).toBe('1');
      expect(infValue(inf, service, 'StartType')).toBe('3');
      expect(infValue(inf, service, 'ErrorControl')).toBe('1');
      expect(infValue(inf, service, 'ServiceBinary')).toBe('%13%\\demo.sys');
      expect(infValue(inf, service, 'DisplayName')).toBe(label);
    }
  });
});

describe('the readers refuse malformed input', () => {
  it('XML', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow(/closes/);
    expect(() => parseXml('<a>x & y</a>')).toThrow(/bare "&"/);
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/duplicate/);
    expect(() => parseXml('<a/><b/>')).toThrow(/after the root/);
    expect(() => parseXml('<a><!-- x -- y --></a>')).toThrow(/inside a comment/);
    expect(() => parseXml('<a>&bogus;</a>')).toThrow(/unknown entity/);
    expect(() => parseXml('<a x=1/>')).toThrow(/not quoted/);
    expect(parseXml('<a x="&lt;&#65;">t&amp;t<b/></a>')).toMatchObject({ attributes: { x: '<A' }, text: 't&t' });
  });

  it('INF', () => {
    expect(() => parseInf('key = 1\n')).toThrow(/outside any section/);
    expect(() => parseInf('[A]\nx = "open\n')).toThrow(/unclosed/);
    expect(() => parseInf('[A]\nx = %Missing%\n[Strings]\n')).toThrow(/not in \[Strings\]/);
    expect(() => parseInf('[A]\n[a]\n')).toThrow(/twice/);
    expect(infValue(parseInf('[A]\nx = %S%, 2 ; c\n[Strings]\nS = "a ""b"" 5%%"\n'), 'A', 'x')).toBe('a "b" 5%');
  });

  it('.sln', () => {
    const head = 'Microsoft Visual Studio Solution File, Format Version 12.00\n';
    expect(() => parseSln('Global\nEndGlobal\n')).toThrow(/header/);
    expect(() => parseSln(`${head}Project("{X}") = "a", "a.vcxproj", "{Y}"\nEndProject\n`)).toThrow(/GUID/);
    expect(() => parseSln(`${head}Global\n`)).toThrow(/unterminated/);
    expect(() => parseSln(`${head}EndGlobal\n`)).toThrow(/unbalanced/);
    expect(() => parseSln(`${head}Global\nGlobalSection(A) = preSolution\nno pair\nEndGlobalSection\nEndGlobal\n`)).toThrow(
      /key = value/,
    );
  });
});

describe("the self-test's Code Tour", () => {
  // Its entry points are declared (the playground cannot check a driver of two files): held to its source here.
  it('names routines selftest.c defines, the unload routine as the one DriverEntry stores', () => {
    const input = selftestInput(readCoreFiles());
    expect(input.entryPoints.map((e) => e.role)).toEqual(['DriverEntry', 'DriverUnload']);
    for (const e of input.entryPoints) expect(input.source).toMatch(new RegExp(`^(?:VOID|NTSTATUS) ${e.name}\\(`, 'm'));
    expect(input.source).toContain(`DriverObject->DriverUnload = ${input.entryPoints[1]!.name};`);
    const sources = [input.source, ...Object.values(input.extraSources ?? {})].join('\n');
    expect(sources.match(/KeInitializeDpc\s*\(/g) ?? []).toEqual([]);
    // Its one thread creation passes a parameter as the start routine, so no routine is an entry point of its own.
    const creations = sources.match(/PsCreateSystemThread\([^;]*/g) ?? [];
    expect(creations).toHaveLength(1);
    expect(creations[0]).toMatch(/NULL, NULL, NULL, Routine, Context\)/);
  });
});
