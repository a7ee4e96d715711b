/** How C types map to VM value kinds, load/store widths and conversion instructions. */
import { KIND } from '../bytecode/opcodes';
import { type CType, INT_INFO, intKindOf, isInteger, isPointer, sizeOf } from '../types/ctype';
import { typeName } from '../types/print';
import type { FuncSym, ImportDataSym } from '../sema/ir';

export function kindOf(t: CType): number {
  if (t.kind === 'void') return KIND.VOID;
  if (isPointer(t)) {
    if (t.to.kind === 'func') return KIND.FUNC;
    if (t.to.kind === 'int' && t.to.ik === 'char') return KIND.STR;
    return KIND.PTR;
  }
  if (isInteger(t)) {
    const i = INT_INFO[intKindOf(t)];
    const base = { 1: KIND.I8, 2: KIND.I16, 4: KIND.I32, 8: KIND.I64 }[i.size];
    return i.signed ? base : base + 1;
  }
  // An 8-byte union a kernel routine takes by value (LARGE_INTEGER) travels as its 64 bits.
  if (t.kind === 'struct' && sizeOf(t) === 8) return KIND.I64;
  throw new Error(`no value kind for ${t.kind}`);
}

/** Width and signedness of a scalar's value in memory. */
export function scalarShape(t: CType): { size: number; signed: boolean } {
  if (isInteger(t)) { const i = INT_INFO[intKindOf(t)]; return { size: i.size, signed: i.signed }; }
  return { size: 8, signed: false };
}

export function loadOp(t: CType): string {
  const { size, signed } = scalarShape(t);
  return size === 8 ? 'LOAD_64' : `LOAD_${signed ? 'I' : 'U'}${size * 8}`;
}
export function storeOp(t: CType, keep: boolean): string {
  return `${keep ? 'STOREK' : 'STORE'}_${scalarShape(t).size * 8}`;
}

/** The instruction that turns a normalised `from` value into a normalised `to` value, if any. */
export function convOp(from: CType, to: CType): string | undefined {
  const a = scalarShape(from), b = scalarShape(to);
  if (b.size === 8) return undefined;
  if (a.size === b.size && a.signed === b.signed) return undefined;
  if (a.size < b.size && (!a.signed || b.signed)) return undefined;
  return `${b.signed ? 'SEXT' : 'ZEXT'}${b.size * 8}`;
}

/** Arithmetic instruction suffix for an operation computed in type t. */
export function arithSuffix(t: CType): '_I32' | '_U32' | '_64' {
  const { size, signed } = scalarShape(t);
  return size === 8 ? '_64' : signed ? '_I32' : '_U32';
}
export function isSignedType(t: CType): boolean { return scalarShape(t).signed; }

export function signature(fn: FuncSym): string {
  const t = fn.type;
  const ps = t.params.length === 0 && !t.variadic ? 'VOID'
    : t.params.map((p) => withName(typeName(p.type), p.name)).concat(t.variadic ? ['...'] : []).join(', ');
  return `${typeName(t.ret)} ${fn.name}(${ps})`;
}
export function dataSignature(d: ImportDataSym): string { return `extern ${withName(typeName(d.type), d.name)}`; }

/** `PVOID *` + `Data` is `PVOID *Data`, as C is written. */
function withName(type: string, name?: string): string {
  if (!name) return type;
  return type.endsWith('*') ? `${type}${name}` : `${type} ${name}`;
}
export const sizeOrZero = (t: CType): number => sizeOf(t) ?? 0;
