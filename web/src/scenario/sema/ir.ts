/**
 * The checked program: every name bound to its symbol, every expression
 * typed, every implicit conversion made explicit (lvalue loads, array decay,
 * integer conversions). Code generation reads only this, so it never has to
 * know a C rule.
 */
import type { SourceRange } from '../diagnostics';
import type { CType } from '../types/ctype';

export type At = SourceRange;

export interface LocalSym { kind: 'local'; name: string; type: CType; offset: number; at: At }
export interface GlobalSym {
  kind: 'global'; name: string; type: CType; at: At;
  /** Offset in the globals image; set by data layout. */
  offset: number;
  init: StaticInit[];
  /** A static local's name is shown as `Function.name`. */
  displayName: string;
}
/** A kernel variable the scenario reads (PsThreadType): its address comes from the VM. */
export interface ImportDataSym { kind: 'importData'; name: string; type: CType; at: At }
export interface FuncSym {
  kind: 'func'; name: string; type: CType & { kind: 'func' }; at: At;
  /** Declared in a WDK header: a call goes to the kernel/wdkm import of that name. */
  native: boolean;
  def?: FuncDef;
  /** Used as a thread/DPC/unload routine or called: must be defined. */
  used?: At;
}
export interface FuncDef { params: LocalSym[]; body: TStmt[]; frameSize: number; endAt: At }

/** Read-only data the program refers to: string literals and WDKM_TYPE descriptors. */
export type RoItem = { kind: 'string'; bytes: number[] } | { kind: 'typeInfo'; name: string; size: number };

/** One piece of a static object's initial image. */
export type StaticInit =
  | { kind: 'int'; offset: number; size: number; value: bigint }
  | { kind: 'bytes'; offset: number; bytes: number[] }
  | { kind: 'addr'; offset: number; target: AddrTarget; addend: number };
export type AddrTarget =
  | { kind: 'global'; sym: GlobalSym }
  | { kind: 'ro'; id: number }
  | { kind: 'func'; fn: FuncSym };

export type BinOp =
  | 'add' | 'sub' | 'mul' | 'div' | 'rem' | 'shl' | 'shr' | 'and' | 'or' | 'xor'
  | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

/** `err`: already diagnosed; checks on it stay silent so one mistake gives one message. */
interface E { type: CType; at: At; err?: boolean }
export type TExpr = E & (
  | { k: 'const'; value: bigint; nullPtr?: boolean }
  /** Lvalues: a designation of an object, not its value. */
  | { k: 'local'; sym: LocalSym }
  | { k: 'global'; sym: GlobalSym }
  | { k: 'importData'; sym: ImportDataSym }
  | { k: 'ro'; id: number }
  | { k: 'deref'; ptr: TExpr }
  /** `name`: the field, for the names views give objects (`Ctx->Lock`). */
  | { k: 'member'; base: TExpr; offset: number; name?: string; arrow?: boolean }
  /** A function designator (only ever called or turned into a routine reference). */
  | { k: 'func'; fn: FuncSym }
  /** Rvalues. */
  | { k: 'load'; lv: TExpr }
  | { k: 'addr'; lv: TExpr }
  | { k: 'funcRef'; fn: FuncSym }
  /** Integer-to-integer (or pointer) conversion from `e.type` to `type`. */
  | { k: 'conv'; e: TExpr }
  | { k: 'neg' | 'bnot' | 'lnot'; e: TExpr }
  /** Both operands already converted to `opType`; comparisons have type int. */
  | { k: 'bin'; op: BinOp; l: TExpr; r: TExpr; opType: CType }
  /** Pointer plus or minus an integer (converted to 64 bits), scaled by the element size. */
  | { k: 'ptrAdd'; ptr: TExpr; idx: TExpr; scale: number; negate: boolean }
  | { k: 'ptrDiff'; l: TExpr; r: TExpr; scale: number }
  | { k: 'logic'; op: 'and' | 'or'; l: TExpr; r: TExpr }
  | { k: 'cond'; c: TExpr; a: TExpr; b: TExpr }
  | { k: 'comma'; l: TExpr; r: TExpr }
  /** `lv = rhs`: rhs already converted to the lvalue's type; a struct assignment copies. */
  | { k: 'assign'; lv: TExpr; rhs: TExpr }
  /** `lv op= rhs`: computed in `opType`, converted back. For pointers, `scale` is set. */
  | { k: 'compound'; lv: TExpr; op: BinOp; rhs: TExpr; opType: CType; scale?: number }
  /** ++/--: `delta` is +1 or -1, times `scale` (the element size for pointers, 1 otherwise). */
  | { k: 'incdec'; lv: TExpr; pre: boolean; delta: 1 | -1; scale: number }
  | { k: 'call'; fn: FuncSym; args: TExpr[] }
  | { k: 'typeInfo'; id: number }
  | { k: 'assert'; cond: TExpr; text: string; textId: number }
  /** An expression evaluated for its side effects only (a cast to void). */
  | { k: 'void'; e: TExpr }
);

export interface SwitchInfo { cases: { value: bigint; at: At }[]; hasDefault: boolean; temp: LocalSym }

export type TStmt =
  | { k: 'expr'; e: TExpr; at: At }
  | { k: 'block'; items: TStmt[]; at: At }
  /** Initialises a local: zero the whole object first when `zero`, then the stores. */
  | { k: 'init'; sym: LocalSym; zero: boolean; stores: { offset: number; type: CType; e: TExpr }[]; at: At }
  | { k: 'if'; c: TExpr; then: TStmt; else?: TStmt; at: At }
  | { k: 'while'; c: TExpr; body: TStmt; at: At }
  | { k: 'do'; body: TStmt; c: TExpr; at: At }
  | { k: 'for'; init: TStmt[]; c?: TExpr; step?: TExpr; body: TStmt; at: At }
  | { k: 'switch'; value: TExpr; info: SwitchInfo; body: TStmt; at: At }
  | { k: 'case'; info: SwitchInfo; index: number; body: TStmt; at: At }
  | { k: 'default'; info: SwitchInfo; body: TStmt; at: At }
  | { k: 'break'; at: At }
  | { k: 'continue'; at: At }
  | { k: 'return'; value?: TExpr; at: At };

export interface CheckedProgram {
  functions: FuncSym[];
  globals: GlobalSym[];
  ro: RoItem[];
  driverEntry?: FuncSym;
}
