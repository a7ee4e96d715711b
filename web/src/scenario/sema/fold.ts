/**
 * Constant folding, with C's exact wrap-around: an operation on constants
 * becomes a constant of the result type. What folds to a constant of integer
 * type is an integer constant expression (array sizes, case labels, enums).
 */
import type { SourceRange } from '../diagnostics';
import type { Expr } from '../parse/ast';
import { type CType, INT, isInteger } from '../types/ctype';
import { intSize, isSigned, wrapTo } from '../types/conv';
import { quoteType } from '../types/print';
import type { Checker } from './checker';
import { checkExpr } from './expr';
import { value } from './convert';
import type { BinOp, TExpr } from './ir';

export const constant = (type: CType, v: bigint, at: SourceRange): TExpr =>
  ({ k: 'const', type, value: isInteger(type) ? wrapTo(type, v) : BigInt.asUintN(64, v), at });

/** A stand-in for an expression that already failed: typed int, marked so nothing else complains. */
export const poisoned = (at: SourceRange, type: CType = INT): TExpr => ({ k: 'const', type, value: 0n, at, err: true });

export function isConst(e: TExpr): e is TExpr & { k: 'const' } { return e.k === 'const' && !e.err; }

/** Folds `l op r` (both already of `opType`); undefined when it cannot (not constant, or division by zero). */
export function foldBinary(c: Checker, op: BinOp, l: TExpr, r: TExpr, opType: CType, resultType: CType, at: SourceRange): TExpr | undefined {
  if (!isConst(l) || !isConst(r) || !isInteger(opType)) return undefined;
  const a = l.value, b = r.value;
  const truth = (x: boolean) => constant(resultType, x ? 1n : 0n, at);
  // Signed overflow is undefined in C: gcc warns (-Woverflow), and the export builds with -Werror.
  const exact = (v: bigint) => {
    if (isSigned(opType) && wrapTo(opType, v) !== v) {
      c.warning(`integer overflow in expression of type ${quoteType(opType)} results in '${wrapTo(opType, v)}'`, at);
    }
    return constant(resultType, v, at);
  };
  switch (op) {
    case 'add': return exact(a + b);
    case 'sub': return exact(a - b);
    case 'mul': return exact(a * b);
    case 'div': case 'rem':
      if (b === 0n) { c.warning('division by zero', at); return undefined; }
      return op === 'div' ? exact(a / b) : constant(resultType, a % b, at);
    case 'shl': case 'shr': {
      const width = BigInt(intSize(opType) * 8);
      if (b < 0n || b >= width) { c.warning(b < 0n ? 'shift count is negative' : 'shift count >= width of type', at); return undefined; }
      return constant(resultType, op === 'shl' ? a << b : a >> b, at);
    }
    case 'and': return constant(resultType, a & b, at);
    case 'or': return constant(resultType, a | b, at);
    case 'xor': return constant(resultType, a ^ b, at);
    case 'eq': return truth(a === b);
    case 'ne': return truth(a !== b);
    case 'lt': return truth(a < b);
    case 'le': return truth(a <= b);
    case 'gt': return truth(a > b);
    case 'ge': return truth(a >= b);
  }
}

/** An integer constant expression's value, or undefined after a diagnostic. */
export function intConstant(c: Checker, e: Expr, what: string, notConstMessage?: string): bigint | undefined {
  const t = value(c, checkExpr(c, e));
  if (t.err) return undefined;
  if (isConst(t) && isInteger(t.type)) return t.value;
  c.error(notConstMessage ?? `${what} is not an integer constant expression`, e.at);
  return undefined;
}
