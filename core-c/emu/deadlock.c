/*++
Module Name: deadlock.c
Abstract: When no thread can move and some have not ended, the run is a
          deadlock: list each blocked thread, what it waits for and who owns
          that, and mark the threads on a wait-for cycle.
--*/
#include "emup.h"

EMU_THREAD *EmupObjectOwner(EMU_OBJECT *Object)
{
    switch (Object->Type) {
    case EMU_OBJ_MUTEX:
    case EMU_OBJ_FAST_MUTEX:
    case EMU_OBJ_GUARDED_MUTEX:
    case EMU_OBJ_SPIN_LOCK:
        return Object->Owner;
    case EMU_OBJ_RESOURCE:
        if (Object->Owner != NULL)
            return Object->Owner;
        return Object->SharedCount ? Object->Shared[0].Thread : NULL;
    case EMU_OBJ_THREAD:
        /* waiting for a thread to end: that thread is what it waits on */
        return (EMU_THREAD *)((PUCHAR)Object - offsetof(EMU_THREAD, Obj));
    default:
        return NULL;
    }
}

static EMU_OBJECT *WaitedObject(EMU_THREAD *Thread)
{
    if (Thread->State == EmuThreadSpinning)
        return Thread->SpinningOn;
    if (Thread->State == EmuThreadWaiting && Thread->WaitCount > 0)
        return Thread->WaitBlocks[0].Object;
    return NULL;
}

static BOOLEAN OnCycle(EMU_THREAD *Start)
{
    EMU_THREAD *t = Start;
    ULONG steps;
    for (steps = 0; steps <= EmupM->ThreadCount; steps++) {
        EMU_OBJECT *o = WaitedObject(t);
        if (o == NULL || (t = EmupObjectOwner(o)) == NULL)
            return FALSE;
        if (t == Start)
            return TRUE;
    }
    return FALSE;
}

VOID EmupReportDeadlock(VOID)
{
    EMU_RESULT *r = &EmupM->Result;
    UCHAR payload[EMU_MAX_DEADLOCK * 24 + 8];
    SIZE_T n = 0;
    ULONG i;

    r->DeadlockCount = 0;
    for (i = 0; i < EmupM->ThreadCount && r->DeadlockCount < EMU_MAX_DEADLOCK; i++) {
        EMU_THREAD *t = EmupM->Threads[i];
        EMU_OBJECT *o;
        EMU_THREAD *owner;
        EMU_DEADLOCK_ENTRY *e;
        if (t->State == EmuThreadTerminated)
            continue;
        o = WaitedObject(t);
        owner = o ? EmupObjectOwner(o) : NULL;
        e = &r->Deadlock[r->DeadlockCount++];
        e->Thread = t->Tid;
        e->Object = o ? o->Id : 0;
        e->ObjectType = o ? o->Type : 0;
        e->Owner = owner ? owner->Tid : 0;
        e->Loc = t->Loc;
        e->InCycle = OnCycle(t);
    }
    n += EmupTraceVarint(payload + n, r->DeadlockCount);
    for (i = 0; i < r->DeadlockCount; i++) {
        n += EmupTraceVarint(payload + n, r->Deadlock[i].Thread);
        n += EmupTraceVarint(payload + n, r->Deadlock[i].Object);
        n += EmupTraceVarint(payload + n, r->Deadlock[i].ObjectType);
        n += EmupTraceVarint(payload + n, r->Deadlock[i].Owner);
        n += EmupTraceVarint(payload + n, r->Deadlock[i].Loc);
        n += EmupTraceVarint(payload + n, r->Deadlock[i].InCycle);
    }
    EmupTraceEx(EMU_EV_DEADLOCK, EmupNow(), 0xFF, NULL, 0, r->DeadlockCount, 0, 0, payload, n);
}
