/*++
Module Name: spin_lock.c
Abstract: Spin locks (SL-n). The lock word holds the emulator's id; a zero
          word is a free lock, as KeInitializeSpinLock leaves it. A CPU that
          finds the lock busy spins: it keeps its CPU at DISPATCH_LEVEL and is
          not scheduled until the lock is released (its clock jumps to then).
--*/
#include "emup.h"

#define SPIN_TAG_SHIFT 32

static EMU_OBJECT *Get(PKSPIN_LOCK SpinLock)
{
    ULONG tag, id;
    EMU_OBJECT *o;
    if (SpinLock == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, 0, 0, 0);
    if (*SpinLock == 0) {
        /* A zeroed lock is a valid free lock on Windows (SL-1). */
        EmupCheckResident(SpinLock);
        o = EmupObjectCreate(EMU_OBJ_SPIN_LOCK, SpinLock, &tag, &id);
        *SpinLock = ((ULONG64)tag << SPIN_TAG_SHIFT) | id;
        return o;
    }
    tag = (ULONG)(*SpinLock >> SPIN_TAG_SHIFT);
    id = (ULONG)*SpinLock;
    o = EmupObjectLookup(SpinLock, EMU_OBJ_SPIN_LOCK, &tag, &id);
    if (o == NULL)
        EmupUnknownObject(SpinLock);                  /* a lock word we never saw, or freed */
    return o;
}

/* SL-6, SL-11: spin until free. Re-acquiring one's own lock spins forever
   (a Verifier self-deadlock finding first, then the run deadlocks). A
   queued acquire (Queued) also waits for its turn: FIFO (SL-8). */
static VOID TakeInTurn(EMU_OBJECT *O, BOOLEAN Queued)
{
    EMU_THREAD *t = EmupCurrent();
    ULONG ticket = Queued ? O->QueueTicket++ : 0;
    EmupVerifierAcquire(O);
    while (O->Owner != NULL || (Queued && ticket != O->QueueServing)) {
        t->State = EmuThreadSpinning;
        t->SpinningOn = O;
        EmupTrace(EMU_EV_SPIN_BEGIN, EmupCurrent(), O, 0, 0);
        EmupBlock();                                  /* readied by Release */
        t->SpinningOn = NULL;
        EmupTrace(EMU_EV_SPIN_END, EmupCurrent(), O, 0, 0);
    }
    EmupCharge(EMU_COST_ACQUIRE);
    O->Owner = t;
    EmupVerifierAcquired(O, EmupCurrent());
    EmupTrace(EMU_EV_ACQUIRE, EmupCurrent(), O, 1, 0);
}

static VOID Take(EMU_OBJECT *O)
{
    TakeInTurn(O, FALSE);
}

static VOID Give(EMU_OBJECT *O)
{
    ULONG i;
    EmupVerifierRelease(O);
    EmupCharge(EMU_COST_ACQUIRE);
    O->Owner = NULL;
    EmupTrace(EMU_EV_RELEASE, EmupCurrent(), O, 0, 0);
    /* Spinners retry from now on; whichever moves first takes it (SL-8). */
    for (i = 0; i < EmupM->Config.Cpus; i++) {
        EMU_THREAD *s = EmupM->Cpus[i].Thread;
        if (s != NULL && s->State == EmuThreadSpinning && s->SpinningOn == O) {
            ULONG64 now = EmupNow() + EMU_COST_SPIN;
            if (EmupM->Cpus[i].Clock < now)
                EmupM->Cpus[i].Clock = now;
            s->State = EmuThreadRunning;
        }
    }
}

VOID KeInitializeSpinLock(PKSPIN_LOCK SpinLock)
{
    EmupCheckWaitNext("KeInitializeSpinLock");
    EmupSchedPoint(EMU_COST_CALL);
    if (SpinLock == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, 0, 0, 0);
    *SpinLock = 0;
    (VOID)Get(SpinLock);
}

