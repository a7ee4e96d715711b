/*++
Module Name: natives_threads.c
Abstract: Bindings that hand the kernel a routine of the scenario (system
          threads, DPCs) or an opaque kernel pointer, DbgPrint, and the C
          library's memory routines. Routines run through trampolines that
          enter the interpreter on the calling kernel thread.
--*/
#include "natives.h"
#include <string.h>

#define VM_MAX_ROUTINES 4096

typedef struct _VM_ROUTINE { ULONG Func; ULONG64 Context; } VM_ROUTINE;
static VM_ROUTINE Routines[VM_MAX_ROUTINES];
static ULONG RoutineCount;

VOID VmNativesReset(VOID)
{
    RoutineCount = 0;
    VmS.BoxCount = 0;
}

/* A routine of the scenario with its context, as the kernel calls it back.
   The same pair shares one slot, so a driver that starts thousands of
   short-lived threads of one routine never runs out; NULL when full. */
static VM_ROUTINE *NewRoutine(ULONG Func, ULONG64 Context)
{
    VM_ROUTINE *r;
    ULONG i;
    for (i = 0; i < RoutineCount; i++)
        if (Routines[i].Func == Func && Routines[i].Context == Context)
            return &Routines[i];
    if (RoutineCount == VM_MAX_ROUTINES)
        return NULL;
    r = &Routines[RoutineCount++];
    r->Func = Func;
    r->Context = Context;
    return r;
}

/* Pointer-sized values the kernel only passes along (contexts, DPC
   arguments) keep all 64 bits: the kernel gets a pointer to a box. */
PVOID VmBox(ULONG64 Value)
{
    ULONG64 *slot;
    if (Value == 0)
        return NULL;
    slot = &VmS.Boxes[VmS.BoxCount++ % (sizeof(VmS.Boxes) / sizeof(VmS.Boxes[0]))];
    *slot = Value;
    return slot;
}

ULONG64 VmUnbox(PVOID Host)
{
    return Host == NULL ? 0 : *(ULONG64 *)Host;
}

VOID VmCheckOut(ULONG64 Guest)
{
    if (Guest != 0)
        VmHost(Guest, 8, TRUE);
}

VOID VmWriteOut(ULONG64 Guest, ULONG64 Value)
{
    UCHAR *p;
    ULONG i;
    if (Guest == 0)
        return;
    p = (UCHAR *)VmHost(Guest, 8, TRUE);
    for (i = 0; i < 8; i++)
        p[i] = (UCHAR)(Value >> (8 * i));
}

ULONG VmFunctionOf(ULONG64 Ref)
{
    ULONG64 index = (Ref - VM_FUNC_BASE) / 16;
    if (Ref < VM_FUNC_BASE || (Ref - VM_FUNC_BASE) % 16 != 0 || index >= VmS.Module->FuncCount)
        EmuBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, Ref, 8, Ref);   /* executing a wild address */
    return (ULONG)index;
}

static VOID ThreadTrampoline(PVOID Context)
{
    VM_ROUTINE *r = (VM_ROUTINE *)Context;
    ULONG64 arg = r->Context;
    VmCallThread(r->Func, &arg, 1);
    VmFlushSteps();
}

static VOID DpcTrampoline(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    VM_ROUTINE *r = (VM_ROUTINE *)Context;
    ULONG64 args[4];
    ULONG savedPc = VmS.Pc;
    args[0] = VmGuest(Dpc);
    args[1] = r->Context;
    args[2] = VmUnbox(Arg1);
    args[3] = VmUnbox(Arg2);
    VmCall(r->Func, args, 4);
    VmS.Pc = savedPc;                           /* the interrupted code goes on where it was */
}

static VOID N_PsCreateSystemThread(VM_CALL *C)
{
    HANDLE handle = NULL;
    CLIENT_ID id;
    ULONG func = VmFunctionOf(A(5));
    NTSTATUS status;
    VM_ROUTINE *routine;
    VmCheckOut(A(0));
    R(2, 48);                                   /* OBJECT_ATTRIBUTES: checked, not needed here */
    if (A(4) != 0)
        VmHost(A(4), 16, TRUE);
    routine = NewRoutine(func, A(6));
    if (routine == NULL) {                      /* as Windows: a failure status, not a stop */
        RET(STATUS_INSUFFICIENT_RESOURCES);
        return;
    }
    status = PsCreateSystemThread(A(0) ? &handle : NULL, U32(1), NULL, HANDLE_OF(3), A(4) ? &id : NULL,
                                  ThreadTrampoline, routine);
    if (NT_SUCCESS(status)) {
        VmWriteOut(A(0), (ULONG64)(ULONG_PTR)handle);
        if (A(4) != 0) {
            VmWriteOut(A(4), (ULONG64)(ULONG_PTR)id.UniqueProcess);
            VmWriteOut(A(4) + 8, (ULONG64)(ULONG_PTR)id.UniqueThread);
        }
    }
    RET(status);
}

static VOID N_PsTerminateSystemThread(VM_CALL *C) { VmFlushSteps(); RET(PsTerminateSystemThread(I32(0))); }

static VOID N_ObReferenceObjectByHandle(VM_CALL *C)
{
    PVOID object = NULL;
    NTSTATUS status;
    VmCheckOut(A(4));
    status = ObReferenceObjectByHandle(HANDLE_OF(0), U32(1), (POBJECT_TYPE)OBJ(2), (KPROCESSOR_MODE)U32(3),
                                       A(4) ? &object : NULL, (POBJECT_HANDLE_INFORMATION)P(5, 8));
    if (NT_SUCCESS(status))
        VmWriteOut(A(4), VmGuest(object));
    RET(status);
}

