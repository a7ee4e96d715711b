/* Generated from web/src/scenario/bytecode/opcodes.ts (a test checks they agree). */
#pragma once
enum {
    OP_NONE = 0,
    OP_PUSH_I32,
    OP_PUSH_I64,
    OP_POP,
    OP_DUP,
    OP_ADDR_LOCAL,
    OP_ADDR_GLOBAL,
    OP_ADDR_RODATA,
    OP_ADDR_IMPORT,
    OP_FUNC_REF,
    OP_LOAD_I8,
    OP_LOAD_U8,
    OP_LOAD_I16,
    OP_LOAD_U16,
    OP_LOAD_I32,
    OP_LOAD_U32,
    OP_LOAD_64,
    OP_STORE_8,
    OP_STORE_16,
    OP_STORE_32,
    OP_STORE_64,
    OP_STOREK_8,
    OP_STOREK_16,
    OP_STOREK_32,
    OP_STOREK_64,
    OP_COPY,
    OP_ZERO,
    OP_SEXT8,
    OP_SEXT16,
    OP_SEXT32,
    OP_ZEXT8,
    OP_ZEXT16,
    OP_ZEXT32,
    OP_ADD_I32,
    OP_ADD_U32,
    OP_ADD_64,
    OP_SUB_I32,
    OP_SUB_U32,
    OP_SUB_64,
    OP_MUL_I32,
    OP_MUL_U32,
    OP_MUL_64,
    OP_DIV_I32,
    OP_DIV_U32,
    OP_DIV_I64,
    OP_DIV_U64,
    OP_REM_I32,
    OP_REM_U32,
    OP_REM_I64,
    OP_REM_U64,
    OP_SHL_I32,
    OP_SHL_U32,
    OP_SHL_64,
    OP_SHR_I32,
    OP_SHR_U32,
    OP_SHR_I64,
    OP_SHR_U64,
    OP_AND,
    OP_OR,
    OP_XOR,
    OP_NEG_I32,
    OP_NEG_U32,
    OP_NEG_64,
    OP_NOT,
    OP_NOT_U32,
    OP_LNOT,
    OP_INDEX,
    OP_EQ,
    OP_NE,
    OP_LT_S,
    OP_LE_S,
    OP_GT_S,
    OP_GE_S,
    OP_LT_U,
    OP_LE_U,
    OP_GT_U,
    OP_GE_U,
    OP_JMP,
    OP_JZ,
    OP_JNZ,
    OP_CALL,
    OP_CALLN,
    OP_CALLNV,
    OP_RET,
    OP_RETV,
    OP_ASSERT_FAIL,
    OP_COUNT
};
/* Operand bytes after the opcode (CALLNV adds n kind bytes). */
static const unsigned char VmOperandBytes[OP_COUNT] = {
    0,
    4, /* PUSH_I32 */
    8, /* PUSH_I64 */
    0, /* POP */
    0, /* DUP */
    4, /* ADDR_LOCAL */
    4, /* ADDR_GLOBAL */
    4, /* ADDR_RODATA */
    2, /* ADDR_IMPORT */
    4, /* FUNC_REF */
    0, /* LOAD_I8 */
    0, /* LOAD_U8 */
    0, /* LOAD_I16 */
    0, /* LOAD_U16 */
    0, /* LOAD_I32 */
    0, /* LOAD_U32 */
    0, /* LOAD_64 */
    0, /* STORE_8 */
    0, /* STORE_16 */
    0, /* STORE_32 */
    0, /* STORE_64 */
    0, /* STOREK_8 */
    0, /* STOREK_16 */
    0, /* STOREK_32 */
    0, /* STOREK_64 */
    4, /* COPY */
    4, /* ZERO */
    0, /* SEXT8 */
    0, /* SEXT16 */
    0, /* SEXT32 */
    0, /* ZEXT8 */
    0, /* ZEXT16 */
    0, /* ZEXT32 */
    0, /* ADD_I32 */
    0, /* ADD_U32 */
    0, /* ADD_64 */
    0, /* SUB_I32 */
    0, /* SUB_U32 */
    0, /* SUB_64 */
    0, /* MUL_I32 */
    0, /* MUL_U32 */
    0, /* MUL_64 */
    0, /* DIV_I32 */
    0, /* DIV_U32 */
    0, /* DIV_I64 */
    0, /* DIV_U64 */
    0, /* REM_I32 */
    0, /* REM_U32 */
    0, /* REM_I64 */
    0, /* REM_U64 */
    0, /* SHL_I32 */
    0, /* SHL_U32 */
    0, /* SHL_64 */
    0, /* SHR_I32 */
    0, /* SHR_U32 */
    0, /* SHR_I64 */
    0, /* SHR_U64 */
    0, /* AND */
    0, /* OR */
    0, /* XOR */
    0, /* NEG_I32 */
    0, /* NEG_U32 */
    0, /* NEG_64 */
    0, /* NOT */
    0, /* NOT_U32 */
    0, /* LNOT */
    4, /* INDEX */
    0, /* EQ */
    0, /* NE */
    0, /* LT_S */
    0, /* LE_S */
    0, /* GT_S */
    0, /* GE_S */
    0, /* LT_U */
    0, /* LE_U */
    0, /* GT_U */
    0, /* GE_U */
    4, /* JMP */
    4, /* JZ */
    4, /* JNZ */
    4, /* CALL */
    2, /* CALLN */
    3, /* CALLNV */
    0, /* RET */
    0, /* RETV */
    4, /* ASSERT_FAIL */
};