VOID KeAcquireSpinLock(PKSPIN_LOCK SpinLock, PKIRQL OldIrql)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    KIRQL old = t->Irql;
    EmupCheckWaitNext("KeAcquireSpinLock");
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(SpinLock);
    if (t->Irql > DISPATCH_LEVEL)                                     /* SL-2, BC-17 */
        EmupBugCheck(0xC4, 0x42, t->Irql, EmuGuestAddress(SpinLock), 0);
    EmupSetIrql(DISPATCH_LEVEL);
    Take(o);
    if (OldIrql != NULL)
        *OldIrql = old;
}

VOID KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    EmupCheckWaitNext("KeReleaseSpinLock");
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(SpinLock);
    if (t->Irql != DISPATCH_LEVEL)                                    /* SL-3, BC-10 */
        EmupBugCheck(0xC4, 0x32, t->Irql, EmuGuestAddress(SpinLock), 0);
    if (o->Owner == NULL) {                                           /* double release */
        EmupVerifierRelease(o);
        EmupBugCheck(0x10, EmuGuestAddress(SpinLock), 0, 0, 0);       /* SPIN_LOCK_NOT_OWNED */
    }
    Give(o);
    if (NewIrql > DISPATCH_LEVEL)
        EmupBugCheck(0xC4, 0x31, t->Irql, NewIrql, 0);
    EmupLowerIrql(NewIrql);
}

VOID KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    EmupCheckWaitNext("KeAcquireSpinLockAtDpcLevel");
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(SpinLock);
    if (t->Irql < DISPATCH_LEVEL)                                     /* SL-4 */
        EmupBugCheck(0xC4, 0x40, t->Irql, EmuGuestAddress(SpinLock), 0);
    Take(o);
}

VOID KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    EmupCheckWaitNext("KeReleaseSpinLockFromDpcLevel");
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(SpinLock);
    if (t->Irql < DISPATCH_LEVEL)
        EmupBugCheck(0xC4, 0x41, t->Irql, EmuGuestAddress(SpinLock), 0);
    if (o->Owner == NULL) {
        EmupVerifierRelease(o);
        EmupBugCheck(0x10, EmuGuestAddress(SpinLock), 0, 0, 0);
    }
    Give(o);
}

BOOLEAN KeTryToAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    EmupCheckWaitNext("KeTryToAcquireSpinLockAtDpcLevel");
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(SpinLock);
    if (t->Irql < DISPATCH_LEVEL)
        EmupBugCheck(0xC4, 0x40, t->Irql, EmuGuestAddress(SpinLock), 0);
    if (o->Owner != NULL) {                                           /* SL-5 */
        EmupTrace(EMU_EV_TRY_FAIL, EmupCurrent(), o, 0, 0);
        return FALSE;
    }
    Take(o);
    return TRUE;
}

/* In-stack queued spin locks (SL-8): the handle records the lock and the
   IRQL to restore; waiters are granted the lock in the order they asked.
   The handle holds the lock's emulator id, never a host pointer, so a
   handle the driver overwrote cannot reach host memory. */
#define QUEUE_HANDLE_MAGIC 0x51484E44ull                                  /* "QHND" */

static VOID QueueAcquire(PKSPIN_LOCK SpinLock, PKLOCK_QUEUE_HANDLE LockHandle, KIRQL Old)
{
    EMU_OBJECT *o = Get(SpinLock);
    if (LockHandle == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, 0, 0, 0);
    TakeInTurn(o, TRUE);
    LockHandle->EmuReserved[0] = (QUEUE_HANDLE_MAGIC << 32) | o->Id;
    LockHandle->EmuReserved[1] = Old;
    LockHandle->EmuReserved[2] = 0;
}

