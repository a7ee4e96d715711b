/**
 * C's conversion rules on types: integer promotion, the usual arithmetic
 * conversions (with LLP64 ranks: long is 32 bits, so long vs unsigned int
 * gives unsigned long), and type compatibility for pointers and calls.
 */
import { type CType, INT_INFO, type IntKind, intKindOf, intType, isInteger } from './ctype';

const UNSIGNED_OF: Record<IntKind, IntKind> = {
  char: 'uchar', schar: 'uchar', uchar: 'uchar', short: 'ushort', ushort: 'ushort', int: 'uint', uint: 'uint',
  long: 'ulong', ulong: 'ulong', llong: 'ullong', ullong: 'ullong',
};

/** Integer promotion: every type narrower than int becomes int (int holds all their values). */
export function promote(t: CType): CType {
  const ik = intKindOf(t);
  if (INT_INFO[ik].rank < INT_INFO.int.rank) return intType('int');
  return intType(ik);
}

/** The usual arithmetic conversions: the common type of a binary operation. */
export function usualArithmetic(a: CType, b: CType): CType {
  const x = intKindOf(promote(a)), y = intKindOf(promote(b));
  if (x === y) return intType(x);
  const ix = INT_INFO[x], iy = INT_INFO[y];
  if (ix.signed === iy.signed) return intType(ix.rank >= iy.rank ? x : y);
  const [u, s] = ix.signed ? [y, x] : [x, y];
  const iu = INT_INFO[u], is = INT_INFO[s];
  if (iu.rank >= is.rank) return intType(u);
  if (is.size > iu.size) return intType(s);
  return intType(UNSIGNED_OF[s]);
}

/** C's compatible types (6.2.7), qualifiers included at every level but the top one when `ignoreTopQuals`. */
export function compatible(a: CType, b: CType, ignoreTopQuals = false): boolean {
  if (!ignoreTopQuals && (!!a.isConst !== !!b.isConst || !!a.isVolatile !== !!b.isVolatile)) return false;
  if (isInteger(a) && isInteger(b)) {
    if (a.kind === 'enum' && b.kind === 'enum') return a.def === b.def;
    return intKindOf(a) === intKindOf(b);
  }
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'void': return true;
    case 'ptr': return compatible(a.to, (b as typeof a).to);
    case 'array': {
      const bb = b as typeof a;
      return compatible(a.of, bb.of) && (a.len === undefined || bb.len === undefined || a.len === bb.len);
    }
    case 'struct': return a.def === (b as typeof a).def;
    case 'func': {
      const bb = b as typeof a;
      return compatible(a.ret, bb.ret, true) && a.variadic === bb.variadic && a.params.length === bb.params.length
        && a.params.every((p, i) => compatible(p.type, bb.params[i].type, true));
    }
    default: return false;
  }
}

/** Does the pointee `to` carry every qualifier of `from` (so the assignment loses none)? */
export function keepsQualifiers(from: CType, to: CType): boolean {
  return (!from.isConst || !!to.isConst) && (!from.isVolatile || !!to.isVolatile);
}

export function isSigned(t: CType): boolean { return INT_INFO[intKindOf(t)].signed; }
export function intSize(t: CType): number { return INT_INFO[intKindOf(t)].size; }

/** `v` reduced to the values of integer type `t` (two's complement wrap-around). */
export function wrapTo(t: CType, v: bigint): bigint {
  const info = INT_INFO[intKindOf(t)];
  const bits = info.size * 8;
  return info.signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
}
