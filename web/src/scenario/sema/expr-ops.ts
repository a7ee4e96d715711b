/**
 * Binary operators, assignment, the conditional and comma operators, with
 * C's conversions: integer promotion and the usual arithmetic conversions
 * (so `(unsigned char)200 + (unsigned char)100` is int 300 and `-1 < 0u` is
 * false), and pointer rules for +, -, comparisons and ==.
 */
import type { SourceRange } from '../diagnostics';
import type { BinaryOp, Expr } from '../parse/ast';
import { type CType, INT, intType, isInteger, isPointer, isScalar, PTRDIFF_T, unqual } from '../types/ctype';
import { compatible, isSigned, promote, usualArithmetic } from '../types/conv';
import { quoteType } from '../types/print';
import type { Checker } from './checker';
import { assignConvert, condition, convertInt, isNullPointerConstant, value } from './convert';
import { checkExpr } from './expr';
import { constant, foldBinary, isConst, poisoned } from './fold';
import type { BinOp, TExpr } from './ir';
import { elementSize, notModifiable, ptrArith } from './pointer-ops';

const OPS: Record<string, BinOp> = {
  '*': 'mul', '/': 'div', '%': 'rem', '+': 'add', '-': 'sub', '<<': 'shl', '>>': 'shr', '&': 'and', '|': 'or', '^': 'xor',
  '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge',
};
const COMPARISONS = new Set<BinOp>(['eq', 'ne', 'lt', 'le', 'gt', 'ge']);
/** Pointers compare as unsigned 64-bit addresses. */
const ADDRESS = intType('ullong');

export function checkBinary(c: Checker, opText: BinaryOp, lraw: TExpr, rraw: TExpr, at: SourceRange, opAt: SourceRange): TExpr {
  const l = value(c, lraw), r = value(c, rraw);
  if (l.err || r.err) return poisoned(at);
  const op = OPS[opText];
  for (const side of [l, r]) {
    if (side.k === 'func') {
      c.error(`function pointers are outside the scenario subset: '${side.fn.name}' used as an operand of '${opText}'`, side.at);
      return poisoned(at);
    }
  }
  const lt = l.type, rt = r.type;
  if (isInteger(lt) && isInteger(rt)) {
    if (op === 'shl' || op === 'shr') {
      const t = promote(lt);
      return arith(c, op, convertInt(l, t), convertInt(r, promote(rt)), t, t, at);
    }
    const t = usualArithmetic(lt, rt);
    if (COMPARISONS.has(op) && op !== 'eq' && op !== 'ne' && isSigned(promote(lt)) !== isSigned(promote(rt)) && !isConst(l) && !isConst(r)) {
      c.warning(`comparison of integer expressions of different signedness: ${quoteType(lt)} and ${quoteType(rt)}`, opAt);
    }
    return arith(c, op, convertInt(l, t), convertInt(r, t), t, COMPARISONS.has(op) ? INT : t, at);
  }
  if (op === 'add' && isPointer(lt) && isInteger(rt)) return ptrArith(c, l, r, false, at);
  if (op === 'add' && isInteger(lt) && isPointer(rt)) return ptrArith(c, r, l, false, at);
  if (op === 'sub' && isPointer(lt) && isInteger(rt)) return ptrArith(c, l, r, true, at);
  if (op === 'sub' && isPointer(lt) && isPointer(rt)) {
    if (!compatible(lt.to, rt.to, true)) { c.error(`invalid operands to binary - (have ${quoteType(lt)} and ${quoteType(rt)})`, opAt); return poisoned(at); }
    const scale = elementSize(c, lt, at);
    if (scale === undefined) return poisoned(at);
    return { k: 'ptrDiff', l, r, scale, type: PTRDIFF_T, at };
  }
  if (COMPARISONS.has(op) && isScalar(lt) && isScalar(rt)) return pointerCompare(c, op, l, r, at, opAt);
  c.error(`invalid operands to binary ${opText} (have ${quoteType(lt)} and ${quoteType(rt)})`, opAt);
  return poisoned(at);
}

function arith(c: Checker, op: BinOp, l: TExpr, r: TExpr, opType: CType, type: CType, at: SourceRange): TExpr {
  if ((op === 'div' || op === 'rem') && isConst(r) && r.value === 0n) c.warning('division by zero', at);
  return foldBinary(c, op, l, r, opType, type, at) ?? { k: 'bin', op, l, r, opType, type, at };
}

function pointerCompare(c: Checker, op: BinOp, l: TExpr, r: TExpr, at: SourceRange, opAt: SourceRange): TExpr {
  const equality = op === 'eq' || op === 'ne';
  const lp = isPointer(l.type), rp = isPointer(r.type);
  if (lp && rp) {
    const a = l.type as CType & { kind: 'ptr' }, b = r.type as CType & { kind: 'ptr' };
    const voidish = equality && ((a.to.kind === 'void' && b.to.kind !== 'func') || (b.to.kind === 'void' && a.to.kind !== 'func'));
    if (!voidish && !compatible(a.to, b.to, true) && !isNullPointerConstant(l) && !isNullPointerConstant(r)) {
      c.error(`comparison of distinct pointer types lacks a cast (${quoteType(a)} and ${quoteType(b)})`, opAt);
      return poisoned(at);
    }
  } else {
    const [ptrSide, intSide] = lp ? [l, r] : [r, l];
    if (!isNullPointerConstant(intSide)) {
      c.error(`comparison between pointer and integer (${quoteType(ptrSide.type)} and ${quoteType(intSide.type)})`, opAt);
      return poisoned(at);
    }
  }
  return { k: 'bin', op, l: convertInt(l, ADDRESS), r: convertInt(r, ADDRESS), opType: ADDRESS, type: INT, at };
}

