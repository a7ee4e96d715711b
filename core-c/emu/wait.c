/*++
Module Name: wait.c
Abstract: Waiting (WAIT-n): KeWaitForSingleObject / KeWaitForMultipleObjects /
          KeDelayExecutionThread, wait blocks on FIFO wait lists, satisfying a
          wait (KM-3, EV-4, SEM-2) and waking waiters (KiWaitTest, WAIT-8).
--*/
#include "emup.h"

VOID EmupWaitLink(EMU_WAIT_BLOCK *Block)
{
    EMU_OBJECT *o = Block->Object;
    EMUP_ASSERT(!Block->Linked);
    EMUP_ASSERT((o->WaitHead == NULL) == (o->WaitTail == NULL));
    EMUP_ASSERT(o->WaitTail == NULL || o->WaitTail->Next == NULL);
    Block->Next = NULL;
    Block->Prev = o->WaitTail;
    if (o->WaitTail != NULL)
        o->WaitTail->Next = Block;
    else
        o->WaitHead = Block;
    o->WaitTail = Block;
    Block->Linked = TRUE;
}

VOID EmupWaitUnlink(EMU_WAIT_BLOCK *Block)
{
    EMU_OBJECT *o = Block->Object;
    if (!Block->Linked)
        return;
    EMUP_ASSERT(Block->Prev != NULL ? Block->Prev->Next == Block : o->WaitHead == Block);
    EMUP_ASSERT(Block->Next != NULL ? Block->Next->Prev == Block : o->WaitTail == Block);
    if (Block->Prev != NULL)
        Block->Prev->Next = Block->Next;
    else
        o->WaitHead = Block->Next;
    if (Block->Next != NULL)
        Block->Next->Prev = Block->Prev;
    else
        o->WaitTail = Block->Prev;
    Block->Linked = FALSE;
}

BOOLEAN EmupIsSatisfiable(EMU_OBJECT *Object, EMU_THREAD *Thread)
{
    if (Object->Type == EMU_OBJ_MUTEX)
        return Object->SignalState > 0 || Object->Owner == Thread;   /* KM-2 */
    return Object->SignalState > 0;
}

NTSTATUS EmupSatisfy(EMU_OBJECT *Object, EMU_THREAD *Thread)
{
    NTSTATUS status = STATUS_SUCCESS;
    switch (Object->Type) {
    case EMU_OBJ_MUTEX:
        /* Free, or recursively acquired by its owner (KM-2): never another's. */
        EMUP_ASSERT(Object->SignalState > 0 ? Object->Owner == NULL : Object->Owner == Thread);
        if (Object->SignalState == MINLONG && Object->Owner == Thread)
            EmupRaise(STATUS_MUTANT_LIMIT_EXCEEDED);                  /* KM-4 */
        Object->SignalState--;
        if (Object->SignalState == 0) {                               /* KM-3 */
            Object->Owner = Thread;
            Object->OldIrql = Thread->Irql;                           /* KM-7: the release's IRQL class */
            Thread->KernelApcDisable--;
            EmupMutexOwnedAdd(Thread, Object);
            if (Object->Abandoned) {
                Object->Abandoned = FALSE;
                status = STATUS_ABANDONED;
            }
            EmupVerifierAcquired(Object, Thread);
        }
        EmupTrace(EMU_EV_ACQUIRE, Thread, Object, (ULONG64)(1 - Object->SignalState), 0);
        break;
    case EMU_OBJ_EVENT:
        EMUP_ASSERT(Object->SignalState == 0 || Object->SignalState == 1);
        if (Object->EventType == SynchronizationEvent)
            Object->SignalState = 0;                                  /* EV-4 */
        break;
    case EMU_OBJ_SEMAPHORE:
        Object->SignalState--;                                        /* SEM-2 */
        break;
    case EMU_OBJ_TIMER:
        if (Object->EventType == SynchronizationTimer)
            Object->SignalState = 0;                                  /* WAIT-2 */
        break;
    default:
        break;                                                        /* threads: never consumed */
    }
    return status;
}

/* Readies a waiting thread with Status; its wait blocks and timer go. */
VOID EmupUnwait(EMU_THREAD *Thread, NTSTATUS Status)
{
    ULONG i;
    for (i = 0; i < Thread->WaitCount; i++)
        EmupWaitUnlink(&Thread->WaitBlocks[i]);
    EmupTimerRemove(Thread);
    if (!EmupM->TimerFiring)
        EMUP_X(EmupXWoken(Thread));
    Thread->WaitStatus = Status;
    EmupReady(Thread, EmupNow() + EMU_COST_WAKE);
}

