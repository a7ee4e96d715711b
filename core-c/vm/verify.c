/*++
Module Name: verify.c
Abstract: Bytecode verification before anything runs: every instruction
          decodes inside its function, every operand names something that
          exists, jumps land on instruction starts, and the operand stack
          height is the same on every path, never negative and bounded.
--*/
#include "vmp.h"
#include "opcodes.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ULONG Rd32(const UCHAR *P) { return P[0] | (P[1] << 8) | (P[2] << 16) | ((ULONG)P[3] << 24); }
static ULONG Rd16(const UCHAR *P) { return P[0] | (P[1] << 8); }

/* Pops and pushes of the fixed-effect instructions; -1 marks special ones. */
static void Effect(UCHAR Op, int *Pop, int *Push)
{
    *Pop = 0;
    *Push = 0;
    switch (Op) {
    case OP_PUSH_I32: case OP_PUSH_I64: case OP_ADDR_LOCAL: case OP_ADDR_GLOBAL: case OP_ADDR_RODATA:
    case OP_ADDR_IMPORT: case OP_FUNC_REF: *Push = 1; break;
    case OP_POP: case OP_JZ: case OP_JNZ: case OP_ZERO: case OP_RETV: *Pop = 1; break;
    case OP_DUP: *Pop = 1; *Push = 2; break;
    case OP_STORE_8: case OP_STORE_16: case OP_STORE_32: case OP_STORE_64: case OP_COPY: *Pop = 2; break;
    case OP_JMP: case OP_RET: case OP_ASSERT_FAIL: break;
    case OP_CALL: case OP_CALLN: case OP_CALLNV: *Pop = -1; break;
    default:
        if (Op >= OP_LOAD_I8 && Op <= OP_LOAD_64) { *Pop = 1; *Push = 1; }
        else if (Op >= OP_STOREK_8 && Op <= OP_STOREK_64) { *Pop = 2; *Push = 1; }
        else if ((Op >= OP_SEXT8 && Op <= OP_ZEXT32) || (Op >= OP_NEG_I32 && Op <= OP_LNOT)) { *Pop = 1; *Push = 1; }
        else { *Pop = 2; *Push = 1; }                           /* binary arithmetic, INDEX, comparisons */
        break;
    }
}

static BOOLEAN Bad(CHAR *Error, SIZE_T Size, ULONG Func, ULONG Offset, PCSTR Why)
{
    snprintf(Error, Size, "invalid bytecode in function %u at code offset %u: %s", Func, Offset, Why);
    return FALSE;
}

static BOOLEAN Operands(VM_MODULE *M, const VM_FUNC *F, const UCHAR *I, ULONG Len, CHAR *Error, SIZE_T Size,
                        ULONG Fi, ULONG At, int *Pop, int *Push)
{
    ULONG a = Len >= 5 ? Rd32(I + 1) : 0, n, k;
    const VM_IMPORT *im;
    switch (I[0]) {
    case OP_ADDR_LOCAL: if (a >= F->FrameSize) return Bad(Error, Size, Fi, At, "local outside the frame"); break;
    case OP_ADDR_GLOBAL: if (a > M->GlobalsSize) return Bad(Error, Size, Fi, At, "global outside the image"); break;
    case OP_ADDR_RODATA: if (a > M->RodataSize) return Bad(Error, Size, Fi, At, "rodata outside the image"); break;
    case OP_ADDR_IMPORT:
        a = Rd16(I + 1);
        if (a >= M->ImportCount || !M->Imports[a].IsData) return Bad(Error, Size, Fi, At, "not a data import");
        break;
    case OP_FUNC_REF: if (a >= M->FuncCount) return Bad(Error, Size, Fi, At, "no such function"); break;
    case OP_COPY: case OP_ZERO: if (a > (16u << 20)) return Bad(Error, Size, Fi, At, "block too large"); break;
    case OP_ASSERT_FAIL:
        if (a >= M->RodataSize || memchr(M->Rodata + a, 0, M->RodataSize - a) == NULL)
            return Bad(Error, Size, Fi, At, "assertion text outside rodata");
        break;
    case OP_CALL:
        if (a >= M->FuncCount) return Bad(Error, Size, Fi, At, "no such function");
        *Pop = M->Funcs[a].ParamCount;
        *Push = M->Funcs[a].RetKind != K_VOID;
        break;
    case OP_CALLN: case OP_CALLNV:
        a = Rd16(I + 1);
        if (a >= M->ImportCount || M->Imports[a].IsData) return Bad(Error, Size, Fi, At, "not a routine import");
        im = &M->Imports[a];
        n = I[0] == OP_CALLNV ? I[3] : 0;
        if ((I[0] == OP_CALLNV) != (im->Variadic != 0)) return Bad(Error, Size, Fi, At, "variadic mismatch");
        if (im->ParamCount + n > 24) return Bad(Error, Size, Fi, At, "too many arguments");
        for (k = 0; k < n; k++)
            if (I[4 + k] < K_I8 || I[4 + k] > K_STR) return Bad(Error, Size, Fi, At, "bad argument kind");
        *Pop = (int)(im->ParamCount + n);
        *Push = im->RetKind != K_VOID;
        break;
    case OP_RET: if (F->RetKind != K_VOID) return Bad(Error, Size, Fi, At, "RET in a function with a value"); break;
    case OP_RETV: if (F->RetKind == K_VOID) return Bad(Error, Size, Fi, At, "RETV in a void function"); break;
    default: break;
    }
    return TRUE;
}

