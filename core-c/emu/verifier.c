/*++
Module Name: verifier.c
Abstract: Driver Verifier's deadlock detection (DV-n) on spin locks, KMUTEX,
          FAST_MUTEX and guarded mutexes: per thread the held locks in order,
          a global "held while acquiring" graph whose cycles are lock-order
          violations. Findings go on the run (the playground's mode) unless
          FindingsFatal makes them bug checks.
--*/
#include "emup.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static BOOLEAN Tracked(EMU_OBJECT *Lock)
{
    return Lock->Type == EMU_OBJ_MUTEX || Lock->Type == EMU_OBJ_FAST_MUTEX ||
           Lock->Type == EMU_OBJ_GUARDED_MUTEX || Lock->Type == EMU_OBJ_SPIN_LOCK;
}

VOID EmupFinding(ULONG Code, ULONG64 P1, ULONG64 P2, ULONG64 P3, ULONG Loc1, ULONG Loc2, PCSTR Format, ...)
{
    EMU_RESULT *r = &EmupM->Result;
    EMU_THREAD *t = EmupCurrent();
    EMU_FINDING *f;
    va_list args;
    ULONG i;

    for (i = 0; i < r->FindingCount; i++)                             /* once per code and lock */
        if (r->Findings[i].Code == Code && r->Findings[i].Params[0] == P1)
            return;
    if (r->FindingCount == EMU_MAX_FINDINGS)
        return;
    f = &r->Findings[r->FindingCount++];
    f->Code = Code;
    f->Params[0] = P1;
    f->Params[1] = P2;
    f->Params[2] = P3;
    f->Locs[0] = Loc1;
    f->Locs[1] = Loc2;
    va_start(args, Format);
    vsnprintf(f->Message, sizeof(f->Message), Format, args);
    va_end(args);
    {
        UCHAR payload[sizeof(f->Message) + 8];
        SIZE_T n = EmupTraceVarint(payload, Loc2), len = strlen(f->Message);
        memcpy(payload + n, f->Message, len);
        EmupTraceEx(EMU_EV_FINDING, EmupNow(), EMUP_CPU_OF(t), t, 0, Code, P1, Loc1, payload, n + len);
    }
    if (EmupM->Config.FindingsFatal)
        EmupBugCheck(0xC4, Code, P1, P2, P3);
}

static LONG HeldIndex(EMU_THREAD *T, EMU_OBJECT *Lock)
{
    ULONG i;
    for (i = 0; i < T->HeldCount; i++)
        if (T->Held[i] == Lock)
            return (LONG)i;
    return -1;
}

static LONG EdgeIndex(ULONG From, ULONG To)
{
    ULONG i;
    for (i = 0; i < EmupM->EdgeCount; i++)
        if (EmupM->EdgeFrom[i] == From && EmupM->EdgeTo[i] == To)
            return (LONG)i;
    return -1;
}

/* Depth-first: is To reachable from From in the order graph? */
static BOOLEAN Reaches(ULONG From, ULONG To, ULONG Depth, ULONG *Loc)
{
    ULONG i;
    if (Depth > 64)
        return FALSE;
    for (i = 0; i < EmupM->EdgeCount; i++) {
        if (EmupM->EdgeFrom[i] != From)
            continue;
        if (EmupM->EdgeTo[i] == To || Reaches(EmupM->EdgeTo[i], To, Depth + 1, Loc)) {
            if (*Loc == 0)
                *Loc = EmupM->EdgeLoc[i];
            return TRUE;
        }
    }
    return FALSE;
}

static VOID AddEdge(ULONG From, ULONG To, ULONG Loc)
{
    if (EdgeIndex(From, To) >= 0)
        return;
    if (EmupM->EdgeCount == EmupM->EdgeCap) {
        ULONG cap = EmupM->EdgeCap ? EmupM->EdgeCap * 2 : 64;
        ULONG *f = (ULONG *)realloc(EmupM->EdgeFrom, cap * sizeof(ULONG));
        ULONG *t = f ? (ULONG *)realloc(EmupM->EdgeTo, cap * sizeof(ULONG)) : NULL;
        ULONG *l = t ? (ULONG *)realloc(EmupM->EdgeLoc, cap * sizeof(ULONG)) : NULL;
        if (f) EmupM->EdgeFrom = f;
        if (t) EmupM->EdgeTo = t;
        if (l) EmupM->EdgeLoc = l;
        if (l == NULL)
            return;
        EmupM->EdgeCap = cap;
    }
    EmupM->EdgeFrom[EmupM->EdgeCount] = From;
    EmupM->EdgeTo[EmupM->EdgeCount] = To;
    EmupM->EdgeLoc[EmupM->EdgeCount] = Loc;
    EmupM->EdgeCount++;
}