export function checkLogical(c: Checker, e: Expr & { kind: 'binary' }): TExpr {
  const l = condition(c, checkExpr(c, e.left)), r = condition(c, checkExpr(c, e.right));
  if (l.err || r.err) return poisoned(e.at);
  const op = e.op === '&&' ? 'and' : 'or';
  if (isConst(l) && isConst(r)) {
    const a = l.value !== 0n, b = r.value !== 0n;
    return constant(INT, (op === 'and' ? a && b : a || b) ? 1n : 0n, e.at);
  }
  return { k: 'logic', op, l, r, type: INT, at: e.at };
}

export function checkAssign(c: Checker, e: Expr & { kind: 'assign' }): TExpr {
  const lv = checkExpr(c, e.left);
  const rraw = checkExpr(c, e.right);
  if (lv.err || rraw.err) return poisoned(e.at);
  const why = notModifiable(lv);
  if (why) { c.error(why === 'lvalue required' ? 'lvalue required as left operand of assignment' : why, e.opAt); return poisoned(e.at); }
  const t = unqual(lv.type);
  if (e.op === '=') {
    const routine = lv.k === 'member' && isPointer(t) && t.to.kind === 'func';
    const name = lv.k === 'local' || lv.k === 'global' ? `'${lv.sym.name}'` : quoteType(lv.type);
    const rhs = assignConvert(c, value(c, rraw), lv.type, { what: `assignment to ${name}`, routine }, e.right.at);
    if (rhs.err) return poisoned(e.at);
    return { k: 'assign', lv, rhs, type: t, at: e.at };
  }
  const op = OPS[e.op.slice(0, -1)];
  const r = value(c, rraw);
  if (isPointer(t) && (op === 'add' || op === 'sub') && isInteger(r.type)) {
    const scale = elementSize(c, t, e.at);
    if (scale === undefined) return poisoned(e.at);
    const idx = convertInt(r, intType(isSigned(r.type) ? 'llong' : 'ullong'));
    return { k: 'compound', lv, op, rhs: idx, opType: t, scale, type: t, at: e.at };
  }
  if (!isInteger(t) || !isInteger(r.type)) {
    c.error(`invalid operands to binary ${e.op.slice(0, -1)} (have ${quoteType(lv.type)} and ${quoteType(r.type)})`, e.opAt);
    return poisoned(e.at);
  }
  const opType = op === 'shl' || op === 'shr' ? promote(t) : usualArithmetic(t, r.type);
  if ((op === 'div' || op === 'rem') && isConst(r) && r.value === 0n) c.warning('division by zero', e.at);
  return { k: 'compound', lv, op, rhs: convertInt(r, opType), opType, type: t, at: e.at };
}

export function checkCond(c: Checker, e: Expr & { kind: 'cond' }): TExpr {
  const cond = condition(c, checkExpr(c, e.cond));
  const a = value(c, checkExpr(c, e.then)), b = value(c, checkExpr(c, e.else));
  if (cond.err || a.err || b.err) return poisoned(e.at);
  let t: CType;
  if (isInteger(a.type) && isInteger(b.type)) t = usualArithmetic(a.type, b.type);
  else if (a.type.kind === 'void' && b.type.kind === 'void') t = a.type;
  else if (isPointer(a.type) && isNullPointerConstant(b)) t = unqual(a.type);
  else if (isPointer(b.type) && isNullPointerConstant(a)) t = unqual(b.type);
  else if (isPointer(a.type) && isPointer(b.type)) {
    const pa = a.type, pb = b.type;
    if (pa.to.kind === 'void' || pb.to.kind === 'void') t = { kind: 'ptr', to: { kind: 'void', isConst: pa.to.isConst || pb.to.isConst, isVolatile: pa.to.isVolatile || pb.to.isVolatile } };
    else if (compatible(pa.to, pb.to, true)) t = { kind: 'ptr', to: { ...pa.to, isConst: pa.to.isConst || pb.to.isConst, isVolatile: pa.to.isVolatile || pb.to.isVolatile } as CType };
    else { c.error(`pointer type mismatch in conditional expression (${quoteType(pa)} and ${quoteType(pb)})`, e.at); return poisoned(e.at); }
  } else if (a.type.kind === 'struct' || b.type.kind === 'struct') {
    c.error('conditional expressions of struct type are outside the scenario subset; use if/else', e.at);
    return poisoned(e.at);
  } else {
    c.error(`type mismatch in conditional expression (${quoteType(a.type)} and ${quoteType(b.type)})`, e.at);
    return poisoned(e.at);
  }
  const ca = t.kind === 'void' ? a : convertInt(a, t), cb = t.kind === 'void' ? b : convertInt(b, t);
  if (isConst(cond) && isConst(ca) && isConst(cb)) return { ...(cond.value !== 0n ? ca : cb), at: e.at };
  return { k: 'cond', c: cond, a: ca, b: cb, type: t, at: e.at };
}

export function checkComma(c: Checker, e: Expr & { kind: 'comma' }): TExpr {
  const l = value(c, checkExpr(c, e.left)), r = value(c, checkExpr(c, e.right));
  if (l.err || r.err) return poisoned(e.at);
  if (r.type.kind === 'struct') { c.error('comma expressions of struct type are outside the scenario subset', e.at); return poisoned(e.at); }
  return { k: 'comma', l, r, type: r.type, at: e.at };
}

export { assignConvert };
