/*++
Module Name: resource.c
Abstract: ERESOURCE (RES-n): shared and exclusive ownership with recursion,
          writers not starved, ownership handed to waiters on release. Not
          tracked by Verifier's deadlock detection (RES-8).
--*/
#include "emup.h"

static EMU_OBJECT *Get(PERESOURCE Resource)
{
    EMU_OBJECT *o;
    if (Resource == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, 0, 0, 0);
    o = EmupObjectLookup(Resource, EMU_OBJ_RESOURCE, &Resource->EmuTag, &Resource->EmuId);
    if (o == NULL)
    {
        EMU_POOL_BLOCK *b = EmupPoolBlockOf(Resource);
        if (b != NULL && !b->Live)
            EmupUnknownObject(Resource);                              /* freed: 0xD5 */
        EmupBugCheck(0xC4, 0xD1, EmuGuestAddress(Resource), 0, 0);    /* uninitialised ERESOURCE */
    }
    return o;
}

static EMU_SHARED_OWNER *SharedEntry(EMU_OBJECT *O, EMU_THREAD *T)
{
    ULONG i;
    for (i = 0; i < O->SharedCount; i++)
        if (O->Shared[i].Thread == T)
            return &O->Shared[i];
    return NULL;
}

static VOID AddShared(EMU_OBJECT *O, EMU_THREAD *T)
{
    EMU_SHARED_OWNER *e = SharedEntry(O, T);
    if (e == NULL) {
        if (O->SharedCount == EMU_MAX_SHARED)
            EmupBugCheck(0xE3, EmuGuestAddress(O->Address), EmuGuestAddress(T), 0, 1);
        e = &O->Shared[O->SharedCount++];
        e->Thread = T;
        e->Count = 0;
    }
    e->Count++;
}

static BOOLEAN ExclusiveWaiter(EMU_OBJECT *O)
{
    EMU_WAIT_BLOCK *b;
    for (b = O->WaitHead; b != NULL; b = b->Next)
        if (b->Exclusive)
            return TRUE;
    return FALSE;
}

static VOID CheckApcs(EMU_THREAD *T, ULONG Subcode, PVOID Resource)
{
    if (T->Irql > APC_LEVEL)
        EmupBugCheck(0xC4, Subcode, T->Irql, (ULONG64)(LONG64)T->KernelApcDisable, EmuGuestAddress(Resource));
    /* RES-2: normal kernel APCs must be off while an ERESOURCE is used. */
    if (T->Irql < APC_LEVEL && T->KernelApcDisable == 0 && T->SpecialApcDisable == 0)
        EmupBugCheck(0xC4, Subcode, T->Irql, (ULONG64)(LONG64)T->KernelApcDisable, EmuGuestAddress(Resource));
}

NTSTATUS ExInitializeResourceLite(PERESOURCE Resource)
{
    EMU_OBJECT *old;
    EmupCheckWaitNext("ExInitializeResourceLite");
    EmupSchedPoint(EMU_COST_CALL);
    if (Resource == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, 0, 0, 0);
    EmupCheckResident(Resource);                                      /* BC-24 */
    old = EmupObjectLookup(Resource, EMU_OBJ_RESOURCE, &Resource->EmuTag, &Resource->EmuId);
    if (old != NULL)
        EmupBugCheck(0xC4, 0xD0, EmuGuestAddress(Resource), 0, 0);    /* RES-1 */
    EmupObjectCreate(EMU_OBJ_RESOURCE, Resource, &Resource->EmuTag, &Resource->EmuId);
    return STATUS_SUCCESS;
}

BOOLEAN ExAcquireResourceExclusiveLite(PERESOURCE Resource, BOOLEAN Wait)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    EmupCheckWaitNext("ExAcquireResourceExclusiveLite");
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(Resource);
    CheckApcs(t, 0x37, Resource);
    EmupCharge(EMU_COST_ACQUIRE);
    if (o->Owner == t) {                                              /* RES-3: recursive */
        o->OwnerCount++;
    } else if (o->Owner == NULL && o->SharedCount == 0) {
        o->Owner = t;
        o->OwnerCount = 1;
    } else if (!Wait) {
        EmupTrace(EMU_EV_TRY_FAIL, EmupCurrent(), o, 0, FALSE);
        return FALSE;
    } else {
        /* A shared owner asking for exclusive waits too: no upgrade (RES-3). */
        EmupBlockOn(o, WrResource, TRUE);                             /* handed over on release */
    }
    EmupTrace(EMU_EV_ACQUIRE, EmupCurrent(), o, o->OwnerCount, FALSE);
    return TRUE;
}

