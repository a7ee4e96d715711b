/*++
Module Name: thread.c
Abstract: System threads (THR-n): creation, the thread object as a waitable
          dispatcher object, handles, termination and its checks.
--*/
#include "emup.h"
#include <stdlib.h>

#define THREAD_STACK (256 * 1024)

static POBJECT_TYPE ThreadTypeValue = (POBJECT_TYPE)(ULONG_PTR)0x7E7E0001;
POBJECT_TYPE *PsThreadType = &ThreadTypeValue;

__attribute__((noinline)) static VOID ThreadStart(PVOID Arg)
{
    EMU_THREAD *t = (EMU_THREAD *)Arg;
    if (EmupM->DeadFiber != NULL) {
        EmupFiberDestroy(EmupM->DeadFiber);
        EmupM->DeadFiber = NULL;
    }
    EmupTrace(EMU_EV_THREAD_START, t, NULL, 0, 0);
    t->Start(t->StartContext);
    /* Returning from the start routine ends the thread with success (THR-2).
       The exit is a step like any other, applied in time order: the freed CPU
       and the signalled thread object are dated when the thread's work ends. */
    EmupSchedPoint(EMU_COST_CALL);
    EmupThreadExit(STATUS_SUCCESS);
}

EMU_THREAD *EmupThreadCreate(PKSTART_ROUTINE Start, PVOID Context, KPRIORITY Priority)
{
    EMU_THREAD *t, *creator = EmupCurrent();

    if (EmupM->ThreadCount == EMU_MAX_THREADS)
        return NULL;
    t = (EMU_THREAD *)calloc(1, sizeof(*t));
    if (t == NULL)
        return NULL;
    if (EmupFiberCreate(&t->Fiber, THREAD_STACK, ThreadStart, t) != 0) {
        free(t);
        return NULL;
    }
    EMUP_X(EmupXPseudo(EMU_X_THREADS));
    t->Tid = EmupM->ThreadCount + 1;
    EmupM->Threads[EmupM->ThreadCount++] = t;
    EmupM->LiveThreads++;
    t->Cpu = -1;
    t->Priority = Priority;
    t->Start = Start;
    t->StartContext = Context;
    t->Loc = creator ? creator->Loc : 0;
    t->PctPriority = EmupPctPriority();
    /* The thread object is the dispatcher object embedded in the thread. */
    EmupObjectRegister(&t->Obj, EMU_OBJ_THREAD, t, &t->EmuTag, &t->EmuId);
    EmupTraceEx(EMU_EV_THREAD_CREATE, EmupNow(), EMUP_CPU_OF(creator), t, t->EmuId, EmupTid(creator), (ULONG64)Priority,
                t->Loc, NULL, 0);
    EMUP_X(EmupXCreated(t));
    /* Ready once the creating call's work is done (its CPU's clock). */
    EmupReady(t, creator != NULL && creator->Cpu >= 0 ? EmupM->Cpus[creator->Cpu].Clock : EmupNow());
    return t;
}

VOID EmupMutexOwnedAdd(EMU_THREAD *Thread, EMU_OBJECT *Mutex)
{
    EMUP_ASSERT(Mutex->Owner == Thread && Mutex->SignalState == 0);
    Mutex->NextOwned = Thread->OwnedMutexes;
    Thread->OwnedMutexes = Mutex;
}

VOID EmupMutexOwnedRemove(EMU_THREAD *Thread, EMU_OBJECT *Mutex)
{
    EMU_OBJECT **link = &Thread->OwnedMutexes;
    EMUP_ASSERT(Mutex->Owner == Thread);
    while (*link != NULL && *link != Mutex)
        link = &(*link)->NextOwned;
    EMUP_ASSERT(*link == Mutex);                     /* an owned mutex is on its owner's list */
    if (*link != NULL)
        *link = Mutex->NextOwned;
    Mutex->NextOwned = NULL;
}

