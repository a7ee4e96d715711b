/**
 * Calls: to functions of the scenario and to the kernel/wdkm surface, checked
 * against the prelude's signatures as gcc -Werror would for the driver build.
 * Also the prelude's builtins: `__wdkm_assert` (ASSERT) and
 * `__wdkm_type_info` (WDKM_TYPE).
 */
import type { Expr } from '../parse/ast';
import { type CType, INT, isInteger, isPointer, LLONG, ptrTo, withQuals } from '../types/ctype';
import { promote } from '../types/conv';
import { quoteType } from '../types/print';
import type { Checker } from './checker';
import { assignConvert, condition, convertInt, isLvalue, value } from './convert';
import { checkExpr } from './expr';
import { poisoned } from './fold';
import { checkFormat } from './format';
import type { TExpr } from './ir';

export function checkCall(c: Checker, e: Expr & { kind: 'call' }): TExpr {
  if (e.callee.kind === 'ident') {
    if (e.callee.name === '__wdkm_assert') return checkAssert(c, e);
    if (e.callee.name === '__wdkm_type_info') return checkTypeInfo(c, e);
    if (!c.lookup(e.callee.name)) {
      c.error(`implicit declaration of function '${e.callee.name}'${c.suggest(e.callee.name, (o) => o.kind === 'func')}`, e.callee.at);
      e.args.forEach((a) => checkExpr(c, a));
      return poisoned(e.at);
    }
  }
  const callee = checkExpr(c, e.callee);
  if (callee.err) { e.args.forEach((a) => checkExpr(c, a)); return poisoned(e.at); }
  if (callee.k !== 'func') {
    const t = callee.type;
    c.error(isPointer(t) && t.to.kind === 'func'
      ? 'calls through function pointers are outside the scenario subset; call the function by name'
      : `called object is not a function (it has type ${quoteType(t)})`, e.callee.at);
    return poisoned(e.at);
  }
  const fn = callee.fn;
  const ft = fn.type;
  const fixed = ft.params.length;
  if (e.args.length < fixed || (!ft.variadic && e.args.length > fixed)) {
    c.error(`too ${e.args.length < fixed ? 'few' : 'many'} arguments to function '${fn.name}' (expected ${ft.variadic ? 'at least ' : ''}${fixed}, have ${e.args.length})`, e.at);
    e.args.forEach((a) => checkExpr(c, a));
    return poisoned(e.at, ft.ret);
  }
  let bad = false;
  const args = e.args.map((a, i) => {
    const raw = checkExpr(c, a);
    if (i < fixed) {
      const param = ft.params[i].type;
      if (fn.native && param.kind === 'struct') return structByValue(c, raw, param, fn.name, i);
      const v = raw.k === 'func' ? raw : value(c, raw);
      const pname = ft.params[i].name ? ` ('${ft.params[i].name}')` : '';
      const r = assignConvert(c, v, ft.params[i].type, { what: `passing argument ${i + 1}${pname} of '${fn.name}'`, routine: fn.native }, a.at);
      bad ||= !!r.err;
      return r;
    }
    const r = variadicArg(c, raw);
    bad ||= !!r.err;
    return r;
  });
  if (fn.name === 'DbgPrint' && fn.native && !bad) checkFormat(c, e.args[0], args);
  fn.used ??= e.callee.at;
  if (bad) return poisoned(e.at, ft.ret);
  return { k: 'call', fn, args, type: ft.ret, at: e.at };
}

/** A kernel routine that takes an 8-byte union by value (KeSetTimer's
    LARGE_INTEGER DueTime) gets its 64 bits, read from the argument's storage. */
function structByValue(c: Checker, raw: TExpr, param: CType & { kind: 'struct' }, name: string, i: number): TExpr {
  if (raw.err) return raw;
  if (raw.type.kind !== 'struct' || raw.type.def !== param.def || !isLvalue(raw)) {
    c.error(`passing argument ${i + 1} of '${name}': expected ${quoteType(param)}, have ${quoteType(raw.type)}`, raw.at);
    return { ...raw, err: true };
  }
  const word = { k: 'deref', ptr: { k: 'addr', lv: raw, type: ptrTo(LLONG), at: raw.at }, type: LLONG, at: raw.at } as TExpr;
  return { k: 'load', lv: word, type: LLONG, at: raw.at };
}

/** The default argument promotions for `...`: narrow integers to int; arrays decay. */
function variadicArg(c: Checker, raw: TExpr): TExpr {
  if (raw.err) return raw;
  if (raw.k === 'func') {
    c.error(`function pointers are outside the scenario subset: '${raw.fn.name}' cannot be passed to a variadic function`, raw.at);
    return { ...raw, err: true };
  }
  const v = value(c, raw);
  if (isInteger(v.type)) {
    const p = promote(v.type);
    return p.kind === 'int' && v.type.kind === 'int' && p.ik === v.type.ik ? v : convertInt(v, p);
  }
  if (isPointer(v.type)) return v;
  c.error(`passing ${quoteType(v.type)} to a variadic function is outside the scenario subset`, v.at);
  return { ...v, err: true };
}

function checkAssert(c: Checker, e: Expr & { kind: 'call' }): TExpr {
  const [cond, text] = e.args;
  if (!cond || text?.kind !== 'string' || e.args.length !== 2) {
    c.error('ASSERT takes one expression', e.at);
    return poisoned(e.at);
  }
  const v = condition(c, checkExpr(c, cond));
  if (v.err) return poisoned(e.at);
  return { k: 'assert', cond: v, text: new TextDecoder().decode(new Uint8Array(text.bytes)), textId: c.stringId(text.bytes), type: INT, at: e.at };
}

function checkTypeInfo(c: Checker, e: Expr & { kind: 'call' }): TExpr {
  const [name, size] = e.args;
  const info = c.lookup('WDKM_TYPE_INFO');
  if (e.args.length !== 2 || name.kind !== 'string' || size.kind !== 'sizeofType' || info?.kind !== 'typedef') {
    c.error('WDKM_TYPE takes one type name, as in WDKM_TYPE(ULONG)', e.at);
    return poisoned(e.at);
  }
  const s = checkExpr(c, size);
  if (s.err || s.k !== 'const') return poisoned(e.at);
  const spelled = new TextDecoder().decode(new Uint8Array(name.bytes));
  const id = c.typeInfoId(spelled, Number(s.value));
  const type: CType = ptrTo(withQuals(info.type, { isConst: true }));
  return { k: 'typeInfo', id, type, at: e.at };
}
