/*++
Module Name: explore_pick.c
Abstract: What a run under the explorer reports and how it chooses
          (docs/explorer.md): each step a thread takes between two scheduling
          points is an event with the memory and objects it touched; a wait
          that would only block is deferred while another thread can move;
          at each choice the prefix being replayed decides, then the thread
          that was running, else the lowest id, and sleeping threads wait.
--*/
#include "explorep.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- what a run tells the explorer ---------------------------------------- */

static EMU_OBJECT *ObjectById(ULONG64 Id)
{
    return Id != 0 && Id <= EmupM->ObjectCount ? EmupM->Objects[Id - 1] : NULL;
}

/* The objects an announced wait may be on: dispatcher objects, and fast and
   guarded mutexes (their count is 1 while free; a release hands them to the
   oldest waiter, as a KMUTEX's does). */
static BOOLEAN Waitable(const EMU_OBJECT *O)
{
    return O->Type == EMU_OBJ_MUTEX || O->Type == EMU_OBJ_EVENT || O->Type == EMU_OBJ_SEMAPHORE ||
           O->Type == EMU_OBJ_THREAD || O->Type == EMU_OBJ_TIMER || O->Type == EMU_OBJ_FAST_MUTEX ||
           O->Type == EMU_OBJ_GUARDED_MUTEX;
}

/* An object a wait would pass now (a KMUTEX: free; its owner passes anyway). */
static BOOLEAN IsOpen(const EMU_OBJECT *O)
{
    return O != NULL && !O->Deleted && O->SignalState > 0 && Waitable(O);
}

/* The object a dispatcher header points to, without recording a use. */
static EMU_OBJECT *Quiet(PVOID Address)
{
    const ULONG *h = (const ULONG *)Address;
    EMU_OBJECT *o;
    if (Address == NULL || (h[0] & 0xFFFFFF00u) != EMU_TAG_BASE || h[1] == 0 || h[1] > EmupM->ObjectCount)
        return NULL;
    o = EmupM->Objects[h[1] - 1];
    return o->Address == Address && o->Type == (h[0] & 0xFF) && !o->Deleted ? o : NULL;
}

static BOOLEAN WouldBlock(const EMU_THREAD *T);

/* T goes on: if its step is an announced wait that will not block, the
   objects it looks up first are what it passes on. */
static VOID Passes(const EMU_THREAD *T)
{
    ULONG i;
    Xs.Gates = 0;
    if (T == NULL || !Reduction() || T->XWaitCount == 0 || WouldBlock(T))
        return;
    for (i = 0; i < T->XWaitCount; i++)
        Xs.GateIds[i] = T->XWaitOn[i]->Id;
    Xs.Gates = T->XWaitCount;
}

/* A wait with no timeout, announced before its scheduling point: while every
   object it waits on is closed, the step would only put the thread to sleep
   until a release, so the explorer defers it (docs/explorer.md). */
VOID EmupXWillWait(ULONG Count, PVOID *Objects, WAIT_TYPE Type, PLARGE_INTEGER Timeout)
{
    EMU_THREAD *t = EmupCurrent();
    ULONG i;
    if (Count == 0)
        Passes(t);                        /* back from the scheduling point: the wait runs now */
    t->XWaitCount = 0;
    if (Count == 0 || Count > THREAD_WAIT_OBJECTS || Type != WaitAny || Timeout != NULL || !Xs.Active)
        return;
    for (i = 0; i < Count; i++) {
        t->XWaitOn[i] = Quiet(Objects[i]);
        if (t->XWaitOn[i] == NULL || !Waitable(t->XWaitOn[i]))
            return;                       /* a bad object or type: the step bugchecks */
    }
    t->XWaitCount = Count;
}

/* Its next step would block and nothing else: an announced wait, at an IRQL
   where waiting is allowed, on objects none of which it could take now. */
static BOOLEAN WouldBlock(const EMU_THREAD *T)
{
    ULONG i;
    if (T->XWaitCount == 0 || T->Irql > APC_LEVEL || T->DpcDepth != 0 || T->WaitNext)
        return FALSE;
    for (i = 0; i < T->XWaitCount; i++) {
        const EMU_OBJECT *o = T->XWaitOn[i];
        if (o->Deleted || IsOpen(o) || (o->Type == EMU_OBJ_MUTEX && o->Owner == T))
            return FALSE;
    }
    return TRUE;
}

/* The state of the objects a step used, once it has ended. */
VOID EmupXEndEvent(VOID)
{
    const X_NODE *n;
    ULONG i;
    if (Xs.CurEvent < 0)
        return;
    n = &Xs.Nodes[Xs.CurEvent];
    for (i = n->AccFirst; i < n->AccFirst + n->AccCount; i++)
        if ((Xs.Acc[i].Kind & (X_OBJECT | X_PSEUDO)) == X_OBJECT && IsOpen(ObjectById(Xs.Acc[i].Addr)))
            Xs.Acc[i].Open |= X_OPEN_AFTER;
}

