/*++
Module Name: fast_mutex.c
Abstract: FAST_MUTEX (FM-n) and KGUARDED_MUTEX (GM-n). Not dispatcher
          objects: waiters queue FIFO on the mutex and are handed it on release
          (FM-10, GM-5). Count: 1 free, 0 owned.
--*/
#include "emup.h"

static EMU_OBJECT *Get(ULONG Type, PVOID Mutex)
{
    ULONG *h = (ULONG *)Mutex;
    EMU_OBJECT *o;
    if (Mutex == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, 0, 0, 0);
    o = EmupObjectLookup(Mutex, Type, &h[0], &h[1]);
    if (o == NULL)
        EmupUnknownObject(Mutex);     /* DV-4 */
    return o;
}

static VOID Init(ULONG Type, PVOID Mutex)
{
    ULONG *h = (ULONG *)Mutex;
    EMU_OBJECT *old, *o;
    EmupCheckWaitNext("Initialize");
    EmupSchedPoint(EMU_COST_CALL);
    if (Mutex == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, 0, 0, 0);
    EmupCheckResident(Mutex);                                         /* BC-24 */
    old = EmupObjectLookup(Mutex, Type, &h[0], &h[1]);
    if (old != NULL) {
        if (old->Owner != NULL)
            EmupFinding(0x1005, EmuGuestAddress(Mutex), 0, 0, EmupCurrent()->Loc, old->InitLoc,
                        "a %s was initialised again while held", EmuObjectTypeName(Type));
        old->Deleted = TRUE;
    }
    o = EmupObjectCreate(Type, Mutex, &h[0], &h[1]);
    o->SignalState = 1;                                               /* FM-1, GM-1 */
}

/* Takes a free mutex or queues for it; returns once Owner is the caller. */
static VOID Acquire(EMU_OBJECT *O, KWAIT_REASON Reason)
{
    EMU_THREAD *t = EmupCurrent();
    EmupVerifierAcquire(O);                                           /* FM-3: self-deadlock finding */
    EmupCharge(EMU_COST_ACQUIRE);
    if (O->SignalState == 1) {
        O->SignalState = 0;
        O->Owner = t;
    } else {
        O->Contention++;
        EmupBlockOn(O, Reason, FALSE);                                /* handed over by Release */
    }
    EmupVerifierAcquired(O, EmupCurrent());
    EmupTrace(EMU_EV_ACQUIRE, EmupCurrent(), O, 1, 0);
}

/* FM-7, DV-9: a fast mutex acquired with the Unsafe routine is released
   with the Unsafe one, and the reverse; a mix is Verifier's 0x1009. The
   release still happens as Windows does it: the IRQL is not restored by an
   Unsafe release, and a safe one restores what the Unsafe acquire saved. */
static VOID CheckPair(EMU_OBJECT *O, BOOLEAN Unsafe)
{
    EMU_THREAD *t = EmupCurrent();
    if (O->Owner == t && O->Unsafe != Unsafe)
        EmupFinding(0x1009, EmuGuestAddress(O->Address), 0, 0, t->Loc, 0,
                    "the FAST_MUTEX acquired with %s is released with %s",
                    O->Unsafe ? "ExAcquireFastMutexUnsafe" : "ExAcquireFastMutex",
                    Unsafe ? "ExReleaseFastMutexUnsafe" : "ExReleaseFastMutex");
}

static VOID Release(EMU_OBJECT *O)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_WAIT_BLOCK *b = O->WaitHead;
    if (!EmupVerifierRelease(O) && O->SignalState == 1)
        return;                                                       /* released while free: reported */
    (VOID)t;
    EmupCharge(EMU_COST_ACQUIRE);
    EmupTrace(EMU_EV_RELEASE, EmupCurrent(), O, 0, 0);
    if (b != NULL) {                                                  /* FM-4: the oldest waiter gets it */
        EmupWaitUnlink(b);
        O->Owner = b->Thread;
        EmupTrace(EMU_EV_WAKE, t, O, b->Thread->Tid, 0);
        EmupUnwait(b->Thread, STATUS_SUCCESS);
    } else {
        O->Owner = NULL;
        O->SignalState = 1;
    }
}

