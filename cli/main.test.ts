import { describe, expect, it } from 'vitest';
import { main } from './main';

function runCli(argv: string[], files: Record<string, string> = {}) {
  const out: string[] = [], err: string[] = [];
  const code = main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), readFile: (p) => files[p] });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const GOOD = '#include <ntddk.h>\nNTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) { UNREFERENCED_PARAMETER(d); UNREFERENCED_PARAMETER(r); return STATUS_SUCCESS; }\n';

describe('wdkm CLI', () => {
  it('prints help', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('check');
  });
  it('checks a good file quietly', () => {
    expect(runCli(['check', 'a.c'], { 'a.c': GOOD })).toEqual({ code: 0, out: '', err: '' });
  });
  it('prints gcc-style errors and exits 2', () => {
    const r = runCli(['check', 'b.c'], { 'b.c': GOOD + 'int x = y;\n' });
    expect(r.code).toBe(2);
    expect(r.out).toBe("b.c:3:9: error: 'y' undeclared");
  });
  it('exits 2 on a missing file, an unknown command or flag', () => {
    expect(runCli(['check', 'nope.c'])).toMatchObject({ code: 2, err: "wdkm check: cannot read 'nope.c': no such file" });
    expect(runCli(['frobnicate']).code).toBe(2);
    expect(runCli(['--frob']).err).toContain("unknown option '--frob'");
    expect(runCli(['check', '--frob', 'a.c']).code).toBe(2);
    expect(runCli([]).code).toBe(2);
  });
});
