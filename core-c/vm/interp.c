/*++
Module Name: interp.c
Abstract: The interpreter: one C call per scenario call, an operand stack of
          64-bit slots, frames on the thread's guest stack. The bytecode was
          verified at load, so the loops trust operand indices and stack
          heights; every memory access is still checked at run time.

          Two loops share the work (docs/performance.md says why). RunPlain
          runs the instructions that can never reach a scheduling point or a
          bug check: arithmetic, jumps, and loads and stores that stay in the
          thread's own stack or read rodata. It calls nothing that can switch
          kernel threads, so in WebAssembly Asyncify leaves it alone and it
          runs at full speed. StepFull runs one instruction the careful way:
          shared memory, calls, returns, faults. VmCall alternates them.
--*/
#include "vmp.h"
#include "opcodes.h"
#include <string.h>

#define STATUS_INTEGER_DIVIDE_BY_ZERO ((NTSTATUS)0xC0000094L)
#define STATUS_INTEGER_OVERFLOW       ((NTSTATUS)0xC0000095L)
#define FLUSH_STEPS 1024              /* instructions charged to the emulator at once */

static ULONG U32At(const UCHAR *P) { ULONG v; memcpy(&v, P, 4); return v; }   /* hosts are little-endian */
static USHORT U16At(const UCHAR *P) { USHORT v; memcpy(&v, P, 2); return v; }

/* What a full step did. */
enum { STEP_ON, STEP_RETURNED, STEP_SWAPPED /* another thread goes on on this stack */ };

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

/* ---- the plain loop: nothing here can switch threads ------------------------ */

/* The host address of a load or store the plain loop may make itself: in
   the thread's own stack, or a read of rodata. NULL sends the instruction to
   StepFull (shared memory, another thread's stack, or a fault). */
static UCHAR *PlainAddress(VM_REGION *Stack, ULONG64 Guest, ULONG Bytes, BOOLEAN Write)
{
    ULONG64 off = Guest - Stack->Base;
    if (off < Stack->Size && Bytes <= Stack->Size - off) {
        if (Write && off + Bytes > Stack->Dirty)
            Stack->Dirty = off + Bytes;
        return Stack->Host + off;
    }
    off = Guest - VmS.Rodata.Base;
    if (!Write && off < VmS.Rodata.Size && Bytes <= VmS.Rodata.Size - off)
        return VmS.Rodata.Host + off;
    return NULL;
}

static ULONG64 LoadLE(const UCHAR *P, ULONG Bytes)
{
    switch (Bytes) {
    case 1: return P[0];
    case 2: return U16At(P);
    case 4: return U32At(P);
    default: { ULONG64 v; memcpy(&v, P, 8); return v; }
    }
}

static VOID StoreLE(UCHAR *P, ULONG Bytes, ULONG64 V)
{
    switch (Bytes) {
    case 1: P[0] = (UCHAR)V; break;
    case 2: { USHORT v = (USHORT)V; memcpy(P, &v, 2); break; }
    case 4: { ULONG v = (ULONG)V; memcpy(P, &v, 4); break; }
    default: memcpy(P, &V, 8); break;
    }
}

/* Runs at most Limit instructions, stopping before the first one StepFull
   must run; returns how many ran. Registers live in locals meanwhile. */