VOID ExInitializeFastMutex(PFAST_MUTEX FastMutex)
{
    Init(EMU_OBJ_FAST_MUTEX, FastMutex);
}

VOID ExAcquireFastMutex(PFAST_MUTEX FastMutex)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    KIRQL old = t->Irql;
    EmupCheckWaitNext("ExAcquireFastMutex");
    EMUP_X(EmupXWillWait(1, (PVOID *)&FastMutex, WaitAny, NULL));   /* deferred while held */
    EmupSchedPoint(EMU_COST_CALL);
    EMUP_X(EmupXWillWait(0, NULL, WaitAny, NULL));
    o = Get(EMU_OBJ_FAST_MUTEX, FastMutex);
    if (t->Irql > APC_LEVEL)                                          /* FM-2, BC-11 */
        EmupBugCheck(0xC4, 0x33, t->Irql, EmuGuestAddress(FastMutex), 0);
    EmupSetIrql(APC_LEVEL);
    Acquire(o, WrFastMutex);
    o->OldIrql = old;
    o->Unsafe = FALSE;
}

BOOLEAN ExTryToAcquireFastMutex(PFAST_MUTEX FastMutex)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    EmupCheckWaitNext("ExTryToAcquireFastMutex");
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(EMU_OBJ_FAST_MUTEX, FastMutex);
    if (t->Irql > APC_LEVEL)
        EmupBugCheck(0xC4, 0x33, t->Irql, EmuGuestAddress(FastMutex), 0);
    if (o->SignalState != 1) {                                        /* FM-6 */
        EmupTrace(EMU_EV_TRY_FAIL, EmupCurrent(), o, 0, 0);
        return FALSE;
    }
    o->OldIrql = t->Irql;
    EmupSetIrql(APC_LEVEL);
    Acquire(o, WrFastMutex);
    o->Unsafe = FALSE;
    return TRUE;
}

VOID ExReleaseFastMutex(PFAST_MUTEX FastMutex)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    KIRQL restore;
    EmupCheckWaitNext("ExReleaseFastMutex");
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(EMU_OBJ_FAST_MUTEX, FastMutex);
    if (t->Irql != APC_LEVEL)                                         /* FM-4, BC-12 */
        EmupBugCheck(0xC4, 0x34, t->Irql, EmuGuestAddress(FastMutex), 0);
    CheckPair(o, FALSE);
    restore = o->OldIrql;
    Release(o);
    EmupLowerIrql(restore);
}

static BOOLEAN UnsafeAllowed(EMU_THREAD *T)
{
    return T->Irql == APC_LEVEL || T->KernelApcDisable != 0 || T->SpecialApcDisable != 0;
}

VOID ExAcquireFastMutexUnsafe(PFAST_MUTEX FastMutex)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    EmupCheckWaitNext("ExAcquireFastMutexUnsafe");
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(EMU_OBJ_FAST_MUTEX, FastMutex);
    if (!UnsafeAllowed(t))                                            /* FM-7, BC-15 */
        EmupBugCheck(0xC4, 0x39, t->Irql, (ULONG64)(LONG64)t->KernelApcDisable, EmuGuestAddress(FastMutex));
    Acquire(o, WrFastMutex);
    o->OldIrql = t->Irql;
    o->Unsafe = TRUE;
}

VOID ExReleaseFastMutexUnsafe(PFAST_MUTEX FastMutex)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    EmupCheckWaitNext("ExReleaseFastMutexUnsafe");
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(EMU_OBJ_FAST_MUTEX, FastMutex);
    if (!UnsafeAllowed(t))
        EmupBugCheck(0xC4, 0x3A, t->Irql, (ULONG64)(LONG64)t->KernelApcDisable, EmuGuestAddress(FastMutex));
    CheckPair(o, TRUE);
    Release(o);
}

VOID KeInitializeGuardedMutex(PKGUARDED_MUTEX Mutex)
{
    Init(EMU_OBJ_GUARDED_MUTEX, Mutex);
}