/* RES-4 and its variants: who may join the shared owners at once. */
typedef enum _SHARED_POLICY {
    SharedLite,            /* not past an exclusive waiter, unless already sharing */
    SharedStarveExclusive, /* past exclusive waiters too                           */
    SharedWaitForExclusive /* behind exclusive waiters even when already sharing   */
} SHARED_POLICY;

static BOOLEAN AcquireShared(PERESOURCE Resource, BOOLEAN Wait, SHARED_POLICY Policy)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    EMU_SHARED_OWNER *mine;
    BOOLEAN now;
    EmupCheckWaitNext("ExAcquireResourceSharedLite");
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(Resource);
    CheckApcs(t, 0x37, Resource);
    EmupCharge(EMU_COST_ACQUIRE);
    mine = SharedEntry(o, t);
    if (o->Owner == t) {                                              /* RES-4: stays exclusive */
        o->OwnerCount++;
        EmupTrace(EMU_EV_ACQUIRE, EmupCurrent(), o, o->OwnerCount, FALSE);
        return TRUE;
    }
    if (o->Owner != NULL)
        now = FALSE;
    else if (Policy == SharedStarveExclusive)
        now = TRUE;
    else if (Policy == SharedWaitForExclusive)
        now = !ExclusiveWaiter(o);
    else
        now = mine != NULL || !ExclusiveWaiter(o);
    if (now) {
        AddShared(o, t);
    } else if (!Wait) {
        EmupTrace(EMU_EV_TRY_FAIL, EmupCurrent(), o, 0, TRUE);
        return FALSE;
    } else {
        EmupBlockOn(o, WrResource, FALSE);                            /* added as a shared owner on wake */
    }
    EmupTrace(EMU_EV_ACQUIRE, EmupCurrent(), o, SharedEntry(o, t)->Count, TRUE);
    return TRUE;
}

BOOLEAN ExAcquireResourceSharedLite(PERESOURCE Resource, BOOLEAN Wait)
{
    return AcquireShared(Resource, Wait, SharedLite);
}

BOOLEAN ExAcquireSharedStarveExclusive(PERESOURCE Resource, BOOLEAN Wait)
{
    return AcquireShared(Resource, Wait, SharedStarveExclusive);
}

BOOLEAN ExAcquireSharedWaitForExclusive(PERESOURCE Resource, BOOLEAN Wait)
{
    return AcquireShared(Resource, Wait, SharedWaitForExclusive);
}

/* RES-5: an exclusive waiter first (FIFO), else every shared waiter. */
static VOID Grant(EMU_OBJECT *O)
{
    EMU_WAIT_BLOCK *b, *next;
    if (O->Owner != NULL || O->WaitHead == NULL)
        return;
    for (b = O->WaitHead; b != NULL; b = b->Next) {
        if (b->Exclusive) {
            if (O->SharedCount != 0)
                return;
            EmupWaitUnlink(b);
            O->Owner = b->Thread;
            O->OwnerCount = 1;
            EmupUnwait(b->Thread, STATUS_SUCCESS);
            return;
        }
    }
    for (b = O->WaitHead; b != NULL; b = next) {
        next = b->Next;
        EmupWaitUnlink(b);
        AddShared(O, b->Thread);
        EmupUnwait(b->Thread, STATUS_SUCCESS);
    }
}