__attribute__((noinline)) static ULONG RunPlain(VM_REGS *R, ULONG Limit)
{
    const UCHAR *code = VmS.Module->Code;
    VM_REGION *stack = &R->Thread->Stack;
    ULONG64 *s = R->S, a, b;
    int sp = R->Sp;
    ULONG pc = R->Pc, n = 0;
    UCHAR *p;

    for (; n < Limit; n++) {
        const UCHAR *ip = code + pc;
        switch (ip[0]) {
        case OP_PUSH_I32: s[sp++] = (ULONG64)(LONG64)(LONG)U32At(ip + 1); pc += 5; break;
        case OP_PUSH_I64: memcpy(&s[sp++], ip + 1, 8); pc += 9; break;
        case OP_POP: sp--; pc += 1; break;
        case OP_DUP: s[sp] = s[sp - 1]; sp++; pc += 1; break;
        case OP_ADDR_LOCAL: s[sp++] = R->Frame + U32At(ip + 1); pc += 5; break;
        case OP_ADDR_GLOBAL: s[sp++] = VmS.Globals.Base + U32At(ip + 1); pc += 5; break;
        case OP_ADDR_RODATA: s[sp++] = VmS.Rodata.Base + U32At(ip + 1); pc += 5; break;
        case OP_ADDR_IMPORT: s[sp++] = VmS.Driver.Base + VmS.Module->Imports[U16At(ip + 1)].DataOffset; pc += 3; break;
        case OP_FUNC_REF: s[sp++] = VM_FUNC_BASE + (ULONG64)U32At(ip + 1) * 16; pc += 5; break;
#define LOAD(OP, BYTES, KIND) case OP: \
            if ((p = PlainAddress(stack, s[sp - 1], BYTES, FALSE)) == NULL) goto out; \
            s[sp - 1] = VmNormalise(LoadLE(p, BYTES), KIND); pc += 1; break;
        LOAD(OP_LOAD_I8, 1, K_I8)
        LOAD(OP_LOAD_U8, 1, K_U8)
        LOAD(OP_LOAD_I16, 2, K_I16)
        LOAD(OP_LOAD_U16, 2, K_U16)
        LOAD(OP_LOAD_I32, 4, K_I32)
        LOAD(OP_LOAD_U32, 4, K_U32)
        LOAD(OP_LOAD_64, 8, K_U64)
#undef LOAD
        case OP_STORE_8: case OP_STORE_16: case OP_STORE_32: case OP_STORE_64: {
            ULONG bytes = 1u << (ip[0] - OP_STORE_8);
            if ((p = PlainAddress(stack, s[sp - 2], bytes, TRUE)) == NULL) goto out;
            StoreLE(p, bytes, s[sp - 1]);
            sp -= 2; pc += 1; break;
        }
        case OP_STOREK_8: case OP_STOREK_16: case OP_STOREK_32: case OP_STOREK_64: {
            ULONG bytes = 1u << (ip[0] - OP_STOREK_8);
            if ((p = PlainAddress(stack, s[sp - 2], bytes, TRUE)) == NULL) goto out;
            StoreLE(p, bytes, s[sp - 1]);
            s[sp - 2] = s[sp - 1]; sp -= 1; pc += 1; break;
        }
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
        default:
            goto out;               /* divisions, COPY, ZERO, calls, returns: StepFull */
        }
    }
out:
    R->Sp = sp;
    R->Pc = pc;
    return n;
}

/* ---- the full step: anything that may schedule, fault or call ---------------- */

static DECLSPEC_NORETURN VOID DivideError(NTSTATUS Status)
{
    VmFlushSteps();
    EmuSetLocation(VmS.Module->Locs[VmS.Pc]);
    EmuBugCheck(0x1E, (ULONG64)(LONG64)Status, 0xFFFFF80150000000ull + VmS.Pc, 0, 0);
}

static ULONG64 Divide(UCHAR Op, ULONG64 X, ULONG64 Y)
{
    if (Op == OP_DIV_U32 || Op == OP_REM_U32 || Op == OP_DIV_U64 || Op == OP_REM_U64) {
        if (Y == 0)
            DivideError(STATUS_INTEGER_DIVIDE_BY_ZERO);
        return (Op == OP_DIV_U32 || Op == OP_DIV_U64) ? X / Y : X % Y;
    } else {
        BOOLEAN is32 = Op == OP_DIV_I32 || Op == OP_REM_I32;
        LONG64 x = (LONG64)X, y = (LONG64)Y, r;
        if (y == 0)
            DivideError(STATUS_INTEGER_DIVIDE_BY_ZERO);
        if (y == -1 && x == (is32 ? (LONG64)MINLONG : (LONG64)(1ull << 63)))
            DivideError(STATUS_INTEGER_OVERFLOW);
        r = (Op == OP_DIV_I32 || Op == OP_DIV_I64) ? x / y : x % y;
        return is32 ? VmNormalise((ULONG64)r, K_I32) : (ULONG64)r;
    }
}

/* In WebAssembly inlined into StepFull, which calls the binding through a
   pointer and is therefore in the Asyncify add-list: one frame less on every
   switch a kernel call makes (docs/performance.md). Natively not: its VM_CALL
   would then sit in every nested call's frame, and under ASan 160 nested
   calls overflow a thread's stack. */
#if defined(__EMSCRIPTEN__)
#define CALL_NATIVE_INLINE inline __attribute__((always_inline))
#else
#define CALL_NATIVE_INLINE __attribute__((noinline))
#endif
static CALL_NATIVE_INLINE VOID CallNative(const VM_IMPORT *Im, ULONG64 *Stack, int *Sp, const UCHAR *Kinds, ULONG Extra)
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

static const UCHAR LoadKinds[] = { K_I8, K_U8, K_I16, K_U16, K_I32, K_U32, K_U64 };
static const UCHAR LoadBytes[] = { 1, 1, 2, 2, 4, 4, 8 };

/* A shared access's scheduling point in a thread's base call: any thread
   stopped at one may go on on this stack (EmuVmSchedulePoint). FALSE when
   the caller's frame on this stack is stale: another thread goes on here,
   or this one, having run on another stack since (it took a later point). */