static BOOLEAN AllSatisfiable(EMU_THREAD *Thread)
{
    ULONG i;
    for (i = 0; i < Thread->WaitCount; i++)
        if (!EmupIsSatisfiable(Thread->WaitBlocks[i].Object, Thread))
            return FALSE;
    return TRUE;
}

VOID EmupWaitTest(EMU_OBJECT *Object)
{
    EMU_WAIT_BLOCK *b = Object->WaitHead, *next;
    EMU_THREAD *waker = EmupCurrent();

    while (b != NULL && Object->SignalState > 0) {
        EMU_THREAD *t = b->Thread;
        NTSTATUS status;
        ULONG i;
        next = b->Next;
        if (t->WaitType == WaitAny) {
            status = EmupSatisfy(Object, t);
            status = (status == STATUS_ABANDONED ? STATUS_ABANDONED_WAIT_0 : STATUS_WAIT_0) + b->Index;
        } else if (AllSatisfiable(t)) {
            for (i = 0; i < t->WaitCount; i++)
                EmupSatisfy(t->WaitBlocks[i].Object, t);
            status = STATUS_WAIT_0;
        } else {
            b = next;
            continue;
        }
        if (waker != NULL)
            EmupTrace(EMU_EV_WAKE, waker, Object, t->Tid, (ULONG)status);
        EmupUnwait(t, status);
        b = next;
    }
}

/* WAIT-4, BC-23: IRQL rules for a wait (p2 is where the IRQL is kept, as
   Verifier reports it). The wait after a Wait = TRUE release or signal (KM-8)
   is checked at the caller's IRQL before that call, so Wait = TRUE above the
   allowed IRQL fails at the wait (EV-3, SEM-4). A DPC routine runs at
   DISPATCH_LEVEL, so these checks come before 0xB8 (DPC-5). */
static VOID CheckWaitIrql(EMU_THREAD *Cur, PVOID Object, PLARGE_INTEGER Timeout, BOOLEAN *RestoreIrql)
{
    KIRQL irql = Cur->Irql;
    ULONG64 where = EmuGuestAddress(Cur->WaitNext ? &Cur->WaitIrql : &Cur->Irql);
    *RestoreIrql = FALSE;
    if (Cur->WaitNext) {
        Cur->WaitNext = FALSE;
        *RestoreIrql = TRUE;
        irql = Cur->WaitIrql;
    }
    if (irql > DISPATCH_LEVEL)
        EmupBugCheck(0xC4, 0x120, where, EmuGuestAddress(Object), EmuGuestAddress(Timeout));
    if (irql == DISPATCH_LEVEL || Cur->DpcDepth != 0) {
        if (Timeout == NULL)
            EmupBugCheck(0xC4, 0x121, where, EmuGuestAddress(Object), 0);
        if (Timeout->QuadPart != 0)
            EmupBugCheck(0xC4, 0x122, where, EmuGuestAddress(Object), EmuGuestAddress(Timeout));
    }
}

/* BC-36: a DPC routine tried to switch threads (old thread, new thread, old stack). */
VOID EmupSwitchFromDpc(EMU_THREAD *Cur)
{
    EMU_THREAD *next = EmupM->ReadyHead;
    EmupBugCheck(0xB8, EmuGuestAddress(Cur), next ? EmuGuestAddress(next) : 0, EmuGuestAddress(&Cur->Fiber), 0);
}

static ULONG64 DueTime(PLARGE_INTEGER Timeout)
{
    return EmupDueTime(Timeout->QuadPart);
}

static EMU_OBJECT *WaitableObject(PVOID Object)
{
    EMU_OBJECT *o = EmupObjectAny(Object);
    if (o == NULL)
        EmupUnknownObject(Object);                                    /* never initialised, or freed */
    if (o->Type != EMU_OBJ_MUTEX && o->Type != EMU_OBJ_EVENT && o->Type != EMU_OBJ_SEMAPHORE &&
        o->Type != EMU_OBJ_THREAD && o->Type != EMU_OBJ_TIMER)
        EmupBugCheck(0xC4, 0xE1, EmuGuestAddress(Object), o->Type, 0); /* WAIT-1 / FM-11 */
    return o;
}

static EMU_OBJECT *SatisfiedBy(EMU_OBJECT **Objects, ULONG Count, NTSTATUS Status)
{
    if (Status >= STATUS_WAIT_0 && Status < STATUS_WAIT_0 + (NTSTATUS)Count)
        return Objects[Status - STATUS_WAIT_0];
    if (Status >= STATUS_ABANDONED_WAIT_0 && Status < STATUS_ABANDONED_WAIT_0 + (NTSTATUS)Count)
        return Objects[Status - STATUS_ABANDONED_WAIT_0];
    return NULL;
}