VOID EmupThreadExit(NTSTATUS Status)
{
    EMU_THREAD *t = EmupCurrent();
    ULONG cpu = (ULONG)t->Cpu;
    ULONG combined;

    /* THR-4 (a): IRQL forced down; then Verifier's view of held locks (DV-10). */
    if (t->Irql != PASSIVE_LEVEL)
        EmupSetIrql(PASSIVE_LEVEL);
    EmupVerifierThreadExit(t);
    /* THR-4 (b): unbalanced critical/guarded regions, a held KMUTEX included. */
    combined = ((ULONG)(USHORT)t->SpecialApcDisable << 16) | (USHORT)t->KernelApcDisable;
    if (combined != 0)
        EmupBugCheck(0x20, 0, combined, 0, 1);
    /* THR-4 (c): a KMUTEX still owned after the counts were rebalanced by hand. */
    if (t->OwnedMutexes != NULL)
        EmupBugCheck(0x4000008A, EmuGuestAddress(t), EmuGuestAddress(t->OwnedMutexes->Address), 0, 0);

    t->ExitStatus = Status;
    t->State = EmuThreadTerminated;
    EmupTraceEx(EMU_EV_THREAD_EXIT, EmupNow(), cpu, t, t->EmuId, (ULONG)Status, 0, t->Loc, NULL, 0);
    EmupTraceEx(EMU_EV_DISPATCH_OFF, EmupNow(), cpu, t, 0, 2, 0, t->Loc, NULL, 0);
    EmupM->Cpus[cpu].Thread = NULL;
    t->Cpu = -1;
    EmupM->LiveThreads--;
    /* THR-3: the thread object becomes signaled for good; waiters wake. */
    t->Obj.SignalState = 1;
    EMUP_X(EmupXObject(t->Obj.Id));
    EmupWaitTest(&t->Obj);
    EmupSwitchAway();
    abort();
}

