/*++
Module Name: interp.c
Abstract: The interpreter: one C call per scenario call, an operand stack of
          64-bit slots, frames on the thread's guest stack. The bytecode was
          verified at load, so the loop trusts operand indices and stack
          heights; every memory access is still checked at run time.
--*/
#include "vmp.h"
#include "opcodes.h"
#include <string.h>

#define STATUS_INTEGER_DIVIDE_BY_ZERO ((NTSTATUS)0xC0000094L)
#define STATUS_INTEGER_OVERFLOW       ((NTSTATUS)0xC0000095L)

static ULONG U32At(const UCHAR *P) { ULONG v; memcpy(&v, P, 4); return v; }   /* hosts are little-endian */
static USHORT U16At(const UCHAR *P) { USHORT v; memcpy(&v, P, 2); return v; }

ULONG64 VmNormalise(ULONG64 V, UCHAR Kind)
{
    switch (Kind) {
    case K_I8: return (ULONG64)(LONG64)(CHAR)V;
    case K_U8: return V & 0xFF;
    case K_I16: return (ULONG64)(LONG64)(SHORT)V;
    case K_U16: return V & 0xFFFF;
    case K_I32: return (ULONG64)(LONG64)(LONG)V;
    case K_U32: return V & 0xFFFFFFFFull;
    default: return V;
    }
}

static DECLSPEC_NORETURN VOID DivideError(NTSTATUS Status)
{
    VmFlushSteps();
    EmuSetLocation(VmS.Module->Locs[VmS.Pc]);
    EmuBugCheck(0x1E, (ULONG64)(LONG64)Status, 0xFFFFF80150000000ull + VmS.Pc, 0, 0);
}

__attribute__((noinline)) static VOID CallNative(const VM_IMPORT *Im, ULONG64 *Stack, int *Sp, const UCHAR *Kinds, ULONG Extra)
{
    VM_CALL call;
    ULONG n = Im->ParamCount + Extra, i;
    *Sp -= (int)n;
    for (i = 0; i < n; i++) {
        call.Args[i] = Stack[*Sp + (int)i];
        call.Kinds[i] = i >= Im->ParamCount ? Kinds[i - Im->ParamCount] : K_I64;
    }
    call.Count = n;
    call.Ret = 0;
    VmFlushSteps();
    EmuSetLocation(VmS.Module->Locs[VmS.Pc]);
    Im->Native->Thunk(&call);
    if (Im->Native->Wdkm && (ULONG)call.Ret != WDKM_OK)
        EmuTraceWdkmError((ULONG)call.Ret);
    if (Im->RetKind != K_VOID)
        Stack[(*Sp)++] = VmNormalise(call.Ret, Im->RetKind);
}