static NTSTATUS Wait(ULONG Count, EMU_OBJECT **Objects, PVOID First, WAIT_TYPE WaitType, KWAIT_REASON Reason,
                     PLARGE_INTEGER Timeout)
{
    EMU_THREAD *cur = EmupCurrent();
    BOOLEAN restoreIrql;
    KIRQL waitIrql = cur->WaitIrql;
    NTSTATUS status = STATUS_TIMEOUT;
    ULONG i;

    CheckWaitIrql(cur, First, Timeout, &restoreIrql);
    if (Count == 1 && Objects[0]->Type == EMU_OBJ_MUTEX)
        EmupVerifierAcquire(Objects[0]);
    if (WaitType == WaitAny) {
        for (i = 0; i < Count; i++) {
            if (EmupIsSatisfiable(Objects[i], cur)) {
                status = EmupSatisfy(Objects[i], cur);
                status = (status == STATUS_ABANDONED ? STATUS_ABANDONED_WAIT_0 : STATUS_WAIT_0) + i;
                goto done;
            }
        }
    } else {
        cur->WaitCount = Count;
        for (i = 0; i < Count; i++)
            cur->WaitBlocks[i].Object = Objects[i];
        if (AllSatisfiable(cur)) {
            for (i = 0; i < Count; i++)
                EmupSatisfy(Objects[i], cur);
            cur->WaitCount = 0;
            status = STATUS_WAIT_0;
            goto done;
        }
        cur->WaitCount = 0;
    }
    if (Timeout != NULL && Timeout->QuadPart == 0) {                  /* WAIT-3: a poll */
        for (i = 0; i < Count; i++)
            EmupTrace(EMU_EV_TRY_FAIL, cur, Objects[i], 0, 0);
        status = STATUS_TIMEOUT;
        goto done;
    }
    if (cur->DpcDepth != 0)
        EmupSwitchFromDpc(cur);
    for (i = 0; i < Count; i++) {
        EMU_WAIT_BLOCK *b = &cur->WaitBlocks[i];
        b->Thread = cur;
        b->Object = Objects[i];
        b->Index = (USHORT)i;
        b->Exclusive = FALSE;
        EmupWaitLink(b);
        EmupTrace(EMU_EV_WAIT_BEGIN, cur, Objects[i], Reason, i);
    }
    cur->WaitCount = Count;
    cur->WaitType = WaitType;
    if (Timeout != NULL)
        EmupTimerInsert(cur, DueTime(Timeout));
    cur->State = EmuThreadWaiting;
    EmupBlock();
    status = cur->WaitStatus;
    cur->WaitCount = 0;
done:
    EmupTrace(EMU_EV_WAIT_END, cur, SatisfiedBy(Objects, Count, status), (ULONG)status, 0);
    if (restoreIrql) {
        /* KM-7: a mutex taken by the wait after a Wait = TRUE call belongs to
           the IRQL the caller returns to, not the raised one in between. */
        for (i = 0; i < Count; i++)
            if (Objects[i]->Type == EMU_OBJ_MUTEX && Objects[i]->Owner == cur && Objects[i]->SignalState == 0)
                Objects[i]->OldIrql = waitIrql;
        EmupLowerIrql(waitIrql);
    }
    return status;
}

NTSTATUS KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason, KPROCESSOR_MODE WaitMode,
                               BOOLEAN Alertable, PLARGE_INTEGER Timeout)
{
    EMU_OBJECT *o;
    (VOID)WaitMode;
    (VOID)Alertable;
    if (!EmupCurrent()->WaitNext) {
        EMUP_X(EmupXWillWait(1, &Object, WaitAny, Timeout));
        EmupSchedPoint(EMU_COST_CALL);
        EMUP_X(EmupXWillWait(0, NULL, WaitAny, NULL));
    }
    o = WaitableObject(Object);
    EmupCharge(EMU_COST_ACQUIRE);
    return Wait(1, &o, Object, WaitAny, WaitReason, Timeout);
}