NTSTATUS PsCreateSystemThread(PHANDLE ThreadHandle, ULONG DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes,
                              HANDLE ProcessHandle, PCLIENT_ID ClientId, PKSTART_ROUTINE StartRoutine,
                              PVOID StartContext)
{
    EMU_THREAD *cur = EmupCurrent(), *t;

    (VOID)DesiredAccess;
    (VOID)ObjectAttributes;
    (VOID)ProcessHandle;
    EmupCheckWaitNext("PsCreateSystemThread");
    EmupSchedPoint(EMU_COST_CALL);
    if (cur->Irql != PASSIVE_LEVEL)  /* THR-1: PASSIVE_LEVEL only (DDI rule IrqlPsPassive) */
        EmupBugCheck(0xC4, 0x20005, cur->Irql, 0, 0);
    if (ThreadHandle == NULL || StartRoutine == NULL)
        return STATUS_INVALID_PARAMETER;
    EmupCharge(EMU_COST_THREAD);
    t = EmupThreadCreate(StartRoutine, StartContext, cur->Priority);
    if (t == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    t->Handles = 1;
    *ThreadHandle = (HANDLE)(ULONG_PTR)(0x1000 + t->Tid * 4);
    if (ClientId != NULL) {
        ClientId->UniqueProcess = (HANDLE)(ULONG_PTR)4;
        ClientId->UniqueThread = (HANDLE)(ULONG_PTR)(t->Tid * 4);
    }
    return STATUS_SUCCESS;
}

NTSTATUS PsTerminateSystemThread(NTSTATUS ExitStatus)
{
    EMU_THREAD *cur = EmupCurrent();
    EmupCheckWaitNext("PsTerminateSystemThread");
    EmupSchedPoint(EMU_COST_CALL);
    if (cur->DpcDepth != 0)
        EmupSwitchFromDpc(cur);                                       /* BC-36 */
    if (cur->Irql != PASSIVE_LEVEL)  /* THR-7 */
        EmupBugCheck(0xC4, 0x20005, cur->Irql, 0, 0);
    EmupThreadExit(ExitStatus);
    return STATUS_SUCCESS;
}

static EMU_THREAD *FromHandle(HANDLE Handle)
{
    ULONG_PTR h = (ULONG_PTR)Handle;
    ULONG tid;
    if (h < 0x1000 || (h & 3) != 0)
        return NULL;
    tid = (ULONG)((h - 0x1000) / 4);
    if (tid == 0 || tid > EmupM->ThreadCount || EmupM->Threads[tid - 1]->Handles == 0)
        return NULL;
    return EmupM->Threads[tid - 1];
}

NTSTATUS ObReferenceObjectByHandle(HANDLE Handle, ACCESS_MASK DesiredAccess, POBJECT_TYPE ObjectType,
                                   KPROCESSOR_MODE AccessMode, PVOID *Object,
                                   POBJECT_HANDLE_INFORMATION HandleInformation)
{
    EMU_THREAD *t;
    (VOID)DesiredAccess;
    (VOID)AccessMode;
    EmupCheckWaitNext("ObReferenceObjectByHandle");
    EmupSchedPoint(EMU_COST_CALL);
    if (Object == NULL)
        return STATUS_INVALID_PARAMETER;
    *Object = NULL;
    t = FromHandle(Handle);
    if (t == NULL)
        return STATUS_INVALID_HANDLE;
    if (ObjectType != NULL && ObjectType != *PsThreadType)
        return STATUS_OBJECT_TYPE_MISMATCH;
    t->References++;
    *Object = t;
    if (HandleInformation != NULL) {
        HandleInformation->HandleAttributes = 0;
        HandleInformation->GrantedAccess = THREAD_ALL_ACCESS;
    }
    return STATUS_SUCCESS;
}

VOID ObDereferenceObject(PVOID Object)
{
    EMU_OBJECT *o;
    EmupCheckWaitNext("ObDereferenceObject");
    EmupSchedPoint(EMU_COST_CALL);
    o = EmupObjectAny(Object);
    if (o == NULL || o->Type != EMU_OBJ_THREAD)
        EmupBugCheck(0x18, 0, EmuGuestAddress(Object), 1, 0); /* REFERENCE_BY_POINTER */
    ((EMU_THREAD *)Object)->References--;
}

NTSTATUS ZwClose(HANDLE Handle)
{
    EMU_THREAD *t;
    EmupCheckWaitNext("ZwClose");
    EmupSchedPoint(EMU_COST_CALL);
    t = FromHandle(Handle);
    if (t == NULL)
        return STATUS_INVALID_HANDLE;
    t->Handles--;   /* closing the handle does not stop the thread (THR-1) */
    return STATUS_SUCCESS;
}

PKTHREAD KeGetCurrentThread(VOID)
{
    return (PKTHREAD)EmupCurrent();
}

HANDLE PsGetCurrentThreadId(VOID)
{
    return (HANDLE)(ULONG_PTR)(EmupTid(EmupCurrent()) * 4);
}

ULONG KeGetCurrentProcessorNumber(VOID)
{
    EMU_THREAD *cur = EmupCurrent();
    EMUP_X(EmupXGlobal());
    return cur != NULL && cur->Cpu >= 0 ? (ULONG)cur->Cpu : 0;
}

KPRIORITY KeSetPriorityThread(PKTHREAD Thread, KPRIORITY Priority)
{
    EMU_OBJECT *o = EmupObjectAny(Thread);
    EMU_THREAD *t = (EMU_THREAD *)Thread;
    KPRIORITY old;
    EmupSchedPoint(EMU_COST_CALL);
    if (o == NULL || o->Type != EMU_OBJ_THREAD || Priority < LOW_PRIORITY || Priority > HIGH_PRIORITY)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_INVALID_PARAMETER, 0, 0, 0);
    old = t->Priority;
    t->Priority = Priority;
    return old;
}

KPRIORITY KeQueryPriorityThread(PKTHREAD Thread)
{
    EMU_OBJECT *o = EmupObjectAny(Thread);
    if (o == NULL || o->Type != EMU_OBJ_THREAD)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_INVALID_PARAMETER, 0, 0, 0);
    return ((EMU_THREAD *)Thread)->Priority;
}
