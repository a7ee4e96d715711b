/**
 * Pointer arithmetic (scaled by the element size, as C requires) and the
 * increment/decrement operators, with the modifiable-lvalue checks.
 */
import type { SourceRange } from '../diagnostics';
import { type CType, intType, isComplete, isInteger, isPointer, isScalar, sizeOf, unqual } from '../types/ctype';
import { isSigned } from '../types/conv';
import { quoteType } from '../types/print';
import type { Checker } from './checker';
import { convertInt, isLvalue } from './convert';
import { poisoned } from './fold';
import type { TExpr } from './ir';

/** The element size for arithmetic on pointer type `p`, or undefined after an error. */
export function elementSize(c: Checker, p: CType, at: SourceRange): number | undefined {
  if (!isPointer(p)) return undefined;
  if (p.to.kind === 'void') { c.error(`pointer of type ${quoteType(p)} used in arithmetic`, at); return undefined; }
  if (p.to.kind === 'func') { c.error('arithmetic on function pointers is outside the scenario subset', at); return undefined; }
  if (!isComplete(p.to)) { c.error(`arithmetic on a pointer to an incomplete type ${quoteType(p.to)}`, at); return undefined; }
  return sizeOf(p.to);
}

/** `ptr + idx` or `ptr - idx`; the index goes to 64 bits keeping its signedness. */
export function ptrArith(c: Checker, ptr: TExpr, idx: TExpr, negate: boolean, at: SourceRange): TExpr {
  const scale = elementSize(c, ptr.type, at);
  if (scale === undefined) return poisoned(at);
  const wide = convertInt(idx, intType(isSigned(idx.type) ? 'llong' : 'ullong'));
  return { k: 'ptrAdd', ptr, idx: wide, scale, negate, type: unqual(ptr.type), at };
}

/** Why `lv` cannot be assigned to, or undefined when it can. */
export function notModifiable(e: TExpr): string | undefined {
  if (!isLvalue(e) || e.k === 'ro') return 'lvalue required';
  if (e.type.kind === 'array') return 'assignment to expression with array type';
  if (e.type.isConst) {
    const name = e.k === 'local' || e.k === 'global' ? e.sym.name : undefined;
    return name ? `assignment of read-only variable '${name}'` : 'assignment of read-only location';
  }
  if (e.type.kind === 'struct' && e.type.def.fields.some((f) => f.type.isConst)) return 'assignment of read-only members';
  return undefined;
}

export function checkIncDec(c: Checker, lv: TExpr, pre: boolean, delta: 1 | -1, at: SourceRange): TExpr {
  if (lv.err) return poisoned(at);
  const op = delta === 1 ? 'increment' : 'decrement';
  const why = notModifiable(lv);
  if (why) {
    c.error(why === 'lvalue required' ? `lvalue required as ${op} operand` : why.replace('assignment', op), at);
    return poisoned(at);
  }
  if (!isScalar(lv.type)) { c.error(`wrong type argument to ${op} (have ${quoteType(lv.type)})`, at); return poisoned(at); }
  let scale = 1;
  if (isPointer(lv.type)) {
    const s = elementSize(c, lv.type, at);
    if (s === undefined) return poisoned(at);
    scale = s;
  } else if (!isInteger(lv.type)) return poisoned(at);
  return { k: 'incdec', lv, pre, delta, scale, type: unqual(lv.type), at };
}
