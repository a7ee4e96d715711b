/**
 * The instruction set of the scenario VM: one byte of opcode, then fixed
 * little-endian operands (only CALLNV has a variable tail). Every value slot
 * is 64 bits and holds the value of its C type *normalised*: signed types
 * sign-extended, unsigned types zero-extended, pointers as 64-bit addresses.
 * docs/bytecode.md describes each instruction; this table is the source of
 * truth for the writer, the reader and the disassembler.
 */

export type Operand = 'u8' | 'u16' | 'u32' | 'i32' | 'i64';

export interface OpInfo { code: number; name: string; operands: Operand[]; stack: string }

const table: [string, Operand[], string][] = [
  // Constants and the operand stack
  ['PUSH_I32', ['i32'], '-> v'], ['PUSH_I64', ['i64'], '-> v'], ['POP', [], 'a ->'], ['DUP', [], 'a -> a a'],
  // Addresses
  ['ADDR_LOCAL', ['u32'], '-> addr'], ['ADDR_GLOBAL', ['u32'], '-> addr'], ['ADDR_RODATA', ['u32'], '-> addr'],
  ['ADDR_IMPORT', ['u16'], '-> addr'], ['FUNC_REF', ['u32'], '-> fref'],
  // Memory
  ['LOAD_I8', [], 'addr -> v'], ['LOAD_U8', [], 'addr -> v'], ['LOAD_I16', [], 'addr -> v'], ['LOAD_U16', [], 'addr -> v'],
  ['LOAD_I32', [], 'addr -> v'], ['LOAD_U32', [], 'addr -> v'], ['LOAD_64', [], 'addr -> v'],
  ['STORE_8', [], 'addr v ->'], ['STORE_16', [], 'addr v ->'], ['STORE_32', [], 'addr v ->'], ['STORE_64', [], 'addr v ->'],
  ['STOREK_8', [], 'addr v -> v'], ['STOREK_16', [], 'addr v -> v'], ['STOREK_32', [], 'addr v -> v'], ['STOREK_64', [], 'addr v -> v'],
  ['COPY', ['u32'], 'dst src ->'], ['ZERO', ['u32'], 'dst ->'],
  // Conversions: truncate to N bits, then sign- or zero-extend to 64
  ['SEXT8', [], 'v -> v'], ['SEXT16', [], 'v -> v'], ['SEXT32', [], 'v -> v'],
  ['ZEXT8', [], 'v -> v'], ['ZEXT16', [], 'v -> v'], ['ZEXT32', [], 'v -> v'],
  // Arithmetic: _I32 / _U32 results are normalised for int / unsigned int; _64 for 64-bit types
  ['ADD_I32', [], 'a b -> r'], ['ADD_U32', [], 'a b -> r'], ['ADD_64', [], 'a b -> r'],
  ['SUB_I32', [], 'a b -> r'], ['SUB_U32', [], 'a b -> r'], ['SUB_64', [], 'a b -> r'],
  ['MUL_I32', [], 'a b -> r'], ['MUL_U32', [], 'a b -> r'], ['MUL_64', [], 'a b -> r'],
  ['DIV_I32', [], 'a b -> r'], ['DIV_U32', [], 'a b -> r'], ['DIV_I64', [], 'a b -> r'], ['DIV_U64', [], 'a b -> r'],
  ['REM_I32', [], 'a b -> r'], ['REM_U32', [], 'a b -> r'], ['REM_I64', [], 'a b -> r'], ['REM_U64', [], 'a b -> r'],
  ['SHL_I32', [], 'a n -> r'], ['SHL_U32', [], 'a n -> r'], ['SHL_64', [], 'a n -> r'],
  ['SHR_I32', [], 'a n -> r'], ['SHR_U32', [], 'a n -> r'], ['SHR_I64', [], 'a n -> r'], ['SHR_U64', [], 'a n -> r'],
  ['AND', [], 'a b -> r'], ['OR', [], 'a b -> r'], ['XOR', [], 'a b -> r'],
  ['NEG_I32', [], 'a -> r'], ['NEG_U32', [], 'a -> r'], ['NEG_64', [], 'a -> r'],
  ['NOT', [], 'a -> r'], ['NOT_U32', [], 'a -> r'], ['LNOT', [], 'a -> r'],
  ['INDEX', ['u32'], 'ptr i -> ptr'],
  // Comparisons: 0 or 1
  ['EQ', [], 'a b -> r'], ['NE', [], 'a b -> r'],
  ['LT_S', [], 'a b -> r'], ['LE_S', [], 'a b -> r'], ['GT_S', [], 'a b -> r'], ['GE_S', [], 'a b -> r'],
  ['LT_U', [], 'a b -> r'], ['LE_U', [], 'a b -> r'], ['GT_U', [], 'a b -> r'], ['GE_U', [], 'a b -> r'],
  // Control
  ['JMP', ['u32'], '->'], ['JZ', ['u32'], 'c ->'], ['JNZ', ['u32'], 'c ->'],
  ['CALL', ['u32'], 'args... -> [ret]'], ['CALLN', ['u16'], 'args... -> [ret]'], ['CALLNV', ['u16', 'u8'], 'args... -> [ret]'],
  ['RET', [], '->'], ['RETV', [], 'v ->'],
  ['ASSERT_FAIL', ['u32'], '->'],
];

export const OPS: OpInfo[] = table.map(([name, operands, stack], i) => ({ code: i + 1, name, operands, stack }));
export const OP = Object.fromEntries(OPS.map((o) => [o.name, o.code])) as Record<string, number>;
export const OP_BY_CODE = new Map(OPS.map((o) => [o.code, o]));

export const OPERAND_SIZE: Record<Operand, number> = { u8: 1, u16: 2, u32: 4, i32: 4, i64: 8 };

/** Kinds of native arguments and results (and of a function's parameters). */
export const KIND = {
  VOID: 0, I8: 1, U8: 2, I16: 3, U16: 4, I32: 5, U32: 6, I64: 7, U64: 8, PTR: 9, FUNC: 10, STR: 11,
} as const;
export const KIND_NAMES = Object.fromEntries(Object.entries(KIND).map(([k, v]) => [v, k])) as Record<number, string>;

export const MAGIC = [0x57, 0x44, 0x4b, 0x4d]; // "WDKM"
export const VERSION = { major: 1, minor: 0 };

export const SECTION = { META: 1, FUNCS: 2, IMPORTS: 3, CODE: 4, RODATA: 5, GLOBALS: 6, SRCMAP: 7, SYMBOLS: 8 } as const;
export const RELOC = { GLOBAL: 1, RODATA: 2, FUNC: 3 } as const;
export const NO_FUNCTION = 0xffffffff;