static VOID Record(ULONG64 Addr, ULONG Bytes, UCHAR Kind, ULONG Loc)
{
    X_NODE *n;
    ULONG i, from;
    UCHAR open = 0;
    if (!Xs.Active || Xs.CurEvent < 0)
        return;
    n = &Xs.Nodes[Xs.CurEvent];
    if ((Kind & (X_OBJECT | X_PSEUDO)) == X_OBJECT) {
        BOOLEAN gate = FALSE;
        open = IsOpen(ObjectById(Addr)) ? X_OPEN_BEFORE : 0;
        for (i = 0; i < Xs.Gates; i++)
            gate |= Xs.GateIds[i] == Addr;
        if (!gate)
            Xs.Gates = 0;                  /* a wait looks up its objects first */
        else if (open) {
            open |= X_GATE;
            n->Gated = TRUE;
        }
    }
    /* The same access twice in one step adds nothing (a loop alone on the machine). */
    from = n->AccCount > 8 ? n->AccFirst + n->AccCount - 8 : n->AccFirst;
    for (i = from; i < n->AccFirst + n->AccCount; i++)
        if (Xs.Acc[i].Addr == Addr && Xs.Acc[i].Kind == Kind && Xs.Acc[i].Bytes == Bytes) {
            Xs.Acc[i].Open |= open;
            return;
        }
    Xs.Acc = (X_ACC *)EmupXGrow(Xs.Acc, &Xs.AccCap, Xs.AccCount + 1, sizeof(X_ACC));
    Xs.Acc[Xs.AccCount].Addr = Addr;
    Xs.Acc[Xs.AccCount].Bytes = Bytes;
    Xs.Acc[Xs.AccCount].Kind = Kind;
    Xs.Acc[Xs.AccCount].Open = open;
    Xs.Acc[Xs.AccCount].Loc = Loc;
    Xs.AccCount++;
    n->AccCount++;
}

static ULONG HereLoc(VOID)
{
    EMU_THREAD *t = EmupCurrent();
    return t != NULL ? t->Loc : 0;
}

VOID EmupXObject(ULONG Id)
{
    Record(Id, 0, X_OBJECT, HereLoc());
}

VOID EmupXPseudo(ULONG Which)
{
    Record(Which, 0, X_OBJECT | X_PSEUDO, HereLoc());
}

VOID EmupXGlobal(VOID)
{
    if (Xs.Active && Xs.CurEvent >= 0)
        Xs.Nodes[Xs.CurEvent].Global = TRUE;
}

VOID EmupXMemory(ULONG64 Guest, ULONG Bytes, BOOLEAN Write, BOOLEAN Atomic)
{
    Record(Guest, Bytes ? Bytes : 1, (UCHAR)(Atomic ? X_ATOMIC | X_WRITE : Write ? X_WRITE : X_READ), HereLoc());
}

VOID EmuExploreAccess(ULONG64 Guest, ULONG Bytes, BOOLEAN Write)
{
    if (EmupXOn)
        EmupXMemory(Guest, Bytes, Write, FALSE);
}

VOID EmupXCreated(EMU_THREAD *Thread)
{
    if (Xs.Active && Xs.CurEvent >= 0 && Thread->Tid <= X_MAX_TID)
        Xs.Create[Thread->Tid] = (ULONG)Xs.CurEvent + 1;
}

VOID EmupXWoken(EMU_THREAD *Thread)
{
    X_NODE *n;
    ULONG64 bit;
    if (!Xs.Active || Xs.CurEvent < 0 || Thread->Tid > X_MAX_TID)
        return;
    n = &Xs.Nodes[Xs.CurEvent];
    bit = 1ull << Thread->Tid;
    Xs.Wake[Thread->Tid] = (ULONG)Xs.CurEvent + 1;
    /* Its timeout was a choice before this step, which took it away: the
       other order (the wait times out first) is a step that never ran, so no
       race shows it. */
    if ((n->Timers & n->Enabled & bit) && !(n->Sleep & bit) && n->IsChoice && !n->Top && Reduction())
        n->Backtrack |= bit;
}

/* ---- choosing --------------------------------------------------------------- */

static ULONG64 Allowed(const X_NODE *N, ULONG Before)
{
    ULONG64 set = N->Enabled;
    if (Xs.Opt.PreemptionBound != EMU_EXPLORE_UNBOUNDED && N->Prev != 0 && Before + 1 > Xs.Opt.PreemptionBound)
        set = 1ull << N->Prev;            /* another thread would be one preemption too many */
    return set;
}

static DECLSPEC_NORETURN VOID StopRun(VOID)
{
    EmupStop(EmuOutcomeBudget);
}