NTSTATUS KeWaitForMultipleObjects(ULONG Count, PVOID Object[], WAIT_TYPE WaitType, KWAIT_REASON WaitReason,
                                  KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Timeout,
                                  PKWAIT_BLOCK WaitBlockArray)
{
    EMU_OBJECT *objects[MAXIMUM_WAIT_OBJECTS];
    ULONG i;
    (VOID)WaitMode;
    (VOID)Alertable;
    if (!EmupCurrent()->WaitNext) {
        if (Object != NULL && WaitBlockArray == NULL)
            EMUP_X(EmupXWillWait(Count, Object, WaitType, Timeout));
        EmupSchedPoint(EMU_COST_CALL);
        EMUP_X(EmupXWillWait(0, NULL, WaitAny, NULL));
    }
    if (Count == 0 || Object == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_INVALID_PARAMETER, 0, 0, 0);
    if ((WaitBlockArray == NULL && Count > THREAD_WAIT_OBJECTS) || Count > MAXIMUM_WAIT_OBJECTS)
        EmupBugCheck(0xC, Count, 0, 0, 0);                                /* WAIT-10 */
    if (WaitType != WaitAny && WaitType != WaitAll)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_INVALID_PARAMETER, 0, 0, 0);
    for (i = 0; i < Count; i++)
        objects[i] = WaitableObject(Object[i]);
    EmupCharge(EMU_COST_ACQUIRE);
    return Wait(Count, objects, Object[0], WaitType, WaitReason, Timeout);
}

NTSTATUS KeDelayExecutionThread(KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Interval)
{
    EMU_THREAD *cur = EmupCurrent();
    BOOLEAN restoreIrql = FALSE;
    KIRQL waitIrql = cur->WaitIrql;
    (VOID)WaitMode;
    (VOID)Alertable;
    if (!cur->WaitNext)
        EmupSchedPoint(EMU_COST_CALL);
    {
        /* WAIT-12, DPC-5: checked as a wait with this interval (KM-8: at the
           IRQL before a Wait = TRUE call), in a DPC routine too. */
        KIRQL irql = cur->WaitNext ? cur->WaitIrql : cur->Irql;
        ULONG64 where = EmuGuestAddress(cur->WaitNext ? &cur->WaitIrql : &cur->Irql);
        restoreIrql = cur->WaitNext;
        cur->WaitNext = FALSE;
        if (irql > APC_LEVEL || cur->DpcDepth != 0)
            EmupBugCheck(0xC4, irql > DISPATCH_LEVEL ? 0x120 : 0x122, where, 0, EmuGuestAddress(Interval));
    }
    if (Interval == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, 0, 0, 0);
    EmupTrace(EMU_EV_WAIT_BEGIN, cur, NULL, DelayExecution, 0);
    cur->WaitCount = 0;
    /* A zero interval yields to other ready threads and returns success. */
    EmupTimerInsert(cur, DueTime(Interval));
    cur->State = EmuThreadWaiting;
    EmupBlock();
    EmupTrace(EMU_EV_WAIT_END, cur, NULL, (ULONG)cur->WaitStatus, 0);
    if (restoreIrql)
        EmupLowerIrql(waitIrql);
    return cur->WaitStatus;
}

/* An internal wait (fast/guarded mutex, ERESOURCE): block on Object's list
   until a releaser hands it over and readies us. */
NTSTATUS EmupBlockOn(EMU_OBJECT *Object, KWAIT_REASON Reason, BOOLEAN Exclusive)
{
    EMU_THREAD *cur = EmupCurrent();
    EMU_WAIT_BLOCK *b = &cur->WaitBlocks[0];

    if (cur->DpcDepth != 0)
        EmupSwitchFromDpc(cur);
    b->Thread = cur;
    b->Object = Object;
    b->Index = 0;
    b->Exclusive = Exclusive;
    EmupWaitLink(b);
    cur->WaitCount = 1;
    cur->WaitType = WaitAny;
    EmupTrace(EMU_EV_WAIT_BEGIN, cur, Object, Reason, 0);
    cur->State = EmuThreadWaiting;
    EmupBlock();
    cur->WaitCount = 0;
    EmupTrace(EMU_EV_WAIT_END, cur, Object, (ULONG)cur->WaitStatus, 0);
    return cur->WaitStatus;
}

/* ---- timeouts: the threads whose wait or delay ends at a time, by due time
   (then thread id), which the scheduler fires in virtual-time order ---- */

VOID EmupTimerInsert(EMU_THREAD *Thread, ULONG64 Due)
{
    EMU_THREAD **link = &EmupM->TimerHead;
    Thread->TimerDue = Due;
    Thread->TimerActive = TRUE;
    while (*link != NULL && ((*link)->TimerDue < Due || ((*link)->TimerDue == Due && (*link)->Tid < Thread->Tid)))
        link = &(*link)->TimerNext;
    Thread->TimerNext = *link;
    *link = Thread;
}

VOID EmupTimerRemove(EMU_THREAD *Thread)
{
    EMU_THREAD **link = &EmupM->TimerHead;
    if (!Thread->TimerActive)
        return;
    while (*link != NULL && *link != Thread)
        link = &(*link)->TimerNext;
    if (*link != NULL)
        *link = Thread->TimerNext;
    Thread->TimerActive = FALSE;
    Thread->TimerNext = NULL;
}
