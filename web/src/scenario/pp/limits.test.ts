/** The preprocessor's work limits (issue 15, defect 2): macros whose expansion
    grows exponentially stop with one diagnostic naming the limit and the line
    that used the macro, instead of hanging the checker or failing elsewhere. */
import { describe, expect, it } from 'vitest';
import { check } from '../frontend';
import { MAX_EXPANDED_TOKENS, MAX_EXPANSIONS } from './macro';

/** F1(x) = F0(F0(x)) and so on: each level calls the one below twice. */
function tower(depth: number, base: string): string {
  const defs = [`#define F0(x) ${base}`];
  for (let k = 1; k <= depth; k++) defs.push(`#define F${k}(x) F${k - 1}(F${k - 1}(x))`);
  return `#include <ntddk.h>\n${defs.join('\n')}\nNTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)\n{\n` +
    `    UNREFERENCED_PARAMETER(d); UNREFERENCED_PARAMETER(r);\n    int y = F${depth}(1);\n    return y ? STATUS_SUCCESS : STATUS_SUCCESS;\n}\n`;
}
const useLine = (depth: number) => depth + 6;

describe('macro expansion work limits', () => {
  it('stops a tower of invocations at the invocation limit, with one error on the line that used it', () => {
    const diags = check(tower(20, 'x'));
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ severity: 'error', line: useLine(20) });
    expect(diags[0]!.message).toContain(`more than ${MAX_EXPANSIONS.toLocaleString('en-US')} macro invocations`);
    expect(diags[0]!.message).toContain("work limit");
  }, 30_000);
  it('stops a tower whose output doubles at the token limit (was "nested too deeply" at 1:1)', () => {
    const diags = check(tower(5, '(x + x)'));
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ severity: 'error', line: useLine(5) });
    expect(diags[0]!.message).toContain(`more than ${MAX_EXPANDED_TOKENS.toLocaleString('en-US')} tokens`);
  }, 30_000);
  it('still expands a tower that stays inside the limits', () => {
    expect(check(tower(8, 'x'))).toEqual([]);
    expect(check(tower(2, '(x + x)'))).toEqual([]);
  }, 30_000);
});