ULONG64 VmCall(ULONG Func, const ULONG64 *Args, ULONG Count)
{
    VM_MODULE *m = VmS.Module;
    VM_THREAD *t = VmCurrentThread();
    const VM_FUNC *f = &m->Funcs[Func];
    const UCHAR *code = m->Code;
    ULONG64 s[VM_MAX_STACK], frame, a, b, result = 0;
    ULONG frameBytes = (f->FrameSize + 15) & ~15u, pc = f->CodeOffset, i;
    int sp = 0;
    UCHAR *host;

    if (t->Depth >= VM_MAX_DEPTH || t->Sp + frameBytes > t->Stack.Base + t->Stack.Size)
    {
        VmFlushSteps();
        EmuSetLocation(m->Locs[VmS.Pc]);          /* the call that overflowed */
        EmuBugCheck(0x7F, 8, 0, 0, 0);            /* UNEXPECTED_KERNEL_MODE_TRAP: double fault (stack overflow) */
    }
    frame = t->Sp;
    t->Sp += frameBytes;
    if (t->Sp - t->Stack.Base > t->Stack.Dirty)
        t->Stack.Dirty = t->Sp - t->Stack.Base;      /* the frame is cleared below */
    t->Depth++;
    host = t->Stack.Host + (frame - t->Stack.Base);
    memset(host, 0, frameBytes);
    for (i = 0; i < f->ParamCount && i < Count; i++) {
        ULONG64 v = Args[i];
        ULONG k, bytes = VmKindBytes(f->ParamKind[i]);
        for (k = 0; k < bytes; k++)
            host[f->ParamOffset[i] + k] = (UCHAR)(v >> (8 * k));
    }

    for (;;) {
        const UCHAR *ip = code + pc;
        VmS.Pc = pc;
        if (++VmS.PendingSteps >= 1024)
            VmFlushSteps();
        switch (ip[0]) {
        case OP_PUSH_I32: s[sp++] = (ULONG64)(LONG64)(LONG)U32At(ip + 1); pc += 5; break;
        case OP_PUSH_I64: memcpy(&s[sp++], ip + 1, 8); pc += 9; break;
        case OP_POP: sp--; pc += 1; break;
        case OP_DUP: s[sp] = s[sp - 1]; sp++; pc += 1; break;
        case OP_ADDR_LOCAL: s[sp++] = frame + U32At(ip + 1); pc += 5; break;
        case OP_ADDR_GLOBAL: s[sp++] = VmS.Globals.Base + U32At(ip + 1); pc += 5; break;
        case OP_ADDR_RODATA: s[sp++] = VmS.Rodata.Base + U32At(ip + 1); pc += 5; break;
        case OP_ADDR_IMPORT: s[sp++] = VmS.Driver.Base + m->Imports[U16At(ip + 1)].DataOffset; pc += 3; break;
        case OP_FUNC_REF: s[sp++] = VM_FUNC_BASE + (ULONG64)U32At(ip + 1) * 16; pc += 5; break;
        case OP_LOAD_I8: s[sp - 1] = VmNormalise(VmLoad64(s[sp - 1], 1), K_I8); pc += 1; break;
        case OP_LOAD_U8: s[sp - 1] = VmLoad64(s[sp - 1], 1); pc += 1; break;
        case OP_LOAD_I16: s[sp - 1] = VmNormalise(VmLoad64(s[sp - 1], 2), K_I16); pc += 1; break;
        case OP_LOAD_U16: s[sp - 1] = VmLoad64(s[sp - 1], 2); pc += 1; break;
        case OP_LOAD_I32: s[sp - 1] = VmNormalise(VmLoad64(s[sp - 1], 4), K_I32); pc += 1; break;
        case OP_LOAD_U32: s[sp - 1] = VmLoad64(s[sp - 1], 4); pc += 1; break;
        case OP_LOAD_64: s[sp - 1] = VmLoad64(s[sp - 1], 8); pc += 1; break;
        case OP_STORE_8: case OP_STORE_16: case OP_STORE_32: case OP_STORE_64:
            VmStore64(s[sp - 2], 1u << (ip[0] - OP_STORE_8), s[sp - 1]);
            sp -= 2; pc += 1; break;
        case OP_STOREK_8: case OP_STOREK_16: case OP_STOREK_32: case OP_STOREK_64:
            VmStore64(s[sp - 2], 1u << (ip[0] - OP_STOREK_8), s[sp - 1]);
            s[sp - 2] = s[sp - 1]; sp -= 1; pc += 1; break;
        case OP_COPY: VmCopy(s[sp - 2], s[sp - 1], U32At(ip + 1)); sp -= 2; pc += 5; break;
        case OP_ZERO: VmZero(s[sp - 1], U32At(ip + 1)); sp -= 1; pc += 5; break;
        case OP_SEXT8: s[sp - 1] = VmNormalise(s[sp - 1], K_I8); pc += 1; break;
        case OP_SEXT16: s[sp - 1] = VmNormalise(s[sp - 1], K_I16); pc += 1; break;
        case OP_SEXT32: s[sp - 1] = VmNormalise(s[sp - 1], K_I32); pc += 1; break;
        case OP_ZEXT8: s[sp - 1] &= 0xFF; pc += 1; break;
        case OP_ZEXT16: s[sp - 1] &= 0xFFFF; pc += 1; break;
        case OP_ZEXT32: s[sp - 1] &= 0xFFFFFFFFull; pc += 1; break;
#define BIN(OP, EXPR) case OP: a = s[sp - 2]; b = s[sp - 1]; (void)a; (void)b; s[sp - 2] = (EXPR); sp--; pc += 1; break;
        BIN(OP_ADD_I32, VmNormalise(a + b, K_I32))
        BIN(OP_ADD_U32, (a + b) & 0xFFFFFFFFull)
        BIN(OP_ADD_64, a + b)
        BIN(OP_SUB_I32, VmNormalise(a - b, K_I32))
        BIN(OP_SUB_U32, (a - b) & 0xFFFFFFFFull)
        BIN(OP_SUB_64, a - b)
        BIN(OP_MUL_I32, VmNormalise(a * b, K_I32))
        BIN(OP_MUL_U32, (a * b) & 0xFFFFFFFFull)
        BIN(OP_MUL_64, a * b)
        BIN(OP_SHL_I32, VmNormalise(a << (b & 31), K_I32))
        BIN(OP_SHL_U32, (a << (b & 31)) & 0xFFFFFFFFull)
        BIN(OP_SHL_64, a << (b & 63))
        BIN(OP_SHR_I32, (ULONG64)((LONG64)(LONG)a >> (b & 31)))
        BIN(OP_SHR_U32, (a & 0xFFFFFFFFull) >> (b & 31))
        BIN(OP_SHR_I64, (ULONG64)((LONG64)a >> (b & 63)))
        BIN(OP_SHR_U64, a >> (b & 63))
        BIN(OP_AND, a & b)
        BIN(OP_OR, a | b)
        BIN(OP_XOR, a ^ b)
        BIN(OP_EQ, (ULONG64)(a == b))
        BIN(OP_NE, (ULONG64)(a != b))
        BIN(OP_LT_S, (ULONG64)((LONG64)a < (LONG64)b))
        BIN(OP_LE_S, (ULONG64)((LONG64)a <= (LONG64)b))
        BIN(OP_GT_S, (ULONG64)((LONG64)a > (LONG64)b))
        BIN(OP_GE_S, (ULONG64)((LONG64)a >= (LONG64)b))
        BIN(OP_LT_U, (ULONG64)(a < b))
        BIN(OP_LE_U, (ULONG64)(a <= b))
        BIN(OP_GT_U, (ULONG64)(a > b))
        BIN(OP_GE_U, (ULONG64)(a >= b))
#undef BIN
        case OP_DIV_I32: case OP_REM_I32: case OP_DIV_I64: case OP_REM_I64: {
            BOOLEAN is32 = ip[0] == OP_DIV_I32 || ip[0] == OP_REM_I32;
            LONG64 x = (LONG64)s[sp - 2], y = (LONG64)s[sp - 1], r;
            if (y == 0)
                DivideError(STATUS_INTEGER_DIVIDE_BY_ZERO);
            if (y == -1 && x == (is32 ? (LONG64)MINLONG : (LONG64)(1ull << 63)))
                DivideError(STATUS_INTEGER_OVERFLOW);
            r = (ip[0] == OP_DIV_I32 || ip[0] == OP_DIV_I64) ? x / y : x % y;
            s[sp - 2] = is32 ? VmNormalise((ULONG64)r, K_I32) : (ULONG64)r;
            sp--; pc += 1; break;
        }
        case OP_DIV_U32: case OP_REM_U32: case OP_DIV_U64: case OP_REM_U64: {
            ULONG64 x = s[sp - 2], y = s[sp - 1];
            if (y == 0)
                DivideError(STATUS_INTEGER_DIVIDE_BY_ZERO);
            s[sp - 2] = (ip[0] == OP_DIV_U32 || ip[0] == OP_DIV_U64) ? x / y : x % y;
            sp--; pc += 1; break;
        }
        case OP_INDEX: s[sp - 2] += s[sp - 1] * (ULONG64)U32At(ip + 1); sp--; pc += 5; break;
        case OP_NEG_I32: s[sp - 1] = VmNormalise(0 - s[sp - 1], K_I32); pc += 1; break;
        case OP_NEG_U32: s[sp - 1] = (0 - s[sp - 1]) & 0xFFFFFFFFull; pc += 1; break;
        case OP_NEG_64: s[sp - 1] = 0 - s[sp - 1]; pc += 1; break;
        case OP_NOT: s[sp - 1] = ~s[sp - 1]; pc += 1; break;
        case OP_NOT_U32: s[sp - 1] = ~s[sp - 1] & 0xFFFFFFFFull; pc += 1; break;
        case OP_LNOT: s[sp - 1] = s[sp - 1] == 0; pc += 1; break;
        case OP_JMP: pc = U32At(ip + 1); break;
        case OP_JZ: pc = s[--sp] == 0 ? U32At(ip + 1) : pc + 5; break;
        case OP_JNZ: pc = s[--sp] != 0 ? U32At(ip + 1) : pc + 5; break;
        case OP_CALL: {
            const VM_FUNC *callee = &m->Funcs[U32At(ip + 1)];
            ULONG64 r;
            sp -= callee->ParamCount;
            r = VmCall(U32At(ip + 1), &s[sp], callee->ParamCount);
            if (callee->RetKind != K_VOID)
                s[sp++] = r;
            pc += 5;
            break;
        }
        case OP_CALLN: CallNative(&m->Imports[U16At(ip + 1)], s, &sp, NULL, 0); pc += 3; break;
        case OP_CALLNV: CallNative(&m->Imports[U16At(ip + 1)], s, &sp, ip + 4, ip[3]); pc += 4 + ip[3]; break;
        case OP_RETV: result = VmNormalise(s[--sp], f->RetKind); goto done;
        case OP_RET: goto done;
        case OP_ASSERT_FAIL:
            VmFlushSteps();
            EmuFailAssertion((PCSTR)(VmS.Rodata.Host + U32At(ip + 1)), m->Locs[pc]);
            goto done;
        default:
            EmuBugCheck(0x1E, (ULONG64)(LONG64)(LONG)0xC000001D, pc, 0, 0); /* illegal instruction: verified away */
        }
    }
done:
    t->Depth--;
    t->Sp = frame;
    return result;
}