VOID KeAcquireGuardedMutex(PKGUARDED_MUTEX Mutex)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    EmupCheckWaitNext("KeAcquireGuardedMutex");
    EMUP_X(EmupXWillWait(1, (PVOID *)&Mutex, WaitAny, NULL));       /* deferred while held */
    EmupSchedPoint(EMU_COST_CALL);
    EMUP_X(EmupXWillWait(0, NULL, WaitAny, NULL));
    o = Get(EMU_OBJ_GUARDED_MUTEX, Mutex);
    if (t->Irql > APC_LEVEL)                                          /* GM-2 */
        EmupBugCheck(0xC4, 0x33, t->Irql, EmuGuestAddress(Mutex), 0);
    t->SpecialApcDisable--;                                           /* guarded region first */
    Acquire(o, WrGuardedMutex);
    o->SpecialApcAtAcquire = t->SpecialApcDisable;
}

BOOLEAN KeTryToAcquireGuardedMutex(PKGUARDED_MUTEX Mutex)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    EmupCheckWaitNext("KeTryToAcquireGuardedMutex");
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(EMU_OBJ_GUARDED_MUTEX, Mutex);
    if (t->Irql > APC_LEVEL)
        EmupBugCheck(0xC4, 0x33, t->Irql, EmuGuestAddress(Mutex), 0);
    if (o->SignalState != 1) {                                        /* GM-6 */
        EmupTrace(EMU_EV_TRY_FAIL, EmupCurrent(), o, 0, 0);
        return FALSE;
    }
    t->SpecialApcDisable--;
    Acquire(o, WrGuardedMutex);
    o->SpecialApcAtAcquire = t->SpecialApcDisable;
    return TRUE;
}

VOID KeReleaseGuardedMutex(PKGUARDED_MUTEX Mutex)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    BOOLEAN owned;
    EmupCheckWaitNext("KeReleaseGuardedMutex");
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(EMU_OBJ_GUARDED_MUTEX, Mutex);
    if (t->Irql > APC_LEVEL)                                          /* GM-4 */
        EmupBugCheck(0xC4, 0x34, t->Irql, EmuGuestAddress(Mutex), 0);
    owned = o->Owner == t;
    if (owned && t->SpecialApcDisable != o->SpecialApcAtAcquire)      /* GM-4: regions left unbalanced */
        EmupBugCheck(0x1, 0, 0, ((ULONG)(USHORT)t->SpecialApcDisable << 16) | (USHORT)t->KernelApcDisable, 0);
    Release(o);
    if (owned)
        t->SpecialApcDisable++;                                       /* leave the guarded region */
}

/* FM-7 with the region: the critical region first, then the unsafe acquire;
   the release undoes both in the other order. */
VOID ExEnterCriticalRegionAndAcquireFastMutexUnsafe(PFAST_MUTEX FastMutex)
{
    KeEnterCriticalRegion();
    ExAcquireFastMutexUnsafe(FastMutex);
}

VOID ExReleaseFastMutexUnsafeAndLeaveCriticalRegion(PFAST_MUTEX FastMutex)
{
    ExReleaseFastMutexUnsafe(FastMutex);
    KeLeaveCriticalRegion();
}

/* GM-7: no guarded region of its own, so the caller must already keep APCs
   away (APC_LEVEL, or a guarded or critical region). The check and its
   Verifier codes are the fast mutex's (FM-9: one implementation since
   Windows 8). */
VOID KeAcquireGuardedMutexUnsafe(PKGUARDED_MUTEX GuardedMutex)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    EmupCheckWaitNext("KeAcquireGuardedMutexUnsafe");
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(EMU_OBJ_GUARDED_MUTEX, GuardedMutex);
    if (!UnsafeAllowed(t))
        EmupBugCheck(0xC4, 0x39, t->Irql, (ULONG64)(LONG64)t->KernelApcDisable, EmuGuestAddress(GuardedMutex));
    Acquire(o, WrGuardedMutex);
    o->Unsafe = TRUE;
    o->SpecialApcAtAcquire = t->SpecialApcDisable;
}

VOID KeReleaseGuardedMutexUnsafe(PKGUARDED_MUTEX GuardedMutex)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    EmupCheckWaitNext("KeReleaseGuardedMutexUnsafe");
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(EMU_OBJ_GUARDED_MUTEX, GuardedMutex);
    if (!UnsafeAllowed(t))
        EmupBugCheck(0xC4, 0x3A, t->Irql, (ULONG64)(LONG64)t->KernelApcDisable, EmuGuestAddress(GuardedMutex));
    Release(o);
}
