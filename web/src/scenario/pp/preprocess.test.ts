import { describe, expect, it } from 'vitest';
import { DiagnosticBag } from '../diagnostics';
import { HEADERS } from '../prelude';
import { preprocess } from './preprocess';

function pp(src: string) {
  const diags = new DiagnosticBag();
  const out = preprocess(src, 'test.c', HEADERS, diags);
  const text = out.tokens.filter((t) => t.kind !== 'eof').map((t) => t.text).join(' ');
  return { text, diags: diags.items, tokens: out.tokens };
}

describe('preprocessor', () => {
  it('expands object-like and function-like macros', () => {
    expect(pp('#define N 3\n#define SQ(x) ((x)*(x))\nint a = SQ(N+1);').text).toBe('int a = ( ( 3 + 1 ) * ( 3 + 1 ) ) ;');
  });
  it('stringifies and pastes', () => {
    expect(pp('#define S(x) #x\n#define CAT(a,b) a##b\nS(a  +  "q\\n") CAT(foo, 12)').text).toBe('"a + \\"q\\\\n\\"" foo12');
  });
  it('handles __VA_ARGS__ and GNU comma elision', () => {
    expect(pp('#define P(f, ...) g(f, __VA_ARGS__)\nP(1, 2, 3)').text).toBe('g ( 1 , 2 , 3 )');
    expect(pp('#define L(f, ...) g(f, ##__VA_ARGS__)\nL(1) L(1,2)').text).toBe('g ( 1 ) g ( 1 , 2 )');
  });
  it('does not re-expand a macro inside itself', () => {
    expect(pp('#define x x + 1\nx').text).toBe('x + 1');
    expect(pp('#define f(a) a*g\n#define g(a) f(a)\nf(2)(9)').text).toBe('2 * 9 * g');
  });
  it('evaluates conditionals with defined and arithmetic', () => {
    const src = '#define A 2\n#if defined(A) && A * 2 == 4\nyes\n#elif 1\nno\n#else\nno\n#endif\n#ifndef B\nb\n#endif\n#if -1 < 0u\nwrong\n#endif';
    expect(pp(src).text).toBe('yes b');
  });
  it('supports #undef and nested skipped groups', () => {
    expect(pp('#define A\n#undef A\n#ifdef A\n#if garbage (\n#endif\n#else\nok\n#endif').text).toBe('ok');
  });
  it('points expansion tokens at the use site', () => {
    const r = pp('#define TEN \\\n  10\nint x =\n   TEN;');
    const ten = r.tokens.find((t) => t.text === '10')!;
    expect([ten.line, ten.col]).toEqual([4, 4]);
  });
  it('includes the WDK headers once and refuses others', () => {
    const r = pp('#include <ntddk.h>\n#include <wdm.h>\n#include <stdio.h>\nULONG x = STATUS_TIMEOUT;');
    expect(r.diags.map((d) => [d.line, d.message])).toEqual([[3, expect.stringContaining("'stdio.h' cannot be included")]]);
    expect(r.text.endsWith('ULONG x = ( ( NTSTATUS ) 0x00000102L ) ;')).toBe(true);
  });
  it('reports directive errors with positions', () => {
    const r = pp('#if 1\n#foo\n#define F(a, a) a\n#error stop here\n');
    expect(r.diags.map((d) => `${d.line}:${d.col}: ${d.message}`)).toEqual([
      '2:2: invalid preprocessing directive #foo',
      '3:14: invalid macro parameter "a"',
      '4:2: #error stop here',
      '1:2: unterminated #if',
    ]);
  });
  it('gives __LINE__ and __FILE__', () => {
    expect(pp('\n__LINE__ __FILE__').text).toBe('2 "test.c"');
  });
  it('reports wrong macro argument counts', () => {
    expect(pp('#define F(a,b) a\nF(1)').diags[0].message).toContain("requires 2 arguments, but only 1 given");
  });
});
