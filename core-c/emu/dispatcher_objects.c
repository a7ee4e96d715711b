/*++
Module Name: dispatcher_objects.c
Abstract: KMUTEX (KM-n), events (EV-n) and semaphores (SEM-n): initialise,
          release or signal, read state. Acquisition is through the waits in
          wait.c.
--*/
#include "emup.h"

/* Re-initialising a live lock is a Verifier finding (DV-7); the old state goes. */
static EMU_OBJECT *Init(ULONG Type, PVOID Address)
{
    ULONG *header = (ULONG *)Address;
    EMU_OBJECT *old = EmupObjectLookup(Address, Type, &header[0], &header[1]);
    EmupCheckResident(Address);                                       /* BC-24 */
    if (old != NULL) {
        if (Type == EMU_OBJ_MUTEX && (old->Owner != NULL || old->WaitHead != NULL))
            EmupFinding(0x1005, EmuGuestAddress(Address), 0, 0, EmupCurrent()->Loc, old->InitLoc,
                        "a KMUTEX was initialised again while in use");
        old->Deleted = TRUE;
    }
    return EmupObjectCreate(Type, Address, &header[0], &header[1]);
}

static EMU_OBJECT *Lookup(ULONG Type, PVOID Address)
{
    ULONG *header = (ULONG *)Address;
    EMU_OBJECT *o;
    if (Address == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, 0, 0, 0);
    o = EmupObjectLookup(Address, Type, &header[0], &header[1]);
    if (o == NULL)
        EmupUnknownObject(Address);   /* DV-4: never initialised */
    return o;
}

/* KM-8, EV-3, SEM-4: Wait = TRUE returns at DISPATCH_LEVEL; the next call waits. */
static VOID EnterWaitNext(VOID)
{
    EMU_THREAD *t = EmupCurrent();
    t->WaitIrql = t->Irql;
    t->WaitNext = TRUE;
    EmupSetIrql(DISPATCH_LEVEL);
}

VOID KeInitializeMutex(PRKMUTEX Mutex, ULONG Level)
{
    EMU_OBJECT *o;
    (VOID)Level;                                                      /* KM-1: reserved */
    EmupCheckWaitNext("KeInitializeMutex");
    EmupSchedPoint(EMU_COST_CALL);
    if (Mutex == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, 0, 0, 0);
    o = Init(EMU_OBJ_MUTEX, Mutex);
    o->SignalState = 1;
}

LONG KeReleaseMutex(PRKMUTEX Mutex, BOOLEAN Wait)
{
    EMU_THREAD *cur = EmupCurrent();
    EMU_OBJECT *o;
    LONG previous;

    EmupCheckWaitNext("KeReleaseMutex");
    EmupSchedPoint(EMU_COST_CALL);
    o = Lookup(EMU_OBJ_MUTEX, Mutex);
    if (cur->Irql > DISPATCH_LEVEL)                                   /* KM-5 */
        EmupBugCheck(0xC4, 0x31, cur->Irql, DISPATCH_LEVEL, 0);
    if (o->Owner != cur) {                                            /* KM-7 */
        EmupVerifierRelease(o);
        EmupRaise(o->Abandoned ? STATUS_ABANDONED : STATUS_MUTANT_NOT_OWNED);
    }
    /* KM-7, second clause: acquired below DISPATCH_LEVEL and released at it,
       or the reverse, is not a release by the owner either. */
    if ((cur->Irql >= DISPATCH_LEVEL) != (o->OldIrql >= DISPATCH_LEVEL))
        EmupRaise(STATUS_MUTANT_NOT_OWNED);
    EmupCharge(EMU_COST_ACQUIRE);
    previous = o->SignalState;
    EMUP_ASSERT(previous <= 0);                      /* owned by cur (KM-7 above) */
    o->SignalState++;
    EmupTrace(EMU_EV_RELEASE, EmupCurrent(), o, (ULONG64)(1 - o->SignalState), 0);
    if (o->SignalState == 1) {                                        /* KM-6 */
        EmupVerifierRelease(o);
        EmupMutexOwnedRemove(cur, o);
        cur->KernelApcDisable++;
        o->Owner = NULL;
        EmupWaitTest(o);
    }
    if (Wait)
        EnterWaitNext();
    return previous;
}

LONG KeReadStateMutex(PRKMUTEX Mutex)
{
    EmupSchedPoint(EMU_COST_CALL);
    return Lookup(EMU_OBJ_MUTEX, Mutex)->SignalState;                 /* KM-10 */
}

VOID KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State)
{
    EMU_OBJECT *o;
    EmupCheckWaitNext("KeInitializeEvent");
    EmupSchedPoint(EMU_COST_CALL);
    if (Event == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, 0, 0, 0);
    if (Type != NotificationEvent && Type != SynchronizationEvent)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_INVALID_PARAMETER, 0, 0, 0);
    o = Init(EMU_OBJ_EVENT, Event);
    o->EventType = (UCHAR)Type;
    o->SignalState = State ? 1 : 0;                                   /* EV-1 */
}

