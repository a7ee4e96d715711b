import { describe, expect, it } from 'vitest';
import { intType, type IntKind } from './ctype';
import { promote, usualArithmetic, wrapTo } from './conv';
import { typeName } from './print';

const t = (k: IntKind) => intType(k);
const uac = (a: IntKind, b: IntKind) => typeName(usualArithmetic(t(a), t(b)));

describe('integer conversions (LLP64)', () => {
  it('promotes narrow types to int', () => {
    for (const k of ['char', 'schar', 'uchar', 'short', 'ushort'] as const) expect(typeName(promote(t(k)))).toBe('int');
    expect(typeName(promote(t('uint')))).toBe('unsigned int');
  });
  it('applies the usual arithmetic conversions', () => {
    expect(uac('int', 'uint')).toBe('unsigned int');
    expect(uac('long', 'uint')).toBe('long unsigned int');
    expect(uac('llong', 'uint')).toBe('long long int');
    expect(uac('llong', 'ulong')).toBe('long long int');
    expect(uac('ullong', 'int')).toBe('long long unsigned int');
    expect(uac('uchar', 'uchar')).toBe('int');
    expect(uac('long', 'int')).toBe('long int');
  });
  it('wraps values into a type', () => {
    expect(wrapTo(t('uint'), -1n)).toBe(4294967295n);
    expect(wrapTo(t('schar'), 200n)).toBe(-56n);
    expect(wrapTo(t('ullong'), -1n)).toBe(0xffffffffffffffffn);
  });
});