static ULONG Length(const UCHAR *I, ULONG Left)
{
    ULONG len;
    if (I[0] == OP_NONE || I[0] >= OP_COUNT)
        return 0;
    len = 1 + VmOperandBytes[I[0]];
    if (I[0] == OP_CALLNV && Left >= 4)
        len += I[3];
    return len <= Left ? len : 0;
}

static BOOLEAN VerifyFunc(VM_MODULE *M, ULONG Fi, CHAR *Error, SIZE_T Size)
{
    const VM_FUNC *f = &M->Funcs[Fi];
    const UCHAR *code = M->Code + f->CodeOffset;
    LONG *height;
    ULONG *work, top = 0, at, len;
    BOOLEAN ok = TRUE;

    if ((ULONG64)f->CodeOffset + f->CodeLength > M->CodeSize || f->CodeLength == 0)
        return Bad(Error, Size, Fi, 0, "code outside the CODE section");
    height = (LONG *)malloc(sizeof(LONG) * f->CodeLength);
    work = (ULONG *)malloc(sizeof(ULONG) * (f->CodeLength + 1));
    if (height == NULL || work == NULL) {
        free(height);
        free(work);
        return Bad(Error, Size, Fi, 0, "out of memory");
    }
    /* -2: not an instruction start; -1: start, not reached yet. */
    for (at = 0; at < f->CodeLength; at++)
        height[at] = -2;
    for (at = 0; at < f->CodeLength && ok; at += len) {
        len = Length(code + at, f->CodeLength - at);
        if (len == 0)
            ok = Bad(Error, Size, Fi, at, "unknown opcode or truncated instruction");
        else
            height[at] = -1;
    }
    if (ok) {
        height[0] = 0;
        work[top++] = 0;
    }
    while (ok && top > 0) {
        const UCHAR *i;
        int pop, push;
        LONG h, next;
        ULONG targets[2], nt = 0, t;
        at = work[--top];
        i = code + at;
        h = height[at];
        len = Length(i, f->CodeLength - at);
        Effect(i[0], &pop, &push);
        if (!Operands(M, f, i, len, Error, Size, Fi, at, &pop, &push)) {
            ok = FALSE;
            break;
        }
        if (h < pop) {
            ok = Bad(Error, Size, Fi, at, "operand stack underflow");
            break;
        }
        next = h - pop + push;
        if (next > VM_MAX_STACK - 8) {
            ok = Bad(Error, Size, Fi, at, "operand stack too deep");
            break;
        }
        if (i[0] == OP_JMP || i[0] == OP_JZ || i[0] == OP_JNZ) {
            ULONG target = Rd32(i + 1);
            if (target < f->CodeOffset || target - f->CodeOffset >= f->CodeLength ||
                height[target - f->CodeOffset] == -2) {
                ok = Bad(Error, Size, Fi, at, "jump outside the function or into an instruction");
                break;
            }
            targets[nt++] = target - f->CodeOffset;
        }
        if (i[0] != OP_JMP && i[0] != OP_RET && i[0] != OP_RETV && i[0] != OP_ASSERT_FAIL) {
            if (at + len >= f->CodeLength) {
                ok = Bad(Error, Size, Fi, at, "execution runs past the end of the function");
                break;
            }
            targets[nt++] = at + len;
        }
        for (t = 0; t < nt; t++) {
            if (height[targets[t]] == -1) {
                height[targets[t]] = next;
                work[top++] = targets[t];
            } else if (height[targets[t]] != next) {
                ok = Bad(Error, Size, Fi, targets[t], "operand stack height differs between paths");
            }
        }
    }
    free(height);
    free(work);
    return ok;
}

BOOLEAN VmVerify(VM_MODULE *Module, CHAR *Error, SIZE_T ErrorSize)
{
    ULONG i;
    for (i = 0; i < Module->RelocCount[0] + Module->RelocCount[1]; i++) {
        int which = i < Module->RelocCount[0] ? 0 : 1;
        ULONG k = which ? i - Module->RelocCount[0] : i;
        ULONG limit = Module->Relocs[which][k].Kind == 3 ? Module->FuncCount :
                      Module->Relocs[which][k].Kind == 2 ? Module->RodataSize + 1 : Module->GlobalsSize + 1;
        if (Module->Relocs[which][k].Target >= limit) {
            snprintf(ErrorSize ? Error : NULL, ErrorSize, "malformed module: relocation target out of range");
            return FALSE;
        }
    }
    for (i = 0; i < Module->FuncCount; i++)
        if (!VerifyFunc(Module, i, Error, ErrorSize))
            return FALSE;
    return TRUE;
}
