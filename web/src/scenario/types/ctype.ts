/**
 * C types in the x64 Windows driver model (LLP64): char 1, short 2, int 4,
 * long 4, long long 8, pointers 8. A type may carry the typedef name it was
 * written with (`alias`) so messages say 'PVOID' {aka 'void *'}, as gcc does;
 * the alias never affects compatibility.
 */

export type IntKind =
  | 'char' | 'schar' | 'uchar' | 'short' | 'ushort' | 'int' | 'uint' | 'long' | 'ulong' | 'llong' | 'ullong';

export interface IntInfo { size: 1 | 2 | 4 | 8; signed: boolean; rank: number; spelling: string }

export const INT_INFO: Record<IntKind, IntInfo> = {
  char: { size: 1, signed: true, rank: 1, spelling: 'char' },
  schar: { size: 1, signed: true, rank: 1, spelling: 'signed char' },
  uchar: { size: 1, signed: false, rank: 1, spelling: 'unsigned char' },
  short: { size: 2, signed: true, rank: 2, spelling: 'short int' },
  ushort: { size: 2, signed: false, rank: 2, spelling: 'short unsigned int' },
  int: { size: 4, signed: true, rank: 3, spelling: 'int' },
  uint: { size: 4, signed: false, rank: 3, spelling: 'unsigned int' },
  long: { size: 4, signed: true, rank: 4, spelling: 'long int' },
  ulong: { size: 4, signed: false, rank: 4, spelling: 'long unsigned int' },
  llong: { size: 8, signed: true, rank: 5, spelling: 'long long int' },
  ullong: { size: 8, signed: false, rank: 5, spelling: 'long long unsigned int' },
};

export interface Quals { isConst?: boolean; isVolatile?: boolean }

export interface Field { name: string; type: CType; offset: number }

export interface StructDef {
  tag?: string;
  isUnion: boolean;
  complete: boolean;
  fields: Field[];
  size: number;
  align: number;
  /** A kernel object whose insides belong to the kernel: no member access. */
  opaque: boolean;
  /** A unique number, so two same-tag structs in different scopes stay distinct. */
  id: number;
}

export interface EnumDef { tag?: string; complete: boolean; underlying: 'int' | 'uint'; id: number }

export interface FuncParam { name?: string; type: CType }

interface Base extends Quals { alias?: string }
export type CType =
  | (Base & { kind: 'void' })
  | (Base & { kind: 'int'; ik: IntKind })
  | (Base & { kind: 'enum'; def: EnumDef })
  | (Base & { kind: 'ptr'; to: CType })
  | (Base & { kind: 'array'; of: CType; len?: number })
  | (Base & { kind: 'struct'; def: StructDef })
  | (Base & { kind: 'func'; ret: CType; params: FuncParam[]; variadic: boolean; noreturn?: boolean });

export const VOID: CType = { kind: 'void' };
export const intType = (ik: IntKind): CType => ({ kind: 'int', ik });
export const INT = intType('int');
export const UINT = intType('uint');
export const LONG = intType('long');
export const CHAR = intType('char');
export const LLONG = intType('llong');
/** size_t and SIZE_T: the type of sizeof. */
export const SIZE_T: CType = { kind: 'int', ik: 'ullong', alias: 'SIZE_T' };
/** ptrdiff_t: the type of a pointer difference. */
export const PTRDIFF_T: CType = { kind: 'int', ik: 'llong' };
export const ptrTo = (to: CType, q: Quals = {}): CType => ({ kind: 'ptr', to, ...q });

export const isInteger = (t: CType): boolean => t.kind === 'int' || t.kind === 'enum';
export const isPointer = (t: CType): t is CType & { kind: 'ptr' } => t.kind === 'ptr';
export const isScalar = (t: CType): boolean => isInteger(t) || t.kind === 'ptr';
export const isFuncPtr = (t: CType): boolean => t.kind === 'ptr' && t.to.kind === 'func';
export const isVoid = (t: CType): boolean => t.kind === 'void';

/** The integer kind behind an integer or enum type. */
export function intKindOf(t: CType): IntKind {
  if (t.kind === 'int') return t.ik;
  if (t.kind === 'enum') return t.def.underlying;
  throw new Error(`not an integer type: ${t.kind}`);
}
export const intInfo = (t: CType): IntInfo => INT_INFO[intKindOf(t)];

/** The same type without qualifiers (values are unqualified); a qualified alias goes too, as it names the qualifiers. */
export function unqual(t: CType): CType {
  if (!t.isConst && !t.isVolatile) return t;
  const { isConst: _c, isVolatile: _v, alias: _a, ...rest } = t;
  void _c; void _v; void _a;
  return rest as CType;
}

export function withQuals(t: CType, q: Quals): CType {
  if (!q.isConst && !q.isVolatile) return t;
  return { ...t, isConst: t.isConst || q.isConst, isVolatile: t.isVolatile || q.isVolatile } as CType;
}

export function withAlias(t: CType, alias: string): CType { return { ...t, alias } as CType; }

export function sizeOf(t: CType): number | undefined {
  switch (t.kind) {
    case 'int': return INT_INFO[t.ik].size;
    case 'enum': return t.def.complete ? 4 : undefined;
    case 'ptr': return 8;
    case 'array': { const e = sizeOf(t.of); return t.len === undefined || e === undefined ? undefined : e * t.len; }
    case 'struct': return t.def.complete ? t.def.size : undefined;
    default: return undefined;
  }
}

export function alignOf(t: CType): number {
  switch (t.kind) {
    case 'int': return INT_INFO[t.ik].size;
    case 'enum': return 4;
    case 'ptr': return 8;
    case 'array': return alignOf(t.of);
    case 'struct': return t.def.align;
    default: return 1;
  }
}

export function isComplete(t: CType): boolean { return t.kind !== 'void' && t.kind !== 'func' && sizeOf(t) !== undefined; }
