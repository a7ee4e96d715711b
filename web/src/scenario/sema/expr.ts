/**
 * Expressions: names, literals, unary and postfix operators, member access,
 * subscripts, sizeof and casts. Binary operators and assignment live in
 * expr-ops.ts, calls in calls.ts.
 */
import type { Expr } from '../parse/ast';
import {
  CHAR, type CType, INT, intType, isComplete, isInteger, isPointer, isScalar, LLONG, ptrTo, sizeOf, unqual, withQuals,
} from '../types/ctype';
import { promote } from '../types/conv';
import { quoteType } from '../types/print';
import { checkCall } from './calls';
import type { Checker } from './checker';
import { condition, convertInt, isLvalue, value } from './convert';
import { checkAssign, checkBinary, checkComma, checkCond, checkLogical } from './expr-ops';
import { constant, poisoned } from './fold';
import type { TExpr } from './ir';
import { checkIncDec, ptrArith } from './pointer-ops';
import { declaratorType, resolveSpec } from './typeres';

const LITERAL_TYPES: Record<string, CType> = {
  char: INT, int: INT, 'unsigned int': intType('uint'), long: intType('long'), 'unsigned long': intType('ulong'),
  'long long': LLONG, 'unsigned long long': intType('ullong'),
};

export function checkExpr(c: Checker, e: Expr): TExpr {
  switch (e.kind) {
    case 'error': return poisoned(e.at);
    case 'int': return constant(LITERAL_TYPES[e.type], e.value, e.at);
    case 'string': {
      const id = c.stringId(e.bytes);
      return { k: 'ro', id, type: { kind: 'array', of: CHAR, len: e.bytes.length + 1 }, at: e.at };
    }
    case 'ident': return checkIdent(c, e.name, e.at);
    case 'unary': return checkUnary(c, e);
    case 'postfix': return checkIncDec(c, checkExpr(c, e.operand), false, e.op === '++' ? 1 : -1, e.at);
    case 'binary':
      if (e.op === '&&' || e.op === '||') return checkLogical(c, e);
      return checkBinary(c, e.op, checkExpr(c, e.left), checkExpr(c, e.right), e.at, e.opAt);
    case 'assign': return checkAssign(c, e);
    case 'cond': return checkCond(c, e);
    case 'comma': return checkComma(c, e);
    case 'call': return checkCall(c, e);
    case 'index': return checkIndex(c, e);
    case 'member': return checkMember(c, e);
    case 'cast': return checkCast(c, e);
    case 'sizeofType': {
      const t = declaratorType(c, resolveSpec(c, e.type.spec), e.type.declarator, 'typename');
      return sizeofType(c, t, e.at);
    }
    case 'sizeofExpr': {
      const t = checkExpr(c, e.operand);
      if (t.err) return poisoned(e.at, intType('ullong'));
      if (t.k === 'func') { c.error("invalid application of 'sizeof' to a function type", e.at); return poisoned(e.at); }
      return sizeofType(c, t.type, e.at);
    }
  }
}

function sizeofType(c: Checker, t: CType, at: Expr['at']): TExpr {
  const size = sizeOf(t);
  if (size === undefined || !isComplete(t)) {
    c.error(`invalid application of 'sizeof' to incomplete type ${quoteType(t)}`, at);
    return poisoned(at, intType('ullong'));
  }
  return constant(intType('ullong'), BigInt(size), at);
}

function checkIdent(c: Checker, name: string, at: Expr['at']): TExpr {
  if ((name === '__func__' || name === '__FUNCTION__') && c.fn) {
    const bytes = [...new TextEncoder().encode(c.fn.sym.name)];
    return { k: 'ro', id: c.stringId(bytes), type: { kind: 'array', of: withQuals(CHAR, { isConst: true }), len: bytes.length + 1 }, at };
  }
  const s = c.lookup(name);
  if (!s) {
    c.error(`'${name}' undeclared${c.suggest(name, (o) => o.kind !== 'typedef')}`, at);
    return poisoned(at);
  }
  switch (s.kind) {
    case 'local': return { k: 'local', sym: s, type: s.type, at };
    case 'global': return { k: 'global', sym: s, type: s.type, at };
    case 'importData': return { k: 'importData', sym: s, type: s.type, at };
    case 'func': return { k: 'func', fn: s, type: s.type, at };
    case 'enumConst': return constant(INT, s.value, at);
    case 'typedef':
      c.error(`unexpected type name '${name}': expected an expression`, at);
      return poisoned(at);
  }
}

function checkUnary(c: Checker, e: Expr & { kind: 'unary' }): TExpr {
  const operand = checkExpr(c, e.operand);
  if (e.op === '++' || e.op === '--') return checkIncDec(c, operand, true, e.op === '++' ? 1 : -1, e.at);
  if (e.op === '&') {
    if (operand.err) return poisoned(e.at);
    if (operand.k === 'func') return { ...operand, at: e.at };
    if (!isLvalue(operand)) { c.error("lvalue required as unary '&' operand", e.at); return poisoned(e.at); }
    return { k: 'addr', lv: operand, type: ptrTo(operand.type), at: e.at };
  }
  if (e.op === '*') {
    if (operand.k === 'func') return { ...operand, at: e.at };
    const p = value(c, operand);
    if (p.err) return poisoned(e.at);
    if (!isPointer(p.type)) { c.error(`invalid type argument of unary '*' (have ${quoteType(p.type)})`, e.at); return poisoned(e.at); }
    if (p.type.to.kind === 'void') { c.error(`dereferencing ${quoteType(p.type)} pointer`, e.at); return poisoned(e.at); }
    if (p.type.to.kind === 'func') { c.error('calls through function pointers are outside the scenario subset', e.at); return poisoned(e.at); }
    return { k: 'deref', ptr: p, type: p.type.to, at: e.at };
  }
  if (e.op === '!') {
    const v = condition(c, operand);
    if (v.err) return poisoned(e.at);
    if (v.k === 'const') return constant(INT, v.value === 0n ? 1n : 0n, e.at);
    return { k: 'lnot', e: v, type: INT, at: e.at };
  }
  const v = value(c, operand);
  if (v.err) return poisoned(e.at);
  if (!isInteger(v.type)) {
    c.error(`wrong type argument to unary ${e.op === '~' ? 'complement' : e.op === '-' ? 'minus' : 'plus'} (have ${quoteType(v.type)})`, e.at);
    return poisoned(e.at);
  }
  const t = promote(v.type);
  const x = convertInt(v, t);
  if (e.op === '+') return { ...x, at: e.at };
  if (x.k === 'const') return constant(t, e.op === '-' ? -x.value : ~x.value, e.at);
  return { k: e.op === '-' ? 'neg' : 'bnot', e: x, type: t, at: e.at };
}