static BOOLEAN BasePoint(VM_REGS *R)
{
    ULONG mine = ++R->Points;
    VmFlushSteps();
    EmuSetLocation(VmS.Module->Locs[VmS.Pc]);
    return EmuVmSchedulePoint(2) && R->Points == mine;
}

/* Whether a load or store at Guest is of shared memory. In a base call it
   takes the access's point here first (*Done); FALSE in *Go when another
   thread goes on on this stack instead. */
static BOOLEAN SharedAccess(VM_REGS *R, ULONG64 Guest, BOOLEAN *Done, BOOLEAN *Go)
{
    BOOLEAN shared = *Done || VmSharedAt(Guest);
    *Go = TRUE;
    if (R->Base && shared && !*Done) {
        *Go = BasePoint(R);
        *Done = TRUE;
    }
    return shared;
}

/* Runs the instruction at R->Pc, counting it as a step (once: not again
   after its scheduling point, PointDone); STEP_RETURNED when it returned
   from the call, STEP_SWAPPED when at its point another thread came over
   to this stack, which VmCallThread's loop then carries on. */
__attribute__((noinline)) static int StepFull(VM_REGS *R)
{
    VM_MODULE *m = VmS.Module;
    const UCHAR *ip = m->Code + R->Pc;
    ULONG64 *s = R->S;
    UCHAR op = ip[0];
    BOOLEAN done = R->PointDone;

    VmS.Pc = R->Pc;
    R->PointDone = FALSE;
    if (!done && ++VmS.PendingSteps >= FLUSH_STEPS)
        VmFlushSteps();
    switch (op) {
    case OP_LOAD_I8: case OP_LOAD_U8: case OP_LOAD_I16: case OP_LOAD_U16:
    case OP_LOAD_I32: case OP_LOAD_U32: case OP_LOAD_64: {
        BOOLEAN go, shared = SharedAccess(R, s[R->Sp - 1], &done, &go);
        if (!go)
            return STEP_SWAPPED;
        s[R->Sp - 1] = VmNormalise(VmLoadAt(s[R->Sp - 1], LoadBytes[op - OP_LOAD_I8], shared, done), LoadKinds[op - OP_LOAD_I8]);
        R->Pc += 1;
        return STEP_ON;
    }
    case OP_STORE_8: case OP_STORE_16: case OP_STORE_32: case OP_STORE_64:
    case OP_STOREK_8: case OP_STOREK_16: case OP_STOREK_32: case OP_STOREK_64: {
        BOOLEAN keep = op >= OP_STOREK_8;
        ULONG bytes = 1u << (op - (keep ? OP_STOREK_8 : OP_STORE_8));
        BOOLEAN go, shared = SharedAccess(R, s[R->Sp - 2], &done, &go);
        if (!go)
            return STEP_SWAPPED;
        VmStoreAt(s[R->Sp - 2], bytes, s[R->Sp - 1], shared, done);
        if (keep)
            s[R->Sp - 2] = s[R->Sp - 1];
        R->Sp -= keep ? 1 : 2;
        R->Pc += 1;
        return STEP_ON;
    }
    case OP_COPY: VmCopy(s[R->Sp - 2], s[R->Sp - 1], U32At(ip + 1)); R->Sp -= 2; R->Pc += 5; return STEP_ON;
    case OP_ZERO: VmZero(s[R->Sp - 1], U32At(ip + 1)); R->Sp -= 1; R->Pc += 5; return STEP_ON;
    case OP_DIV_I32: case OP_REM_I32: case OP_DIV_I64: case OP_REM_I64:
    case OP_DIV_U32: case OP_REM_U32: case OP_DIV_U64: case OP_REM_U64:
        s[R->Sp - 2] = Divide(op, s[R->Sp - 2], s[R->Sp - 1]);
        R->Sp -= 1; R->Pc += 1;
        return STEP_ON;
    case OP_CALL: {
        const VM_FUNC *callee = &m->Funcs[U32At(ip + 1)];
        ULONG64 r;
        R->Sp -= callee->ParamCount;
        r = VmCall(U32At(ip + 1), &s[R->Sp], callee->ParamCount);
        if (callee->RetKind != K_VOID)
            s[R->Sp++] = r;
        R->Pc += 5;
        return STEP_ON;
    }
    case OP_CALLN: CallNative(&m->Imports[U16At(ip + 1)], s, &R->Sp, NULL, 0); R->Pc += 3; return STEP_ON;
    case OP_CALLNV: CallNative(&m->Imports[U16At(ip + 1)], s, &R->Sp, ip + 4, ip[3]); R->Pc += 4 + ip[3]; return STEP_ON;
    case OP_RETV: R->Result = VmNormalise(s[--R->Sp], R->Func->RetKind); return STEP_RETURNED;
    case OP_RET: return STEP_RETURNED;
    case OP_ASSERT_FAIL:
        VmFlushSteps();
        EmuFailAssertion((PCSTR)(VmS.Rodata.Host + U32At(ip + 1)), m->Locs[R->Pc]);
        return STEP_RETURNED;
    default:
        if (op >= OP_COUNT || op == OP_NONE)
            EmuBugCheck(0x1E, (ULONG64)(LONG64)(LONG)0xC000001D, R->Pc, 0, 0); /* illegal instruction: verified away */
        RunPlain(R, 1);             /* an instruction the plain loop runs, at a step flush */
        return STEP_ON;
    }
}

