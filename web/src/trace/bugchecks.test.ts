import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bugcheckUrl, EXPLAINED_CODES, EXPLAINED_VERIFIER_SUBCODES, explainBugcheck } from './bugchecks';

const EMU = new URL('../../../core-c/emu/', import.meta.url);
const emuSources = readdirSync(EMU).filter((f) => f.endsWith('.c')).map((f) => readFileSync(new URL(f, EMU), 'utf8')).join('\n');

describe('explainBugcheck', () => {
  it('explains every bug check the emulator names, under the same name', () => {
    const table = [...readFileSync(new URL('bugcheck.c', EMU), 'utf8').matchAll(/\{ (0x[0-9A-F]+), "([A-Z_]+)" \}/g)];
    expect(table.length).toBeGreaterThan(20);
    for (const [, code, name] of table) {
      expect(EXPLAINED_CODES, `${code} ${name}`).toContain(Number(code));
      expect(explainBugcheck(code!, []).name).toBe(name);
    }
  });

  it('explains every Driver Verifier subcode the emulator raises', () => {
    const raised = new Set([...emuSources.matchAll(/EmupBugCheck\(0xC4, (0x[0-9A-Fa-f]+)/g)].map((m) => Number(m[1])));
    expect(raised.size).toBeGreaterThan(15);
    for (const sub of raised) expect(EXPLAINED_VERIFIER_SUBCODES, `0xC4/0x${sub.toString(16)}`).toContain(sub);
  });

  it('says what happened in one sentence with the IRQL, names the four parameters, and links the reference page', () => {
    const e = explainBugcheck('0x000000C4', ['0x0000000000000001', '0x0000000000000002', '0x0000000000000001', '0x0000000000000040']);
    expect(e.sentence).toBe('Paged pool was allocated at DISPATCH_LEVEL (IRQL 2); paged memory needs IRQL ≤ APC_LEVEL.');
    expect(e.params.map((p) => p.name)).toEqual(['Type of violation', 'Current IRQL', 'Pool type', 'Size of the request']);
    expect(e.url).toBe('https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0xc4--driver-verifier-detected-violation');
    expect(bugcheckUrl(0x7e, 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED')).toMatch(/bug-check-0x7e--system-thread-exception-not-handled$/);
  });

  it('reads an exception code as the 32-bit NTSTATUS the emulator sign-extends, as Windows does', () => {
    const av = explainBugcheck('0x0000007E', ['0xFFFFFFFFC0000005', '0xFFFFF8015000000F', '0x0000000000000000', '0x0000000000000001']);
    expect(av.sentence).toContain('STATUS_ACCESS_VIOLATION');
    const other = explainBugcheck('0x0000007E', ['0xFFFFFFFFC0000094', '0x0', '0x0', '0x0']);
    expect(other.sentence).toContain('(code 0xC0000094)');
  });

  it('names the code of a bug check it does not know', () => {
    const e = explainBugcheck('0xDEAD0001', ['0x0000000000000001']);
    expect(e.known).toBe(false);
    expect(e.url).toBeNull();
    expect(e.sentence).toContain('0xDEAD0001');
    expect(e.params).toHaveLength(4);
  });
});
