import { describe, expect, it } from 'vitest';
import { main } from './main';

async function runCli(argv: string[], files: Record<string, string> = {}) {
  const out: string[] = [], err: string[] = [];
  const code = await main(argv, {
    out: (t) => out.push(t), err: (t) => err.push(t), readFile: (p) => files[p],
    writeFile: () => { throw new Error('no writes here'); },
    writeLines: () => { throw new Error('no writes here'); },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const GOOD = '#include <ntddk.h>\nNTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) { UNREFERENCED_PARAMETER(d); UNREFERENCED_PARAMETER(r); return STATUS_SUCCESS; }\n';

describe('wdkm CLI', () => {
  it('prints help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('check');
    expect(r.out).toMatch(/^ {2}run {2,}/m);
    expect(r.out).toMatch(/^ {2}trace {2,}/m);
    expect(r.out).not.toContain('compile'); // internal: for the project's tests
  });
  it('checks a good file quietly', async () => {
    expect(await runCli(['check', 'a.c'], { 'a.c': GOOD })).toEqual({ code: 0, out: '', err: '' });
  });
  it('prints gcc-style errors and exits 2', async () => {
    const r = await runCli(['check', 'b.c'], { 'b.c': GOOD + 'int x = y;\n' });
    expect(r.code).toBe(2);
    expect(r.out).toBe("b.c:3:9: error: 'y' undeclared");
  });
  it('exits 2 on a missing file, an unknown command or flag', async () => {
    expect(await runCli(['check', 'nope.c'])).toMatchObject({ code: 2, err: "wdkm check: cannot read 'nope.c': no such file" });
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['--frob'])).err).toContain("unknown option '--frob'");
    expect((await runCli(['check', '--frob', 'a.c'])).code).toBe(2);
    expect((await runCli([])).code).toBe(2);
  });
});