EMU_THREAD *EmupXPick(EMU_THREAD **C, ULONG N, const BOOLEAN *Timer, EMU_THREAD *Current)
{
    ULONG64 enabled = 0, timers = 0, deferred = 0;
    ULONG i, e = Xs.RunEvents;
    USHORT prev = 0;
    X_NODE *node;

    for (i = 0; i < N; i++) {
        if (C[i]->Tid > X_MAX_TID) {
            EmupXFail("the explorer handles at most 63 threads");
            Xs.Diverged = TRUE;
            StopRun();
        }
        enabled |= 1ull << C[i]->Tid;
        if (Timer[i])
            timers |= 1ull << C[i]->Tid;
        else if (Reduction() && WouldBlock(C[i]))
            deferred |= 1ull << C[i]->Tid;
    }
    /* A step that would only block is not enabled while another can go: it
       runs once the object opens (exact DPOR's disabled acquire). When every
       candidate would block, they block, in every order. */
    if (deferred != 0 && (enabled & ~deferred) != 0)
        enabled &= ~deferred;
    else
        deferred = 0;
    /* Going on alone is no new step: nothing else could have moved. */
    if (Current != NULL && enabled == 1ull << Current->Tid && Xs.CurEvent >= 0)
        return Current;
    EmupXEndEvent();
    if (Current != NULL && Current->State == EmuThreadRunning && (enabled & (1ull << Current->Tid)))
        prev = (USHORT)Current->Tid;
    if (e >= Xs.Opt.MaxEvents) {
        Xs.Cut = TRUE;
        StopRun();
    }
    Xs.Nodes = (X_NODE *)EmupXGrow(Xs.Nodes, &Xs.NodeCap, e + 1, sizeof(X_NODE));
    node = &Xs.Nodes[e];
    if (e < Xs.PrefixLen) {
        if (!(enabled & (1ull << node->Tid)) || node->Enabled != enabled) {
            EmupXFail("a replayed schedule took another path: the run is not deterministic");
            Xs.Diverged = TRUE;
            StopRun();
        }
    } else {
        ULONG64 avail;
        USHORT chosen;
        memset(node, 0, sizeof(*node));
        node->Enabled = enabled;
        node->Deferred = deferred;
        node->Timers = timers;
        node->Prev = prev;
        node->IsChoice = Count(enabled) >= 2;
        node->Top = node->IsChoice && Xs.ChoiceNodes < Xs.SplitDepth;
        node->MarkSleepers = Xs.SleeperCount;
        node->MarkSleepAcc = Xs.SleepAccCount;
        node->SleepFirst = Xs.SleepIdxCount;
        /* Sleepers stay asleep while what just ran is independent of their step. */
        if (e > 0 && Reduction() && !node->Top) {
            const X_NODE *p = &Xs.Nodes[e - 1];
            for (i = 0; i < p->SleepCount; i++) {
                ULONG s = Xs.SleepIdx[p->SleepFirst + i];
                const X_SLEEPER *z = &Xs.Sleepers[s];
                if ((enabled & (1ull << z->Tid)) &&
                    !EmupXDependent(Xs.SleepAcc + z->AccFirst, z->AccCount, z->Global, Xs.Acc + p->AccFirst, p->AccCount,
                               p->Global)) {
                    Xs.SleepIdx = (ULONG *)EmupXGrow(Xs.SleepIdx, &Xs.SleepIdxCap, Xs.SleepIdxCount + 1, sizeof(ULONG));
                    Xs.SleepIdx[Xs.SleepIdxCount++] = s;
                    node->SleepCount++;
                    node->Sleep |= 1ull << z->Tid;
                }
            }
        }
        avail = enabled & ~node->Sleep;
        if (avail == 0) {
            Xs.SleepIdxCount = node->SleepFirst;
            Xs.Blocked = TRUE;             /* every way on was explored before */
            Xs.EndDeferred = deferred;     /* ... but not these waits before what closed their objects */
            StopRun();
        }
        if (prev != 0 && (avail & (1ull << prev)))
            chosen = prev;
        else if (avail & ~timers)
            chosen = (USHORT)Lowest(avail & ~timers);
        else
            chosen = (USHORT)Lowest(avail);
        node->Tid = chosen;
        node->Preemptions = PreemptionsBefore(e) + (prev != 0 && chosen != prev);
        node->Backtrack = 1ull << chosen;
        if (node->IsChoice && (node->Top || !Reduction()) && (!Xs.OwnedKnown || Xs.Owned))
            node->Backtrack = Allowed(node, PreemptionsBefore(e));
        Xs.NodeCount = e + 1;
    }
    if (node->IsChoice && node->Top) {
        Xs.TopHash = Xs.TopHash * 1000003u + node->Tid + 1;
        if (++Xs.ChoiceNodes == Xs.SplitDepth) {
            Xs.OwnedKnown = TRUE;
            Xs.Owned = Xs.TopHash % Xs.Opt.Shards == Xs.Opt.Shard;
        }
    }
    node->AccFirst = Xs.AccCount;
    node->AccCount = 0;
    node->Global = FALSE;
    node->Gated = FALSE;
    node->CreateFrom = Xs.Create[node->Tid];
    node->WakeFrom = Xs.Wake[node->Tid];
    Xs.Create[node->Tid] = Xs.Wake[node->Tid] = 0;
    node->PoPrev = Xs.Last[node->Tid];
    Xs.Last[node->Tid] = e + 1;
    node->Seq = Xs.Seq[node->Tid]++;
    Xs.CurEvent = (LONG)e;
    Xs.RunEvents = e + 1;
    for (i = 0; i < N; i++)
        if (C[i]->Tid == node->Tid)
            return C[i];
    return C[0];
}