/* RES-5, RES-6: one level of Owner's hold, exclusive or shared. */
static VOID ReleaseFor(PERESOURCE Resource, EMU_THREAD *Owner)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    EMU_SHARED_OWNER *mine;
    EmupCheckWaitNext("ExReleaseResourceLite");
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(Resource);
    if (t->Irql > DISPATCH_LEVEL)
        EmupBugCheck(0xC4, 0x38, t->Irql, (ULONG64)(LONG64)t->KernelApcDisable, EmuGuestAddress(Resource));
    /* RES-2, BC-14: the release, too, needs normal kernel APCs off. */
    if (t->Irql < APC_LEVEL && t->KernelApcDisable == 0 && t->SpecialApcDisable == 0)
        EmupBugCheck(0xC4, 0x38, t->Irql, (ULONG64)(LONG64)t->KernelApcDisable, EmuGuestAddress(Resource));
    EmupCharge(EMU_COST_ACQUIRE);
    if (Owner != NULL && o->Owner == Owner) {
        if (--o->OwnerCount == 0)
            o->Owner = NULL;
        EmupTrace(EMU_EV_RELEASE, EmupCurrent(), o, o->OwnerCount, FALSE);
    } else if (Owner != NULL && (mine = SharedEntry(o, Owner)) != NULL) {
        EmupTrace(EMU_EV_RELEASE, EmupCurrent(), o, mine->Count - 1, TRUE);
        if (--mine->Count == 0)
            *mine = o->Shared[--o->SharedCount];
    } else {                                                          /* RES-6 */
        EmupBugCheck(0xE3, EmuGuestAddress(Resource), EmuGuestAddress(Owner), 0, 0);
    }
    Grant(o);
}

VOID ExReleaseResourceLite(PERESOURCE Resource)
{
    ReleaseFor(Resource, EmupCurrent());
}

/* RES-6: on behalf of the owner ExGetCurrentResourceThread named, from any
   thread. An id that names no thread owns nothing. */
VOID ExReleaseResourceForThreadLite(PERESOURCE Resource, ERESOURCE_THREAD ResourceThreadId)
{
    EMU_OBJECT *t = EmupObjectAny((PVOID)ResourceThreadId);
    ReleaseFor(Resource, t != NULL && t->Type == EMU_OBJ_THREAD ? (EMU_THREAD *)t->Address : NULL);
}

BOOLEAN ExIsResourceAcquiredExclusiveLite(PERESOURCE Resource)
{
    EMU_OBJECT *o;
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(Resource);
    return o->Owner == EmupCurrent();
}

/* How many times the caller holds it, shared or exclusive; 0 when not. */
ULONG ExIsResourceAcquiredSharedLite(PERESOURCE Resource)
{
    EMU_OBJECT *o;
    EMU_SHARED_OWNER *mine;
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(Resource);
    if (o->Owner == EmupCurrent())
        return o->OwnerCount;
    mine = SharedEntry(o, EmupCurrent());
    return mine != NULL ? mine->Count : 0;
}

VOID ExConvertExclusiveToSharedLite(PERESOURCE Resource)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    EmupCheckWaitNext("ExConvertExclusiveToSharedLite");
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(Resource);
    if (o->Owner != t)
        EmupBugCheck(0xE3, EmuGuestAddress(Resource), EmuGuestAddress(t), 0, 0);
    o->Owner = NULL;                                                  /* RES-7 */
    AddShared(o, t);
    SharedEntry(o, t)->Count = o->OwnerCount;
    o->OwnerCount = 0;
    {
        EMU_WAIT_BLOCK *b, *next;
        for (b = o->WaitHead; b != NULL; b = next) {
            next = b->Next;
            if (!b->Exclusive) {
                EmupWaitUnlink(b);
                AddShared(o, b->Thread);
                EmupUnwait(b->Thread, STATUS_SUCCESS);
            }
        }
    }
}

NTSTATUS ExDeleteResourceLite(PERESOURCE Resource)
{
    EMU_OBJECT *o;
    EmupCheckWaitNext("ExDeleteResourceLite");
    EmupSchedPoint(EMU_COST_CALL);
    o = Get(Resource);
    if (EmupCurrent()->Irql > APC_LEVEL)
        EmupBugCheck(0xC4, 0x38, EmupCurrent()->Irql, 0, EmuGuestAddress(Resource));
    o->Deleted = TRUE;
    Resource->EmuTag = 0;
    return STATUS_SUCCESS;
}