VOID EmupVerifierAcquire(EMU_OBJECT *Lock)
{
    EMU_THREAD *t = EmupCurrent();
    LONG held;
    ULONG i, loc = 0;

    if (!Tracked(Lock))
        return;
    held = HeldIndex(t, Lock);
    if (held >= 0) {
        if (Lock->Type != EMU_OBJ_MUTEX)                              /* DV-2, FM-3 */
            EmupFinding(0x1000, EmuGuestAddress(Lock->Address), 0, 0, t->Loc, t->HeldLoc[held],
                        "thread %u acquires the %s it already holds: it will wait for itself forever",
                        t->Tid, EmuObjectTypeName(Lock->Type));
        return;
    }
    for (i = 0; i < t->HeldCount; i++) {                              /* DV-3, DV-12 */
        ULONG a = t->Held[i]->Id;
        loc = 0;
        if (Reaches(Lock->Id, a, 0, &loc))
            EmupFinding(0x1001, EmuGuestAddress(Lock->Address), EmuGuestAddress(t->Held[i]->Address), 0, t->Loc,
                        loc, "lock order inversion: %s #%u is acquired while holding %s #%u, "
                        "but elsewhere #%u was held while acquiring #%u",
                        EmuObjectTypeName(Lock->Type), Lock->Id, EmuObjectTypeName(t->Held[i]->Type), a,
                        Lock->Id, a);
        AddEdge(a, Lock->Id, t->Loc);
    }
}

VOID EmupVerifierAcquired(EMU_OBJECT *Lock, EMU_THREAD *Thread)
{
    EMU_THREAD *t = Thread;
    if (!Tracked(Lock) || HeldIndex(t, Lock) >= 0 || t->HeldCount == EMU_MAX_HELD)
        return;
    t->HeldLoc[t->HeldCount] = t->Loc;
    t->Held[t->HeldCount++] = Lock;
}

BOOLEAN EmupVerifierRelease(EMU_OBJECT *Lock)
{
    EMU_THREAD *t = EmupCurrent();
    LONG held;
    ULONG i;

    if (!Tracked(Lock))
        return TRUE;
    held = HeldIndex(t, Lock);
    if (held < 0) {
        EMU_THREAD *owner = Lock->Owner;
        if (owner != NULL && owner != t)                              /* DV-6 */
            EmupFinding(0x1004, EmuGuestAddress(Lock->Address), EmuGuestAddress(owner), EmuGuestAddress(t), t->Loc, 0,
                        "thread %u releases the %s that thread %u acquired", t->Tid,
                        EmuObjectTypeName(Lock->Type), EmupTid(owner));
        else                                                          /* DV-8 */
            EmupFinding(0x1007, EmuGuestAddress(Lock->Address), 0, 0, t->Loc, 0,
                        "thread %u releases a %s that is not held", t->Tid, EmuObjectTypeName(Lock->Type));
        if (owner != NULL && owner != t) {
            LONG h = HeldIndex(owner, Lock);
            if (h >= 0) {
                for (i = (ULONG)h; i + 1 < owner->HeldCount; i++) {
                    owner->Held[i] = owner->Held[i + 1];
                    owner->HeldLoc[i] = owner->HeldLoc[i + 1];
                }
                owner->HeldCount--;
            }
        }
        return FALSE;
    }
    if (Lock->Type == EMU_OBJ_SPIN_LOCK && (ULONG)held + 1 != t->HeldCount &&
        t->Held[t->HeldCount - 1]->Type == EMU_OBJ_SPIN_LOCK)          /* DV-5: spin locks are LIFO */
        EmupFinding(0x1003, EmuGuestAddress(Lock->Address), EmuGuestAddress(t->Held[t->HeldCount - 1]->Address), 0,
                    t->Loc, t->HeldLoc[t->HeldCount - 1],
                    "spin lock #%u is released before spin lock #%u that was acquired after it", Lock->Id,
                    t->Held[t->HeldCount - 1]->Id);
    for (i = (ULONG)held; i + 1 < t->HeldCount; i++) {
        t->Held[i] = t->Held[i + 1];
        t->HeldLoc[i] = t->HeldLoc[i + 1];
    }
    t->HeldCount--;
    return TRUE;
}

VOID EmupVerifierThreadExit(EMU_THREAD *Thread)
{
    if (Thread->HeldCount != 0)                                       /* DV-10 */
        EmupFinding(0x100A, EmuGuestAddress(Thread), EmuGuestAddress(Thread->Held[0]->Address), 0, Thread->Loc,
                    Thread->HeldLoc[0], "thread %u ends while holding %s #%u", Thread->Tid,
                    EmuObjectTypeName(Thread->Held[0]->Type), Thread->Held[0]->Id);
}

VOID EmupVerifierObjectFreed(EMU_OBJECT *Lock)
{
    EMU_THREAD *t = EmupCurrent();
    if (Tracked(Lock) && Lock->Owner != NULL)                         /* DV-11 */
        EmupFinding(0x100B, EmuGuestAddress(Lock->Address), EmuGuestAddress(Lock->Owner), 0, t ? t->Loc : 0, 0,
                    "%s #%u is freed while thread %u holds it", EmuObjectTypeName(Lock->Type), Lock->Id,
                    EmupTid(Lock->Owner));
}

/* KM-14, CR-6, BC-20: the I/O manager called DriverEntry or the unload
   routine with kernel APCs enabled; Verifier checks that the routine gives
   them back so: a KMUTEX still owned or a critical or guarded region not
   left is 0xC4/0xC5 (routine, current APC-disable count, count before). */
VOID EmupVerifierRoutineReturned(PVOID Routine)
{
    EMU_THREAD *t = EmupCurrent();
    ULONG combined = ((ULONG)(USHORT)t->SpecialApcDisable << 16) | (USHORT)t->KernelApcDisable;
    if (combined != 0)
        EmupBugCheck(0xC4, 0xC5, EmuGuestAddress(Routine), combined, 0);
}