/* The lock a handle names, if it still holds one. */
static EMU_OBJECT *QueueHandleLock(PKLOCK_QUEUE_HANDLE LockHandle)
{
    ULONG64 word;
    ULONG id;
    if (LockHandle == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, 0, 0, 0);
    word = LockHandle->EmuReserved[0];
    id = (ULONG)word;
    if ((word >> 32) != QUEUE_HANDLE_MAGIC || id == 0 || id > EmupM->ObjectCount ||
        EmupM->Objects[id - 1]->Type != EMU_OBJ_SPIN_LOCK || EmupM->Objects[id - 1]->Deleted)
        EmupBugCheck(0x10, EmuGuestAddress(LockHandle), 0, 0, 0);   /* SPIN_LOCK_NOT_OWNED */
    EMUP_X(EmupXObject(id));
    return EmupM->Objects[id - 1];
}

static VOID QueueRelease(EMU_OBJECT *O, PKLOCK_QUEUE_HANDLE LockHandle)
{
    if (O->Owner == NULL) {
        EmupVerifierRelease(O);
        EmupBugCheck(0x10, EmuGuestAddress(O->Address), 0, 0, 0);
    }
    LockHandle->EmuReserved[0] = 0;                                  /* a second release is caught */
    O->QueueServing++;
    Give(O);
}

VOID KeAcquireInStackQueuedSpinLock(PKSPIN_LOCK SpinLock, PKLOCK_QUEUE_HANDLE LockHandle)
{
    EMU_THREAD *t = EmupCurrent();
    KIRQL old = t->Irql;
    EmupCheckWaitNext("KeAcquireInStackQueuedSpinLock");
    EmupSchedPoint(EMU_COST_CALL);
    if (t->Irql > DISPATCH_LEVEL)                                     /* SL-2, BC-17 */
        EmupBugCheck(0xC4, 0x42, t->Irql, EmuGuestAddress(SpinLock), 0);
    EmupSetIrql(DISPATCH_LEVEL);
    QueueAcquire(SpinLock, LockHandle, old);
}

VOID KeReleaseInStackQueuedSpinLock(PKLOCK_QUEUE_HANDLE LockHandle)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    KIRQL restore;
    EmupCheckWaitNext("KeReleaseInStackQueuedSpinLock");
    EmupSchedPoint(EMU_COST_CALL);
    o = QueueHandleLock(LockHandle);
    if (t->Irql != DISPATCH_LEVEL)                                    /* SL-3, BC-13 (0x36) */
        EmupBugCheck(0xC4, 0x36, t->Irql, EmuGuestAddress(o->Address), 0);
    restore = (KIRQL)LockHandle->EmuReserved[1];
    QueueRelease(o, LockHandle);
    /* The handle is the driver's memory: an IRQL above the lock's in it would
       make the release a raise, as KeReleaseSpinLock's NewIrql would. */
    if (restore > DISPATCH_LEVEL)
        EmupBugCheck(0xC4, 0x31, t->Irql, restore, 0);
    EmupLowerIrql(restore);
}

VOID KeAcquireInStackQueuedSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock, PKLOCK_QUEUE_HANDLE LockHandle)
{
    EMU_THREAD *t = EmupCurrent();
    EmupCheckWaitNext("KeAcquireInStackQueuedSpinLockAtDpcLevel");
    EmupSchedPoint(EMU_COST_CALL);
    if (t->Irql < DISPATCH_LEVEL)                                     /* SL-4 */
        EmupBugCheck(0xC4, 0x40, t->Irql, EmuGuestAddress(SpinLock), 0);
    QueueAcquire(SpinLock, LockHandle, t->Irql);
}

VOID KeReleaseInStackQueuedSpinLockFromDpcLevel(PKLOCK_QUEUE_HANDLE LockHandle)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    EmupCheckWaitNext("KeReleaseInStackQueuedSpinLockFromDpcLevel");
    EmupSchedPoint(EMU_COST_CALL);
    o = QueueHandleLock(LockHandle);
    if (t->Irql < DISPATCH_LEVEL)
        EmupBugCheck(0xC4, 0x41, t->Irql, EmuGuestAddress(o->Address), 0);
    QueueRelease(o, LockHandle);
}