/* ---- calls ------------------------------------------------------------------ */

/* Pushes a zeroed frame on the thread's guest stack with the arguments in
   their parameter slots; an overflow is the kernel's double fault. */
static VOID EnterFrame(VM_REGS *R, ULONG Func, const ULONG64 *Args, ULONG Count)
{
    VM_THREAD *t = R->Thread;
    const VM_FUNC *f = &VmS.Module->Funcs[Func];
    ULONG frameBytes = (f->FrameSize + 15) & ~15u, i;
    UCHAR *host;

    if (t->Depth >= VM_MAX_DEPTH || t->Sp + frameBytes > t->Stack.Base + t->Stack.Size) {
        VmFlushSteps();
        EmuSetLocation(VmS.Module->Locs[VmS.Pc]);  /* the call that overflowed */
        EmuBugCheck(0x7F, 8, 0, 0, 0);            /* UNEXPECTED_KERNEL_MODE_TRAP: double fault (stack overflow) */
    }
    R->Func = f;
    R->Pc = f->CodeOffset;
    R->Sp = 0;
    R->Result = 0;
    R->Frame = t->Sp;
    t->Sp += frameBytes;
    if (t->Sp - t->Stack.Base > t->Stack.Dirty)
        t->Stack.Dirty = t->Sp - t->Stack.Base;      /* the frame is cleared below */
    t->Depth++;
    host = t->Stack.Host + (R->Frame - t->Stack.Base);
    memset(host, 0, frameBytes);
    for (i = 0; i < f->ParamCount && i < Count; i++) {
        ULONG64 v = Args[i];
        ULONG k, bytes = VmKindBytes(f->ParamKind[i]);
        for (k = 0; k < bytes; k++)
            host[f->ParamOffset[i] + k] = (UCHAR)(v >> (8 * k));
    }
}

/* As many plain instructions as fit before the next step flush, then one
   full step. */
static int Step(VM_REGS *R)
{
    ULONG room = VmS.PendingSteps < FLUSH_STEPS - 1 ? (ULONG)(FLUSH_STEPS - 1 - VmS.PendingSteps) : 0;
    VmS.PendingSteps += RunPlain(R, room);
    return StepFull(R);
}

ULONG64 VmCall(ULONG Func, const ULONG64 *Args, ULONG Count)
{
    ULONG64 s[VM_MAX_STACK];
    VM_REGS r;

    r.Thread = VmCurrentThread();
    r.S = s;
    r.Base = FALSE;
    r.PointDone = FALSE;
    EnterFrame(&r, Func, Args, Count);
    while (Step(&r) != STEP_RETURNED)
        ;
    r.Thread->Depth--;
    r.Thread->Sp = r.Frame;
    return r.Result;
}

/* A system thread's start routine. Its call's registers and operand stack
   live in the thread, so that at a shared access in it (BasePoint) the C
   stack below (ThreadStart, ThreadTrampoline, this loop) is the
   same for every such thread: when another thread stopped at such a point
   comes over to this stack (EmuVmSchedulePoint), the loop goes on with it,
   and its instruction runs with its point done. */
VOID VmCallThread(ULONG Func, const ULONG64 *Args, ULONG Count)
{
    VM_THREAD *t = VmCurrentThread();
    VM_REGS *r = &t->BaseRegs;
    int step;

    r->Thread = t;
    r->S = t->BaseS;
    r->Base = TRUE;
    r->PointDone = FALSE;
    r->Points = 0;
    EnterFrame(r, Func, Args, Count);
    while ((step = Step(r)) != STEP_RETURNED) {
        if (step == STEP_SWAPPED) {
            r = &VmCurrentThread()->BaseRegs;
            r->PointDone = TRUE;
        }
    }
    r->Thread->Depth--;
    r->Thread->Sp = r->Frame;
}
