import { describe, expect, it } from 'vitest';
import { errorsIn } from '../testing';

// gcc puts a missing ';' just after the token that should have ended the statement,
// not at the next token (which is usually on the following line).
describe("a missing ';' is reported at the end of the previous token", () => {
  it('after an expression statement, with the next statement on the following line', () => {
    expect(errorsIn('VOID F(void) {\n  LONG x = 0;\n  x = 1\n  x = 2;\n}')).toContain("3:8: expected ';' after the expression before 'x'");
  });
  it('after a declaration inside a function', () => {
    expect(errorsIn('VOID F(void) {\n  LONG x = 0\n  x = 2;\n}')).toContain("2:13: expected ';' after the declaration before 'x'");
  });
  it('after a file-scope declaration', () => {
    expect(errorsIn('static LONG Count\nstatic LONG Other;')).toContain("1:18: expected ';' after the declaration before 'static'");
  });
  it('after return, before the closing brace', () => {
    expect(errorsIn('LONG F(void) {\n  return 1\n}')).toContain("2:11: expected ';' after the return value before '}'");
  });
  it('other missing punctuation still points at the token found', () => {
    expect(errorsIn('VOID F(void) {\n  if (1 {\n  }\n}')[0]).toMatch(/^2:9: expected '\)'/);
  });
});
