/**
 * Conversions made explicit: lvalue to value (with array decay), integer
 * conversions, and conversion "as if by assignment" with the checks gcc
 * -Werror makes for a driver build (int from pointer without a cast,
 * incompatible pointer types, discarded qualifiers). Function names become
 * routine references only where the WDK takes a routine.
 */
import type { SourceRange } from '../diagnostics';
import { type CType, isInteger, isPointer, isScalar, ptrTo, unqual } from '../types/ctype';
import { compatible, keepsQualifiers, wrapTo } from '../types/conv';
import { quoteType } from '../types/print';
import type { Checker } from './checker';
import type { TExpr } from './ir';

export const LVALUE_KINDS = new Set(['local', 'global', 'importData', 'ro', 'deref', 'member']);
export const isLvalue = (e: TExpr): boolean => LVALUE_KINDS.has(e.k);

/** The value of an expression: loads scalars from lvalues, decays arrays to pointers. */
export function value(c: Checker, e: TExpr): TExpr {
  if (!isLvalue(e)) return e;
  const t = e.type;
  if (t.kind === 'array') return { k: 'addr', lv: e, type: ptrTo(t.of), at: e.at, err: e.err };
  if (t.kind === 'struct') {
    if (!t.def.complete && !e.err) c.error(`invalid use of undefined type ${quoteType(t)}`, e.at);
    return e; // a struct value is handled through its address (copies, initialisers)
  }
  if (t.kind === 'void') {
    if (!e.err) c.error("invalid use of void expression", e.at);
    return { ...e, err: true };
  }
  return { k: 'load', lv: e, type: unqual(t), at: e.at, err: e.err };
}

/** Integer (or pointer) conversion to `to`, folded when constant. */
export function convertInt(e: TExpr, to: CType): TExpr {
  const target = unqual(to);
  if (e.k === 'const' && isInteger(target)) return { ...e, type: target, value: wrapTo(target, e.value), nullPtr: undefined };
  if (e.k === 'const' && isPointer(target)) return { ...e, type: target, value: BigInt.asUintN(64, e.value) };
  if (sameRepr(e.type, target)) return { ...e, type: target } as TExpr;
  return { k: 'conv', e, type: target, at: e.at, err: e.err };
}

function sameRepr(a: CType, b: CType): boolean {
  if (isPointer(a) && isPointer(b)) return true;
  return isInteger(a) && isInteger(b) && compatible(unqual(a), unqual(b), true);
}

export function isNullPointerConstant(e: TExpr): boolean {
  if (e.k !== 'const' || e.value !== 0n) return false;
  return isInteger(e.type) || (e.nullPtr === true && isPointer(e.type));
}

export interface AssignContext {
  /** How gcc names the conversion: "assignment to 'x'", "passing argument 2 of 'f'", "initialization of 'y'", "return". */
  what: string;
  /** A function name may become a routine reference here (a kernel routine's argument, DriverUnload). */
  routine?: boolean;
}

/** Converts a value (or function designator) for storing in an object of type `target`. */
export function assignConvert(c: Checker, e: TExpr, target: CType, ctx: AssignContext, at: SourceRange = e.at): TExpr {
  if (e.err) return { ...e, type: unqual(target) };
  const t = unqual(target);
  if (e.k === 'func') return routineRef(c, e, t, ctx, at);
  const s = e.type;
  const fail = (msg: string): TExpr => { c.error(msg, at); return { ...e, type: t, err: true }; };
  if (isInteger(t) && isInteger(s)) return convertInt(e, t);
  if (isInteger(t) && isPointer(s)) return fail(`${ctx.what} makes integer from pointer without a cast (${quoteType(target)} from ${quoteType(s)})`);
  if (isPointer(t) && isInteger(s)) {
    if (isNullPointerConstant(e)) return { k: 'const', type: t, value: 0n, nullPtr: true, at: e.at };
    return fail(`${ctx.what} makes pointer from integer without a cast (${quoteType(target)} from ${quoteType(s)})`);
  }
  if (isPointer(t) && isPointer(s)) {
    const tf = t.to.kind === 'func', sf = s.to.kind === 'func';
    const voidOk = (t.to.kind === 'void' && !sf) || (s.to.kind === 'void' && !tf);
    if (!voidOk && !compatible(t.to, s.to, true)) {
      return fail(`${ctx.what} from incompatible pointer type: expected ${quoteType(target)} but got ${quoteType(s)}`);
    }
    if (e.k === 'addr' && e.lv.k === 'ro' && !t.to.isConst) {
      return fail(`${ctx.what}: a string literal can only be a 'const char *' value (PCSTR), since it is read-only`);
    }
    if (!keepsQualifiers(s.to, t.to)) {
      const q = s.to.isConst && !t.to.isConst ? 'const' : 'volatile';
      return fail(`${ctx.what} discards '${q}' qualifier from pointer target type`);
    }
    return convertInt(e, t);
  }
  if (t.kind === 'struct' && s.kind === 'struct') {
    if (t.def !== s.def) return fail(`incompatible types in ${ctx.what}: ${quoteType(target)} from ${quoteType(s)}`);
    if (t.def.opaque) return fail(`${quoteType(t)} is a kernel object and cannot be copied; pass its address`);
    return e;
  }
  if (t.kind === 'void') return fail(`${ctx.what}: cannot convert to 'void'`);
  if (!isScalar(s) && s.kind !== 'struct') return fail(`${ctx.what}: invalid use of ${quoteType(s)}`);
  return fail(`incompatible types in ${ctx.what}: ${quoteType(target)} from ${quoteType(s)}`);
}

function routineRef(c: Checker, e: TExpr & { k: 'func' }, t: CType, ctx: AssignContext, at: SourceRange): TExpr {
  const fn = e.fn;
  const bad = (msg: string): TExpr => { c.error(msg, at); return { k: 'const', type: t, value: 0n, at: e.at, err: true }; };
  if (!(isPointer(t) && t.to.kind === 'func') || !ctx.routine) {
    return bad(`function pointers are outside the scenario subset: '${fn.name}' can only be called, passed as a routine to PsCreateSystemThread or KeInitializeDpc, or stored in DriverObject->DriverUnload`);
  }
  if (fn.native) return bad(`'${fn.name}' is a kernel routine; only a function defined in the scenario can be passed as a routine`);
  if (!compatible(t.to, fn.type, true)) {
    return bad(`${ctx.what} from incompatible pointer type: expected ${quoteType(t)} but '${fn.name}' has type ${quoteType(fn.type)}`);
  }
  fn.used ??= at;
  return { k: 'funcRef', fn, type: t, at: e.at };
}

/** The value of a controlling expression (if, while, for, ?:, &&, ||, !): any scalar. */
export function condition(c: Checker, e: TExpr): TExpr {
  const v = value(c, e);
  if (v.err) return v;
  if (v.k === 'func') { c.error(`the address of '${v.fn.name}' will always evaluate as 'true'; function pointers are outside the scenario subset`, v.at); return { ...v, err: true } as TExpr; }
  if (!isScalar(v.type)) { c.error(`used ${quoteType(v.type)} where a scalar is required`, v.at); return { ...v, err: true }; }
  return v;
}