static VOID N_ObDereferenceObject(VM_CALL *C) { ObDereferenceObject(OBJ(0)); }
static VOID N_ZwClose(VM_CALL *C) { RET(ZwClose(HANDLE_OF(0))); }
static VOID N_KeGetCurrentThread(VM_CALL *C) { RETP(KeGetCurrentThread()); }
static VOID N_PsGetCurrentThreadId(VM_CALL *C) { RET((ULONG_PTR)PsGetCurrentThreadId()); }
static VOID N_KeSetPriorityThread(VM_CALL *C) { RET(KeSetPriorityThread((PKTHREAD)OBJ(0), I32(1))); }
static VOID N_KeQueryPriorityThread(VM_CALL *C) { RET(KeQueryPriorityThread((PKTHREAD)OBJ(0))); }

static VOID N_KeInitializeDpc(VM_CALL *C)
{
    ULONG func = VmFunctionOf(A(1));
    VM_ROUTINE *routine = NewRoutine(func, A(2));
    if (routine == NULL)                        /* 4096 distinct routine and context pairs */
        EmuBugCheck(0x7E, (ULONG64)(LONG64)STATUS_INSUFFICIENT_RESOURCES, 0, 0, 0);
    KeInitializeDpc((PRKDPC)P(0, sizeof(KDPC)), DpcTrampoline, routine);
}
static VOID N_KeInsertQueueDpc(VM_CALL *C) { RET(KeInsertQueueDpc((PRKDPC)P(0, sizeof(KDPC)), VmBox(A(1)), VmBox(A(2)))); }
static VOID N_KeRemoveQueueDpc(VM_CALL *C) { RET(KeRemoveQueueDpc((PRKDPC)P(0, sizeof(KDPC)))); }
static VOID N_KeSetImportanceDpc(VM_CALL *C) { KeSetImportanceDpc((PRKDPC)P(0, sizeof(KDPC)), (KDPC_IMPORTANCE)U32(1)); }
static VOID N_KeSetTargetProcessorDpc(VM_CALL *C) { KeSetTargetProcessorDpc((PRKDPC)P(0, sizeof(KDPC)), (CCHAR)A(1)); }
static VOID N_KeFlushQueuedDpcs(VM_CALL *C) { (VOID)C; KeFlushQueuedDpcs(); }

/* Timers: DueTime arrives as the LARGE_INTEGER's 64 bits. */
static LARGE_INTEGER Due(ULONG64 Bits)
{
    LARGE_INTEGER due;
    due.QuadPart = (LONGLONG)Bits;
    return due;
}
static VOID N_KeInitializeTimer(VM_CALL *C) { KeInitializeTimer((PKTIMER)P(0, sizeof(KTIMER))); }
static VOID N_KeInitializeTimerEx(VM_CALL *C) { KeInitializeTimerEx((PKTIMER)P(0, sizeof(KTIMER)), (TIMER_TYPE)U32(1)); }
static VOID N_KeSetTimer(VM_CALL *C) { RET(KeSetTimer((PKTIMER)P(0, sizeof(KTIMER)), Due(A(1)), (PKDPC)P(2, sizeof(KDPC)))); }
static VOID N_KeSetTimerEx(VM_CALL *C)
{
    RET(KeSetTimerEx((PKTIMER)P(0, sizeof(KTIMER)), Due(A(1)), I32(2), (PKDPC)P(3, sizeof(KDPC))));
}
static VOID N_KeCancelTimer(VM_CALL *C) { RET(KeCancelTimer((PKTIMER)P(0, sizeof(KTIMER)))); }
static VOID N_KeReadStateTimer(VM_CALL *C) { RET(KeReadStateTimer((PKTIMER)P(0, sizeof(KTIMER)))); }

static VOID N_DbgPrint(VM_CALL *C)
{
    CHAR text[1024];
    SIZE_T n = VmFormat(text, sizeof(text), VmHostString(A(0)), &C->Args[1], C->Count - 1);
    EmuPrint(text, n);
    RET(STATUS_SUCCESS);
}

/* The C library's memory routines, each range checked first. */
static VOID N_memcpy(VM_CALL *C)
{
    SIZE_T n = SZ(2);
    if (n != 0)
        memmove(VmHost(A(0), n, TRUE), VmHost(A(1), n, FALSE), n);
    RET(A(0));
}
static VOID N_memset(VM_CALL *C)
{
    SIZE_T n = SZ(2);
    if (n != 0)
        memset(VmHost(A(0), n, TRUE), (int)(UCHAR)A(1), n);
    RET(A(0));
}

static const VM_NATIVE Threads[] = {
#define N(name, params) { #name, params, FALSE, N_##name },
    N(PsCreateSystemThread, 7) N(PsTerminateSystemThread, 1) N(ObReferenceObjectByHandle, 6)
    N(ObDereferenceObject, 1) N(ZwClose, 1) N(KeGetCurrentThread, 0) N(PsGetCurrentThreadId, 0)
    N(KeSetPriorityThread, 2) N(KeQueryPriorityThread, 1)
    N(KeInitializeDpc, 3) N(KeInsertQueueDpc, 3) N(KeRemoveQueueDpc, 1)
    N(KeSetImportanceDpc, 2) N(KeSetTargetProcessorDpc, 2) N(KeFlushQueuedDpcs, 0)
    N(KeInitializeTimer, 1) N(KeInitializeTimerEx, 2) N(KeSetTimer, 3) N(KeSetTimerEx, 4) N(KeCancelTimer, 1)
    N(KeReadStateTimer, 1)
    N(DbgPrint, 1) N(memcpy, 3) N(memset, 3)
    { "memmove", 3, FALSE, N_memcpy },
#undef N
    { NULL, 0, FALSE, NULL }
};

const VM_NATIVE *VmThreadNatives(VOID)
{
    return Threads;
}