LONG KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait)
{
    EMU_THREAD *cur = EmupCurrent();
    EMU_OBJECT *o;
    LONG previous;
    (VOID)Increment;
    EmupCheckWaitNext("KeSetEvent");
    EmupSchedPoint(EMU_COST_CALL);
    o = Lookup(EMU_OBJ_EVENT, Event);
    if (cur->Irql > DISPATCH_LEVEL)                                   /* EV-3 */
        EmupBugCheck(0xC4, 0x80, cur->Irql, EmuGuestAddress(Event), 0);
    EmupCharge(EMU_COST_SIGNAL);
    previous = o->SignalState;
    o->SignalState = 1;
    EmupTrace(EMU_EV_SIGNAL, EmupCurrent(), o, 1, 0);
    if (previous == 0)                                                /* EV-2 */
        EmupWaitTest(o);
    if (Wait)
        EnterWaitNext();
    return previous;
}

LONG KePulseEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait)
{
    EMU_OBJECT *o;
    LONG previous;
    (VOID)Increment;
    EmupCheckWaitNext("KePulseEvent");
    EmupSchedPoint(EMU_COST_CALL);
    o = Lookup(EMU_OBJ_EVENT, Event);
    previous = o->SignalState;
    if (previous == 0) {                                              /* EV-6 */
        o->SignalState = 1;
        EmupWaitTest(o);
    }
    o->SignalState = 0;
    EmupTrace(EMU_EV_SIGNAL, EmupCurrent(), o, 0, 1);
    if (Wait)
        EnterWaitNext();
    return previous;
}

LONG KeResetEvent(PRKEVENT Event)
{
    EMU_OBJECT *o;
    LONG previous;
    EmupCheckWaitNext("KeResetEvent");
    EmupSchedPoint(EMU_COST_CALL);
    o = Lookup(EMU_OBJ_EVENT, Event);
    if (EmupCurrent()->Irql > DISPATCH_LEVEL)
        EmupBugCheck(0xC4, 0x80, EmupCurrent()->Irql, EmuGuestAddress(Event), 0);
    previous = o->SignalState;
    o->SignalState = 0;                                               /* EV-5 */
    EmupTrace(EMU_EV_SIGNAL, EmupCurrent(), o, 0, 0);
    return previous;
}

VOID KeClearEvent(PRKEVENT Event)
{
    (VOID)KeResetEvent(Event);
}

LONG KeReadStateEvent(PRKEVENT Event)
{
    EmupSchedPoint(EMU_COST_CALL);
    return Lookup(EMU_OBJ_EVENT, Event)->SignalState;
}

VOID KeInitializeSemaphore(PRKSEMAPHORE Semaphore, LONG Count, LONG Limit)
{
    EMU_OBJECT *o;
    EmupCheckWaitNext("KeInitializeSemaphore");
    EmupSchedPoint(EMU_COST_CALL);
    if (Semaphore == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, 0, 0, 0);
    o = Init(EMU_OBJ_SEMAPHORE, Semaphore);
    o->SignalState = Count;                                           /* SEM-1 */
    o->Limit = Limit;
}

LONG KeReleaseSemaphore(PRKSEMAPHORE Semaphore, KPRIORITY Increment, LONG Adjustment, BOOLEAN Wait)
{
    EMU_THREAD *cur = EmupCurrent();
    EMU_OBJECT *o;
    LONG previous, next;
    (VOID)Increment;
    EmupCheckWaitNext("KeReleaseSemaphore");
    EmupSchedPoint(EMU_COST_CALL);
    o = Lookup(EMU_OBJ_SEMAPHORE, Semaphore);
    if (cur->Irql > DISPATCH_LEVEL)                                   /* SEM-4 */
        EmupBugCheck(0xC4, 0x31, cur->Irql, DISPATCH_LEVEL, 0);
    previous = o->SignalState;
    next = (LONG)((ULONG)previous + (ULONG)Adjustment);
    if (Adjustment <= 0 || next > o->Limit || next < previous)        /* SEM-3, SEM-5 */
        EmupRaise(STATUS_SEMAPHORE_LIMIT_EXCEEDED);
    EmupCharge(EMU_COST_SIGNAL);
    o->SignalState = next;
    EmupTrace(EMU_EV_SIGNAL, EmupCurrent(), o, (ULONG64)next, 0);
    if (previous == 0)
        EmupWaitTest(o);
    if (Wait)
        EnterWaitNext();
    return previous;
}

LONG KeReadStateSemaphore(PRKSEMAPHORE Semaphore)
{
    EmupSchedPoint(EMU_COST_CALL);
    return Lookup(EMU_OBJ_SEMAPHORE, Semaphore)->SignalState;
}