function checkIndex(c: Checker, e: Expr & { kind: 'index' }): TExpr {
  const base = value(c, checkExpr(c, e.base)), index = value(c, checkExpr(c, e.index));
  if (base.err || index.err) return poisoned(e.at);
  const [p, i] = isPointer(base.type) ? [base, index] : [index, base];
  if (!isPointer(p.type) || !isInteger(i.type)) {
    c.error(isPointer(p.type) ? 'array subscript is not an integer' : 'subscripted value is neither array nor pointer', e.at);
    return poisoned(e.at);
  }
  const sum = ptrArith(c, p, i, false, e.at);
  if (sum.err) return poisoned(e.at);
  return { k: 'deref', ptr: sum, type: (p.type as CType & { kind: 'ptr' }).to, at: e.at };
}

function checkMember(c: Checker, e: Expr & { kind: 'member' }): TExpr {
  let base = checkExpr(c, e.base);
  if (base.err) return poisoned(e.at);
  if (e.arrow) {
    const p = value(c, base);
    if (!isPointer(p.type) || p.type.to.kind !== 'struct') {
      c.error(`invalid type argument of '->' (have ${quoteType(p.type)})`, e.at);
      return poisoned(e.at);
    }
    base = { k: 'deref', ptr: p, type: p.type.to, at: e.base.at };
  } else if (base.type.kind !== 'struct') {
    c.error(`request for member '${e.name}' in something not a structure (${quoteType(base.type)})`, e.at);
    return poisoned(e.at);
  }
  const st = base.type as CType & { kind: 'struct' };
  if (!st.def.complete) { c.error(`invalid use of undefined type ${quoteType(st)}`, e.at); return poisoned(e.at); }
  if (st.def.opaque) {
    c.error(`${quoteType(st)} is an opaque kernel object: its fields belong to the kernel; pass its address to the kernel routines`, e.at);
    return poisoned(e.at);
  }
  const f = st.def.fields.find((x) => x.name === e.name);
  if (!f) {
    const names = st.def.fields.map((x) => x.name);
    const hint = names.length ? c.suggestAmong(e.name, names) : '';
    c.error(`${quoteType(st)} has no member named '${e.name}'${hint}`, e.nameAt);
    return poisoned(e.at);
  }
  if (!isLvalue(base)) { c.error('member access on a struct value that is not stored in an object', e.at); return poisoned(e.at); }
  const q = { isConst: st.isConst, isVolatile: st.isVolatile };
  return { k: 'member', base, offset: f.offset, name: e.name, arrow: e.arrow, type: withQuals(f.type, q), at: e.at };
}

function checkCast(c: Checker, e: Expr & { kind: 'cast' }): TExpr {
  const t = declaratorType(c, resolveSpec(c, e.type.spec), e.type.declarator, 'typename');
  const raw = checkExpr(c, e.operand);
  if (raw.err) return poisoned(e.at, unqual(t));
  if (t.kind === 'void') return { k: 'void', e: value(c, raw), type: t, at: e.at };
  if (raw.k === 'func') {
    c.error(`function pointers are outside the scenario subset: '${raw.fn.name}' cannot be cast`, e.at);
    return poisoned(e.at, unqual(t));
  }
  if (isPointer(t) && t.to.kind === 'func' && !c.isPrelude(e.at)) {
    c.error('function pointers are outside the scenario subset', e.at);
    return poisoned(e.at, unqual(t));
  }
  const v = value(c, raw);
  if (!isScalar(t)) { c.error(`conversion to non-scalar type ${quoteType(t)} requested`, e.at); return poisoned(e.at); }
  if (!isScalar(v.type)) { c.error(`cannot convert ${quoteType(v.type)} to ${quoteType(t)}`, e.at); return poisoned(e.at, unqual(t)); }
  if (isPointer(v.type) && isInteger(t) && (sizeOf(t) ?? 8) < 8) {
    c.warning(`cast from pointer to integer of different size (${quoteType(v.type)} to ${quoteType(t)})`, e.at);
  }
  const r = convertInt(v, t);
  if (r.k === 'const' && isPointer(t) && t.to.kind === 'void' && isInteger(v.type) && v.k === 'const' && v.value === 0n) {
    return { ...r, at: e.at, nullPtr: true, type: unqual(t) };
  }
  const typed = { ...r, type: withAlias(unqual(t), t.alias), at: e.at } as TExpr;
  return r.k === 'const' || r.k === 'conv' ? typed : { k: 'conv', e: v, type: typed.type, at: e.at };
}

function withAlias(t: CType, alias?: string): CType { return alias ? ({ ...t, alias } as CType) : t; }

export { condition };
