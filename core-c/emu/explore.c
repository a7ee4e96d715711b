/*++
Module Name: explore.c
Abstract: The explorer: stateless model checking over the explore policy's
          scheduling choices (docs/explorer.md). Each run replays a prefix of
          the last one and extends it; every step a thread takes between two
          scheduling points is an event with the memory and objects it
          touched. Source-set DPOR with sleep sets (Abdulla et al., 2014)
          adds an alternative only where two dependent events of different
          threads could run in the other order; with a preemption bound or
          without reduction every allowed alternative is run. The same events
          give data races by happens-before and the distinct outcomes with
          the choices (witness) that reach each.
--*/
#include "emup.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define X_MAX_TID 63                      /* threads are bits of a 64-bit set */
#define X_WIDTH 64                        /* vector clock entries             */
#define X_MAX_OUTCOMES 1024
#define X_MAX_RACES 256
#define X_MAX_FINDINGS 256
#define X_DEFAULT_EVENTS 20000

enum { X_READ = 1, X_WRITE = 2, X_ATOMIC = 4, X_OBJECT = 8, X_PSEUDO = 16 };
enum { X_OPEN_BEFORE = 1, X_OPEN_AFTER = 2,      /* a waitable object's state around a step */
       X_GATE = 4 };                              /* an announced wait passed on it          */

typedef struct _X_ACC {
    ULONG64 Addr;                         /* guest address, or object id      */
    ULONG Bytes;
    UCHAR Kind;
    UCHAR Open;                           /* X_OPEN_*: objects only           */
    ULONG Loc;
} X_ACC;

typedef struct _X_SLEEPER {
    USHORT Tid;
    BOOLEAN Global;
    ULONG AccFirst, AccCount;             /* in SleepAcc                      */
} X_SLEEPER;

typedef struct _X_NODE {
    USHORT Tid;                           /* the thread that takes this step  */
    USHORT Prev;                          /* the thread that was running, if it could go on */
    BOOLEAN IsChoice, Top, Global;
    BOOLEAN Gated;                        /* an access is X_GATE                */
    ULONG64 Enabled, Timers, Backtrack, Done, Sleep;
    ULONG64 Deferred;                     /* candidates whose step would only block */
    ULONG SleepFirst, SleepCount;         /* sleeper indices in SleepIdx      */
    ULONG MarkSleepers, MarkSleepAcc;     /* arena tops when the node was made */
    ULONG AccFirst, AccCount;             /* this run's accesses              */
    ULONG Preemptions;                    /* up to and including this step    */
    ULONG PoPrev, CreateFrom, WakeFrom;   /* event index + 1, 0: none         */
    ULONG Seq;                            /* index among its thread's steps   */
} X_NODE;

typedef struct _X_OUTCOME {
    EMU_EXPLORE_OUTCOME Public;
    ULONG64 Hash;
    CHAR *Key;
} X_OUTCOME;

static struct {
    BOOLEAN Begun, Active;
    EMU_EXPLORE_OPTIONS Opt;
    EMU_EXPLORE_STATS Stats;
    X_NODE *Nodes;
    ULONG NodeCount, NodeCap, PrefixLen, RunEvents;
    LONG CurEvent;
    X_ACC *Acc;
    ULONG AccCount, AccCap;
    X_SLEEPER *Sleepers;
    ULONG SleeperCount, SleeperCap;
    X_ACC *SleepAcc;
    ULONG SleepAccCount, SleepAccCap;
    ULONG *SleepIdx;
    ULONG SleepIdxCount, SleepIdxCap;
    ULONG *Vc;                            /* per event: dependence clock, then sync clock */
    ULONG VcCap, VcValid;                 /* events whose clocks are up to date */
    ULONG Create[X_MAX_TID + 1], Wake[X_MAX_TID + 1], Seq[X_MAX_TID + 1], Last[X_MAX_TID + 1];
    BOOLEAN Blocked, Diverged, Cut;
    ULONG GateIds[THREAD_WAIT_OBJECTS], Gates;   /* the wait the running thread passes next */
    ULONG SplitDepth, ChoiceNodes;
    ULONG64 TopHash;
    BOOLEAN OwnedKnown, Owned;
    X_OUTCOME *Outcomes;
    EMU_EXPLORE_RACE Races[X_MAX_RACES];
    EMU_FINDING *Findings;
    X_OUTCOME *Last_;
} X;

BOOLEAN EmupXOn;
static VOID FreeSlots(VOID);

static VOID *Grow(VOID *Array, ULONG *Cap, ULONG Need, SIZE_T Size)
{
    ULONG cap = *Cap ? *Cap : 64;
    VOID *grown;
    if (Need <= *Cap)
        return Array;
    while (cap < Need)
        cap *= 2;
    grown = realloc(Array, (SIZE_T)cap * Size);
    if (grown == NULL)
        abort();
    *Cap = cap;
    return grown;
}

static BOOLEAN Reduction(VOID)
{
    return !X.Opt.NoReduction && X.Opt.PreemptionBound == EMU_EXPLORE_UNBOUNDED;
}

static ULONG Lowest(ULONG64 Set)
{
    ULONG i;
    for (i = 0; i < 64; i++)
        if (Set & (1ull << i))
            return i;
    return 0;
}

static ULONG Count(ULONG64 Set)
{
    ULONG n = 0;
    while (Set) {
        Set &= Set - 1;
        n++;
    }
    return n;
}

VOID EmuExploreFree(VOID)
{
    ULONG i;
    for (i = 0; i < X.Stats.OutcomeCount; i++) {
        free((VOID *)X.Outcomes[i].Public.Witness);
        free((VOID *)X.Outcomes[i].Public.Description);
        free(X.Outcomes[i].Key);
    }
    free(X.Outcomes);
    free(X.Findings);
    free(X.Nodes);
    free(X.Acc);
    free(X.Sleepers);
    free(X.SleepAcc);
    free(X.SleepIdx);
    free(X.Vc);
    FreeSlots();
    memset(&X, 0, sizeof(X));
    EmupXOn = FALSE;
}

VOID EmuExploreBegin(const EMU_EXPLORE_OPTIONS *Options)
{
    ULONG shards;
    EmuExploreFree();
    X.Begun = TRUE;
    X.Opt = *Options;
    if (X.Opt.MaxEvents == 0)
        X.Opt.MaxEvents = X_DEFAULT_EVENTS;
    if (X.Opt.Shards == 0)
        X.Opt.Shards = 1;
    /* Sharding expands the first choices fully and splits the subtrees below
       them by a hash of those choices: every shard sees the same top. */
    for (shards = X.Opt.Shards, X.SplitDepth = 0; shards > 1; shards = (shards + 1) / 2)
        X.SplitDepth++;
    if (X.Opt.Shards > 1)
        X.SplitDepth += 3;
    X.Outcomes = (X_OUTCOME *)calloc(X_MAX_OUTCOMES, sizeof(X_OUTCOME));
    X.Findings = (EMU_FINDING *)calloc(X_MAX_FINDINGS, sizeof(EMU_FINDING));
    if (X.Outcomes == NULL || X.Findings == NULL)
        abort();
}

/* ---- what a run tells the explorer ---------------------------------------- */

static EMU_OBJECT *ObjectById(ULONG64 Id)
{
    return Id != 0 && Id <= EmupM->ObjectCount ? EmupM->Objects[Id - 1] : NULL;
}

/* A dispatcher object a wait would pass now (a mutex: free; its owner passes
   anyway). Other objects are never waited on by an announced wait. */
static BOOLEAN IsOpen(const EMU_OBJECT *O)
{
    return O != NULL && !O->Deleted && O->SignalState > 0 &&
           (O->Type == EMU_OBJ_MUTEX || O->Type == EMU_OBJ_EVENT || O->Type == EMU_OBJ_SEMAPHORE ||
            O->Type == EMU_OBJ_THREAD || O->Type == EMU_OBJ_TIMER);
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
    X.Gates = 0;
    if (T == NULL || !Reduction() || T->XWaitCount == 0 || WouldBlock(T))
        return;
    for (i = 0; i < T->XWaitCount; i++)
        X.GateIds[i] = T->XWaitOn[i]->Id;
    X.Gates = T->XWaitCount;
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
    if (Count == 0 || Count > THREAD_WAIT_OBJECTS || Type != WaitAny || Timeout != NULL || !X.Active)
        return;
    for (i = 0; i < Count; i++) {
        t->XWaitOn[i] = Quiet(Objects[i]);
        if (t->XWaitOn[i] == NULL)
            return;                       /* a bad object: the step bugchecks */
        if (t->XWaitOn[i]->Type != EMU_OBJ_MUTEX && t->XWaitOn[i]->Type != EMU_OBJ_EVENT &&
            t->XWaitOn[i]->Type != EMU_OBJ_SEMAPHORE && t->XWaitOn[i]->Type != EMU_OBJ_THREAD &&
            t->XWaitOn[i]->Type != EMU_OBJ_TIMER)
            return;
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
static VOID EndEvent(VOID)
{
    const X_NODE *n;
    ULONG i;
    if (X.CurEvent < 0)
        return;
    n = &X.Nodes[X.CurEvent];
    for (i = n->AccFirst; i < n->AccFirst + n->AccCount; i++)
        if ((X.Acc[i].Kind & (X_OBJECT | X_PSEUDO)) == X_OBJECT && IsOpen(ObjectById(X.Acc[i].Addr)))
            X.Acc[i].Open |= X_OPEN_AFTER;
}

static VOID Record(ULONG64 Addr, ULONG Bytes, UCHAR Kind, ULONG Loc)
{
    X_NODE *n;
    ULONG i, from;
    UCHAR open = 0;
    if (!X.Active || X.CurEvent < 0)
        return;
    n = &X.Nodes[X.CurEvent];
    if ((Kind & (X_OBJECT | X_PSEUDO)) == X_OBJECT) {
        BOOLEAN gate = FALSE;
        open = IsOpen(ObjectById(Addr)) ? X_OPEN_BEFORE : 0;
        for (i = 0; i < X.Gates; i++)
            gate |= X.GateIds[i] == Addr;
        if (!gate)
            X.Gates = 0;                  /* a wait looks up its objects first */
        else if (open) {
            open |= X_GATE;
            n->Gated = TRUE;
        }
    }
    /* The same access twice in one step adds nothing (a loop alone on the machine). */
    from = n->AccCount > 8 ? n->AccFirst + n->AccCount - 8 : n->AccFirst;
    for (i = from; i < n->AccFirst + n->AccCount; i++)
        if (X.Acc[i].Addr == Addr && X.Acc[i].Kind == Kind && X.Acc[i].Bytes == Bytes) {
            X.Acc[i].Open |= open;
            return;
        }
    X.Acc = (X_ACC *)Grow(X.Acc, &X.AccCap, X.AccCount + 1, sizeof(X_ACC));
    X.Acc[X.AccCount].Addr = Addr;
    X.Acc[X.AccCount].Bytes = Bytes;
    X.Acc[X.AccCount].Kind = Kind;
    X.Acc[X.AccCount].Open = open;
    X.Acc[X.AccCount].Loc = Loc;
    X.AccCount++;
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
    if (X.Active && X.CurEvent >= 0)
        X.Nodes[X.CurEvent].Global = TRUE;
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
    if (X.Active && X.CurEvent >= 0 && Thread->Tid <= X_MAX_TID)
        X.Create[Thread->Tid] = (ULONG)X.CurEvent + 1;
}

VOID EmupXWoken(EMU_THREAD *Thread)
{
    X_NODE *n;
    ULONG64 bit;
    if (!X.Active || X.CurEvent < 0 || Thread->Tid > X_MAX_TID)
        return;
    n = &X.Nodes[X.CurEvent];
    bit = 1ull << Thread->Tid;
    X.Wake[Thread->Tid] = (ULONG)X.CurEvent + 1;
    /* Its timeout was a choice before this step, which took it away: the
       other order (the wait times out first) is a step that never ran, so no
       race shows it. */
    if ((n->Timers & n->Enabled & bit) && !(n->Sleep & bit) && n->IsChoice && !n->Top && Reduction())
        n->Backtrack |= bit;
}

/* ---- dependence ------------------------------------------------------------ */

static BOOLEAN Overlap(const X_ACC *A, const X_ACC *B)
{
    return A->Addr < B->Addr + B->Bytes && B->Addr < A->Addr + A->Bytes;
}

/* Two steps are dependent when they touch one object, or the same memory with
   at least one write (an interlocked operation writes), or either changes
   what the machine as a whole can do (Global). */
static BOOLEAN Dependent(const X_ACC *A, ULONG Na, BOOLEAN Ga, const X_ACC *B, ULONG Nb, BOOLEAN Gb)
{
    ULONG i, k;
    if (Ga || Gb)
        return TRUE;
    for (i = 0; i < Na; i++)
        for (k = 0; k < Nb; k++) {
            if ((A[i].Kind & X_OBJECT) || (B[k].Kind & X_OBJECT)) {
                if ((A[i].Kind & X_OBJECT) && (B[k].Kind & X_OBJECT) && A[i].Addr == B[k].Addr)
                    return TRUE;
            } else if (((A[i].Kind | B[k].Kind) & X_WRITE) && Overlap(&A[i], &B[k])) {
                return TRUE;
            }
        }
    return FALSE;
}

/* ---- choosing --------------------------------------------------------------- */

static ULONG64 Allowed(const X_NODE *N, ULONG Before)
{
    ULONG64 set = N->Enabled;
    if (X.Opt.PreemptionBound != EMU_EXPLORE_UNBOUNDED && N->Prev != 0 && Before + 1 > X.Opt.PreemptionBound)
        set = 1ull << N->Prev;            /* another thread would be one preemption too many */
    return set;
}

static ULONG PreemptionsBefore(ULONG E)
{
    return E > 0 ? X.Nodes[E - 1].Preemptions : 0;
}

static DECLSPEC_NORETURN VOID StopRun(VOID)
{
    EmupStop(EmuOutcomeBudget);
}

static VOID Fail(PCSTR Message)
{
    if (X.Stats.Error[0] == '\0')
        snprintf(X.Stats.Error, sizeof(X.Stats.Error), "%s", Message);
}

EMU_THREAD *EmupXPick(EMU_THREAD **C, ULONG N, const BOOLEAN *Timer, EMU_THREAD *Current)
{
    ULONG64 enabled = 0, timers = 0, deferred = 0;
    ULONG i, e = X.RunEvents;
    USHORT prev = 0;
    X_NODE *node;

    for (i = 0; i < N; i++) {
        if (C[i]->Tid > X_MAX_TID) {
            Fail("the explorer handles at most 63 threads");
            X.Diverged = TRUE;
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
    if (Current != NULL && enabled == 1ull << Current->Tid && X.CurEvent >= 0)
        return Current;
    EndEvent();
    if (Current != NULL && Current->State == EmuThreadRunning && (enabled & (1ull << Current->Tid)))
        prev = (USHORT)Current->Tid;
    if (e >= X.Opt.MaxEvents) {
        X.Cut = TRUE;
        StopRun();
    }
    X.Nodes = (X_NODE *)Grow(X.Nodes, &X.NodeCap, e + 1, sizeof(X_NODE));
    node = &X.Nodes[e];
    if (e < X.PrefixLen) {
        if (!(enabled & (1ull << node->Tid)) || node->Enabled != enabled) {
            Fail("a replayed schedule took another path: the run is not deterministic");
            X.Diverged = TRUE;
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
        node->Top = node->IsChoice && X.ChoiceNodes < X.SplitDepth;
        node->MarkSleepers = X.SleeperCount;
        node->MarkSleepAcc = X.SleepAccCount;
        node->SleepFirst = X.SleepIdxCount;
        /* Sleepers stay asleep while what just ran is independent of their step. */
        if (e > 0 && Reduction() && !node->Top) {
            const X_NODE *p = &X.Nodes[e - 1];
            for (i = 0; i < p->SleepCount; i++) {
                ULONG s = X.SleepIdx[p->SleepFirst + i];
                const X_SLEEPER *z = &X.Sleepers[s];
                if ((enabled & (1ull << z->Tid)) &&
                    !Dependent(X.SleepAcc + z->AccFirst, z->AccCount, z->Global, X.Acc + p->AccFirst, p->AccCount,
                               p->Global)) {
                    X.SleepIdx = (ULONG *)Grow(X.SleepIdx, &X.SleepIdxCap, X.SleepIdxCount + 1, sizeof(ULONG));
                    X.SleepIdx[X.SleepIdxCount++] = s;
                    node->SleepCount++;
                    node->Sleep |= 1ull << z->Tid;
                }
            }
        }
        avail = enabled & ~node->Sleep;
        if (avail == 0) {
            X.SleepIdxCount = node->SleepFirst;
            X.Blocked = TRUE;             /* every way on was explored before */
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
        if (node->IsChoice && (node->Top || !Reduction()) && (!X.OwnedKnown || X.Owned))
            node->Backtrack = Allowed(node, PreemptionsBefore(e));
        X.NodeCount = e + 1;
    }
    if (node->IsChoice && node->Top) {
        X.TopHash = X.TopHash * 1000003u + node->Tid + 1;
        if (++X.ChoiceNodes == X.SplitDepth) {
            X.OwnedKnown = TRUE;
            X.Owned = X.TopHash % X.Opt.Shards == X.Opt.Shard;
        }
    }
    node->AccFirst = X.AccCount;
    node->AccCount = 0;
    node->Global = FALSE;
    node->Gated = FALSE;
    node->CreateFrom = X.Create[node->Tid];
    node->WakeFrom = X.Wake[node->Tid];
    X.Create[node->Tid] = X.Wake[node->Tid] = 0;
    node->PoPrev = X.Last[node->Tid];
    X.Last[node->Tid] = e + 1;
    node->Seq = X.Seq[node->Tid]++;
    X.CurEvent = (LONG)e;
    X.RunEvents = e + 1;
    for (i = 0; i < N; i++)
        if (C[i]->Tid == node->Tid)
            return C[i];
    return C[0];
}

/* ---- after a run: races, reversals, outcomes ------------------------------- */

static ULONG *VcDep(ULONG E) { return X.Vc + (SIZE_T)E * 2 * X_WIDTH; }
static ULONG *VcSync(ULONG E) { return X.Vc + (SIZE_T)E * 2 * X_WIDTH + X_WIDTH; }

static VOID Join(ULONG *Into, const ULONG *From)
{
    ULONG i;
    for (i = 0; i < X_WIDTH; i++)
        if (From[i] > Into[i])
            Into[i] = From[i];
}

static BOOLEAN Before(ULONG I, const ULONG *Clock)   /* event I happens before Clock */
{
    return Clock[X.Nodes[I].Tid] > X.Nodes[I].Seq;
}

/* Race (I, J) of the reduction: J's thread (Tid), or whatever must run first
   for it to, may run before I. Adds one initial of that sequence at I. J may
   be the step a thread has not taken when the run ended (J = the run's
   length); ClockJ is what J happens after. */
static VOID Reverse(ULONG I, ULONG J, ULONG Tid, const ULONG *ClockJ)
{
    X_NODE *ni = &X.Nodes[I];
    ULONG first[X_MAX_TID + 1];
    ULONG64 initials = 0;
    ULONG k, p, q;

    if (!ni->IsChoice || ni->Top)
        return;
    memset(first, 0, sizeof(first));
    for (k = I + 1; k < J; k++) {
        if (Before(I, VcDep(k)))
            continue;                     /* must stay after I */
        if (first[X.Nodes[k].Tid] == 0)
            first[X.Nodes[k].Tid] = k + 1;
    }
    if (first[Tid] == 0)
        first[Tid] = J + 1;
    for (p = 0; p <= X_MAX_TID; p++) {
        BOOLEAN initial = first[p] != 0;
        const ULONG *clock = first[p] == J + 1 ? ClockJ : first[p] != 0 ? VcDep(first[p] - 1) : NULL;
        for (q = 0; initial && q <= X_MAX_TID; q++)
            if (q != p && first[q] != 0 && first[q] < first[p] && Before(first[q] - 1, clock))
                initial = FALSE;
        if (initial)
            initials |= 1ull << p;
    }
    initials &= ni->Enabled;
    if (initials == 0 || (initials & (ni->Backtrack | ni->Sleep)))
        return;
    ni->Backtrack |= (initials & (1ull << Tid)) ? 1ull << Tid : 1ull << Lowest(initials);
}

/* I opened an object J's wait passes on, and that is all they share: J could
   not run before I, so the pair is no race to reverse (J's race is with
   whoever closed the object before: GateRaces). */
static BOOLEAN Enables(ULONG I, ULONG J)
{
    const X_NODE *a = &X.Nodes[I], *b = &X.Nodes[J];
    ULONG x, y;
    if (!b->Gated || a->Global || b->Global)
        return FALSE;
    for (x = a->AccFirst; x < a->AccFirst + a->AccCount; x++)
        for (y = b->AccFirst; y < b->AccFirst + b->AccCount; y++) {
            const X_ACC *p = &X.Acc[x], *q = &X.Acc[y];
            if (!Dependent(p, 1, FALSE, q, 1, FALSE))
                continue;
            if (!(p->Kind & X_OBJECT) || (p->Kind & X_PSEUDO) || (p->Open & X_OPEN_BEFORE) ||
                !(p->Open & X_OPEN_AFTER) || !(q->Open & X_GATE))
                return FALSE;
        }
    return TRUE;
}

static VOID AddRace(const X_ACC *A, const X_ACC *B)
{
    ULONG i, la = EMU_LOC_LINE(A->Loc), lb = EMU_LOC_LINE(B->Loc);
    EMU_EXPLORE_RACE *r;
    for (i = 0; i < X.Stats.RaceCount; i++) {
        r = &X.Races[i];
        if (r->Address == (A->Addr > B->Addr ? A->Addr : B->Addr) &&
            ((EMU_LOC_LINE(r->Locs[0]) == la && EMU_LOC_LINE(r->Locs[1]) == lb) ||
             (EMU_LOC_LINE(r->Locs[0]) == lb && EMU_LOC_LINE(r->Locs[1]) == la)))
            return;
    }
    if (X.Stats.RaceCount == X_MAX_RACES)
        return;
    r = &X.Races[X.Stats.RaceCount++];
    r->Locs[0] = A->Loc;
    r->Locs[1] = B->Loc;
    r->Writes[0] = (A->Kind & X_WRITE) != 0;
    r->Writes[1] = (B->Kind & X_WRITE) != 0;
    r->Address = A->Addr > B->Addr ? A->Addr : B->Addr;
    r->Bytes = A->Bytes < B->Bytes ? A->Bytes : B->Bytes;
}

/* The analysis indexes what each thread last did to each object and each
   8-byte granule of memory, so each event is compared with the latest
   conflicting event of every other thread only: an earlier one of the same
   thread is ordered before that one anyway. */
#define X_GRANULE_SHIFT 3
#define X_WIDE_GRANULES 16                /* wider accesses are compared one by one */
#define X_OBJECT_KEY (1ull << 63)

typedef struct _X_SLOT {
    ULONG64 Key;                          /* 0: free                          */
    ULONG Any[X_WIDTH], Write[X_WIDTH], Plain[X_WIDTH], PlainWrite[X_WIDTH], Atomic[X_WIDTH];
    ULONG Opened[X_WIDTH];                /* objects: the latest step that found it open */
} X_SLOT;

static X_SLOT *Slots;
static ULONG SlotCap, SlotUsed, *SlotList;   /* SlotList: the used slots, to clear only them */

static X_SLOT *Slot(ULONG64 Key)
{
    ULONG64 h;
    ULONG i;
    if (SlotUsed * 2 >= SlotCap) {
        X_SLOT *old = Slots;
        ULONG oldCap = SlotCap, k;
        SlotCap = SlotCap ? SlotCap * 2 : 256;
        Slots = (X_SLOT *)calloc(SlotCap, sizeof(X_SLOT));
        free(SlotList);
        SlotList = (ULONG *)malloc(SlotCap * sizeof(ULONG));
        if (Slots == NULL || SlotList == NULL)
            abort();
        SlotUsed = 0;
        for (k = 0; k < oldCap; k++)
            if (old[k].Key != 0) {
                X_SLOT *n = Slot(old[k].Key - 1);
                memcpy(n, &old[k], sizeof(X_SLOT));
            }
        free(old);
    }
    h = (Key + 1) * 0x9E3779B97F4A7C15ull;
    for (i = (ULONG)(h >> 40) & (SlotCap - 1);; i = (i + 1) & (SlotCap - 1)) {
        if (Slots[i].Key == Key + 1)
            return &Slots[i];
        if (Slots[i].Key == 0) {
            Slots[i].Key = Key + 1;
            SlotList[SlotUsed++] = i;
            return &Slots[i];
        }
    }
}

static VOID FreeSlots(VOID)
{
    free(Slots);
    free(SlotList);
    Slots = NULL;
    SlotList = NULL;
    SlotCap = SlotUsed = 0;
}

static VOID ResetSlots(VOID)
{
    ULONG i;
    for (i = 0; i < SlotUsed; i++)
        memset(&Slots[SlotList[i]], 0, sizeof(X_SLOT));
    SlotUsed = 0;
}

static BOOLEAN Wide(const X_ACC *A)
{
    return !(A->Kind & X_OBJECT) && A->Bytes > (X_WIDE_GRANULES - 1) << X_GRANULE_SHIFT;
}

static VOID Latest(ULONG *Best, const ULONG *From, ULONG Self, ULONG Width)
{
    ULONG u;
    for (u = 0; u < Width; u++)
        if (u != Self && From[u] > Best[u])
            Best[u] = From[u];
}

/* The plain access of event I that overlaps Q, to name its line. */
static const X_ACC *PlainOverlap(ULONG I, const X_ACC *Q)
{
    const X_NODE *a = &X.Nodes[I];
    ULONG x;
    for (x = 0; x < a->AccCount; x++) {
        const X_ACC *p = &X.Acc[a->AccFirst + x];
        if (!(p->Kind & (X_OBJECT | X_ATOMIC)) && ((p->Kind | Q->Kind) & X_WRITE) && Overlap(p, Q))
            return p;
    }
    return NULL;
}

/* J's wait on object Id passed (or would, for a step not taken: J = the run's
   length). Whoever last found the object open before, in another thread, may
   have closed it: J running first is the other order, which the release
   between them hides from the races above (exact DPOR's lock race). Po: what
   J happens after in its own thread; Clock: all that J happens after. */
static VOID GateRace(ULONG64 Id, ULONG J, ULONG Tid, const ULONG *Po, const ULONG *Clock)
{
    const X_SLOT *slot = Slot(X_OBJECT_KEY | Id);
    ULONG u, i = 0;
    for (u = 0; u < X_WIDTH; u++)
        if (u != Tid && slot->Opened[u] > i)
            i = slot->Opened[u];
    if (i != 0 && !Before(i - 1, Po))
        Reverse(i - 1, J, Tid, Clock);
}

static VOID Analyze(ULONG From, ULONG To)
{
    ULONG last[X_WIDTH], lastGlobal[X_WIDTH], po[X_WIDTH], *wide = NULL, wideCount = 0, width = 1, j, u, x;
    memset(last, 0, sizeof(last));
    memset(lastGlobal, 0, sizeof(lastGlobal));
    X.Vc = (ULONG *)Grow(X.Vc, &X.VcCap, To * 2 * X_WIDTH, sizeof(ULONG));
    ResetSlots();
    for (j = 0; j < To; j++)
        if (X.Nodes[j].Tid + 1u > width)
            width = X.Nodes[j].Tid + 1u;
    for (j = 0; j < To; j++) {
        X_NODE *n = &X.Nodes[j];
        ULONG t = n->Tid;
        BOOLEAN global = n->Global;
        for (x = 0; x < n->AccCount && !global; x++)
            global = Wide(&X.Acc[n->AccFirst + x]);
        if (j >= From) {
            ULONG best[X_WIDTH], sync[X_WIDTH], *d = VcDep(j), *s = VcSync(j), acc[X_WIDTH];
            memset(best, 0, sizeof(best));
            memset(sync, 0, sizeof(sync));
            Latest(best, global ? last : lastGlobal, t, width);
            for (x = 0; x < n->AccCount; x++) {
                const X_ACC *a = &X.Acc[n->AccFirst + x];
                ULONG64 g, g0, g1;
                ULONG k;
                if (a->Kind & X_OBJECT) {
                    X_SLOT *slot = Slot(X_OBJECT_KEY | a->Addr);
                    Latest(best, slot->Any, t, width);
                    if (!(a->Kind & X_PSEUDO))
                        Latest(sync, slot->Any, t, width);
                    continue;
                }
                for (k = 0; k < wideCount; k++) {     /* earlier wide accesses */
                    const X_ACC *w = &X.Acc[wide[k * 2 + 1]];
                    ULONG e = wide[k * 2];
                    if (X.Nodes[e].Tid != t && Overlap(w, a) && e + 1 > best[X.Nodes[e].Tid])
                        best[X.Nodes[e].Tid] = e + 1;
                }
                if (Wide(a))
                    continue;
                g0 = a->Addr >> X_GRANULE_SHIFT;
                g1 = (a->Addr + a->Bytes - 1) >> X_GRANULE_SHIFT;
                for (g = g0; g <= g1; g++) {
                    X_SLOT *slot = Slot(g);
                    Latest(best, (a->Kind & X_WRITE) ? slot->Any : slot->Write, t, width);
                    if (a->Kind & X_ATOMIC)
                        Latest(sync, slot->Atomic, t, width);
                }
            }
            memset(d, 0, X_WIDTH * sizeof(ULONG));
            memset(s, 0, X_WIDTH * sizeof(ULONG));
            if (n->PoPrev) { Join(d, VcDep(n->PoPrev - 1)); Join(s, VcSync(n->PoPrev - 1)); }
            if (n->CreateFrom) { Join(d, VcDep(n->CreateFrom - 1)); Join(s, VcSync(n->CreateFrom - 1)); }
            if (n->WakeFrom) { Join(d, VcDep(n->WakeFrom - 1)); Join(s, VcSync(n->WakeFrom - 1)); }
            memcpy(acc, d, sizeof(acc));
            memcpy(po, d, sizeof(po));
            for (u = 0; u < width; u++) {
                if (best[u])
                    Join(d, VcDep(best[u] - 1));
                if (sync[u])
                    Join(s, VcSync(sync[u] - 1));
            }
            d[t] = n->Seq + 1;
            s[t] = n->Seq + 1;
            for (x = 0; x < n->AccCount && n->Gated && Reduction(); x++)
                if (X.Acc[n->AccFirst + x].Open & X_GATE)
                    GateRace(X.Acc[n->AccFirst + x].Addr, j, t, po, d);
            /* A race is a dependent pair that nothing else orders: latest first. */
            for (;;) {
                ULONG pick = 0;
                for (u = 0; u < width; u++)
                    if (best[u] > pick)
                        pick = best[u];
                if (pick == 0)
                    break;
                best[X.Nodes[pick - 1].Tid] = 0;
                if (!Before(pick - 1, acc) && Reduction() && !Enables(pick - 1, j))
                    Reverse(pick - 1, j, t, d);
                Join(acc, VcDep(pick - 1));
            }
            /* Data races: plain accesses that synchronisation does not order. */
            for (x = 0; x < n->AccCount; x++) {
                const X_ACC *q = &X.Acc[n->AccFirst + x];
                ULONG64 g;
                if ((q->Kind & (X_OBJECT | X_ATOMIC)) || Wide(q))
                    continue;
                for (g = q->Addr >> X_GRANULE_SHIFT; g <= (q->Addr + q->Bytes - 1) >> X_GRANULE_SHIFT; g++) {
                    X_SLOT *slot = Slot(g);
                    const ULONG *other = (q->Kind & X_WRITE) ? slot->Plain : slot->PlainWrite;
                    for (u = 0; u < width; u++) {
                        const X_ACC *p;
                        if (u == t || other[u] == 0 || Before(other[u] - 1, s))
                            continue;
                        p = PlainOverlap(other[u] - 1, q);
                        if (p != NULL)
                            AddRace(p, q);
                    }
                }
            }
        }
        /* What this event did, for the events after it. */
        last[t] = j + 1;
        if (global)
            lastGlobal[t] = j + 1;
        for (x = 0; x < n->AccCount; x++) {
            const X_ACC *a = &X.Acc[n->AccFirst + x];
            ULONG64 g;
            X_SLOT *slot;
            if (a->Kind & X_OBJECT) {
                slot = Slot(X_OBJECT_KEY | a->Addr);
                slot->Any[t] = slot->Write[t] = j + 1;
                if (a->Open & X_OPEN_BEFORE)
                    slot->Opened[t] = j + 1;
                continue;
            }
            if (Wide(a)) {
                wide = (ULONG *)realloc(wide, (wideCount + 1) * 2 * sizeof(ULONG));
                if (wide == NULL)
                    abort();
                wide[wideCount * 2] = j;
                wide[wideCount * 2 + 1] = n->AccFirst + x;
                wideCount++;
                continue;
            }
            for (g = a->Addr >> X_GRANULE_SHIFT; g <= (a->Addr + a->Bytes - 1) >> X_GRANULE_SHIFT; g++) {
                slot = Slot(g);
                slot->Any[t] = j + 1;
                if (a->Kind & X_WRITE)
                    slot->Write[t] = j + 1;
                if (a->Kind & X_ATOMIC) {
                    slot->Atomic[t] = j + 1;
                } else {
                    slot->Plain[t] = j + 1;
                    if (a->Kind & X_WRITE)
                        slot->PlainWrite[t] = j + 1;
                }
            }
        }
    }
    free(wide);
}

static ULONG64 Fnv(const CHAR *S, SIZE_T N)
{
    ULONG64 h = 0xCBF29CE484222325ull;
    SIZE_T i;
    for (i = 0; i < N; i++)
        h = (h ^ (UCHAR)S[i]) * 0x100000001B3ull;
    return h;
}

/* Two runs are the same outcome when these agree: kind, DriverEntry's status,
   the output, the bug check's code and line, who deadlocked on what, and the
   assertion's line. */
static CHAR *OutcomeKey(SIZE_T *Length)
{
    const EMU_RESULT *r = EmuResult();
    SIZE_T outSize, size, n;
    const CHAR *out = EmuOutput(&outSize);
    CHAR *key;
    ULONG k;
    size = outSize + 128 + (SIZE_T)r->DeadlockCount * 48;
    key = (CHAR *)malloc(size);
    if (key == NULL)
        abort();
    n = (SIZE_T)snprintf(key, size, "%u|%u|%08X|", (unsigned)r->Outcome, (unsigned)r->EntryReturned,
                         r->EntryReturned ? (unsigned)r->EntryStatus : 0u);
    if (outSize != 0)
        memcpy(key + n, out, outSize);
    n += outSize;
    key[n] = '\0';
    if (r->Outcome == EmuOutcomeBugcheck)
        n += (SIZE_T)snprintf(key + n, size - n, "|B%08X@%u", (unsigned)r->BugcheckCode, EMU_LOC_LINE(r->BugcheckLoc));
    if (r->Outcome == EmuOutcomeDeadlock)
        for (k = 0; k < r->DeadlockCount; k++)
            n += (SIZE_T)snprintf(key + n, size - n, "|T%u:%u#%u", r->Deadlock[k].Thread, r->Deadlock[k].ObjectType,
                                  r->Deadlock[k].Object);
    if (r->Outcome == EmuOutcomeAssertion)
        n += (SIZE_T)snprintf(key + n, size - n, "|A%u", EMU_LOC_LINE(r->AssertLoc));
    *Length = n;
    return key;
}

static VOID MergeFindings(VOID)
{
    const EMU_RESULT *r = EmuResult();
    ULONG k, i;
    for (k = 0; k < r->FindingCount; k++) {
        const EMU_FINDING *f = &r->Findings[k];
        for (i = 0; i < X.Stats.FindingCount; i++)
            if (X.Findings[i].Code == f->Code && EMU_LOC_LINE(X.Findings[i].Locs[0]) == EMU_LOC_LINE(f->Locs[0]) &&
                EMU_LOC_LINE(X.Findings[i].Locs[1]) == EMU_LOC_LINE(f->Locs[1]))
                break;
        if (i == X.Stats.FindingCount && i < X_MAX_FINDINGS)
            X.Findings[X.Stats.FindingCount++] = *f;
    }
}

/* The run stopped while threads could still move. Each one's next step, had
   it run before the step that stopped the machine, could change what the
   outcome shows; a deferred wait races with whoever closed its object. */
static VOID Pending(VOID)
{
    X_NODE *last = &X.Nodes[X.RunEvents - 1];
    ULONG i, k;
    if (last->IsChoice && !last->Top)
        last->Backtrack |= last->Enabled & ~last->Sleep;
    for (i = 0; i < EmupM->ThreadCount; i++) {
        const EMU_THREAD *t = EmupM->Threads[i];
        ULONG po[X_WIDTH];
        if (t->Tid > X_MAX_TID || !(last->Deferred & (1ull << t->Tid)))
            continue;
        memset(po, 0, sizeof(po));
        if (X.Last[t->Tid])
            Join(po, VcDep(X.Last[t->Tid] - 1));
        if (X.Create[t->Tid])
            Join(po, VcDep(X.Create[t->Tid] - 1));
        po[t->Tid] = X.Seq[t->Tid] + 1;
        for (k = 0; k < t->XWaitCount; k++)
            GateRace(t->XWaitOn[k]->Id, X.RunEvents, t->Tid, po, po);
    }
}

BOOLEAN EmuExploreEnd(VOID)
{
    SIZE_T length;
    CHAR *key;
    ULONG64 hash;
    ULONG i, count;
    const USHORT *choices;
    X_OUTCOME *o;
    BOOLEAN stopped;

    EndEvent();
    EmupXOn = FALSE;
    X.Active = FALSE;
    X.Last_ = NULL;
    X.Stats.Runs++;
    X.Stats.Events += X.RunEvents;
    if (X.RunEvents > X.Stats.MaxDepth)
        X.Stats.MaxDepth = X.RunEvents;
    if (X.Diverged) {
        X.NodeCount = 0;
        return FALSE;
    }
    X.NodeCount = X.RunEvents;
    if (!X.OwnedKnown) {
        X.OwnedKnown = TRUE;
        X.Owned = X.TopHash % X.Opt.Shards == X.Opt.Shard;
    }
    stopped = !X.Blocked && !X.Cut && X.RunEvents != 0 && (EmuResult()->Outcome == EmuOutcomeBugcheck ||
              EmuResult()->Outcome == EmuOutcomeAssertion || EmuResult()->Outcome == EmuOutcomeBudget);
    if (stopped)
        X.Nodes[X.RunEvents - 1].Global = TRUE;   /* what the outcome shows depends on every step before */
    if (X.Owned) {
        ULONG from = X.PrefixLen ? X.PrefixLen - 1 : 0;
        Analyze(from < X.VcValid ? from : X.VcValid, X.RunEvents);
        X.VcValid = X.RunEvents;
        if (stopped && Reduction())
            Pending();
    } else if (X.PrefixLen == 0 || X.VcValid > X.PrefixLen - 1) {
        X.VcValid = X.PrefixLen ? X.PrefixLen - 1 : 0;
    }
    if (X.Cut)
        X.Stats.Cut = TRUE;
    if (X.Blocked) {
        X.Stats.Pruned++;
        return FALSE;
    }
    if (!X.Owned || X.Cut)
        return FALSE;
    X.Stats.Schedules++;
    MergeFindings();
    key = OutcomeKey(&length);
    hash = Fnv(key, length);
    for (i = 0; i < X.Stats.OutcomeCount; i++) {
        o = &X.Outcomes[i];
        if (o->Hash == hash && strlen(o->Key) == length && memcmp(o->Key, key, length) == 0) {
            o->Public.Count++;
            free(key);
            return FALSE;
        }
    }
    if (X.Stats.OutcomeCount == X_MAX_OUTCOMES) {
        free(key);
        Fail("more than 1024 distinct outcomes");
        return FALSE;
    }
    o = &X.Outcomes[X.Stats.OutcomeCount++];
    o->Key = key;
    o->Hash = hash;
    o->Public.Count = 1;
    o->Public.Outcome = EmuResult()->Outcome;
    choices = EmuChoices(&count);
    o->Public.Witness = (USHORT *)malloc((count ? count : 1) * sizeof(USHORT));
    if (o->Public.Witness == NULL)
        abort();
    if (count != 0)
        memcpy((VOID *)o->Public.Witness, choices, count * sizeof(USHORT));
    o->Public.WitnessCount = count;
    X.Last_ = o;
    return TRUE;
}

VOID EmuExploreDescribe(PCSTR Text)
{
    SIZE_T n;
    CHAR *copy;
    if (X.Last_ == NULL || Text == NULL)
        return;
    n = strlen(Text);
    copy = (CHAR *)malloc(n + 1);
    if (copy == NULL)
        abort();
    memcpy(copy, Text, n + 1);
    free((VOID *)X.Last_->Public.Description);
    X.Last_->Public.Description = copy;
}

/* ---- the next schedule ------------------------------------------------------ */

static VOID Pop(VOID)
{
    X_NODE *n = &X.Nodes[--X.NodeCount];
    X.SleeperCount = n->MarkSleepers;
    X.SleepAccCount = n->MarkSleepAcc;
    X.SleepIdxCount = n->SleepFirst;
}

/* The step just explored from node K goes to sleep there: a sibling that does
   not touch what it touches will not run it again first. */
static VOID Sleep(ULONG K)
{
    X_NODE *n = &X.Nodes[K];
    X_SLEEPER *z;
    X.Sleepers = (X_SLEEPER *)Grow(X.Sleepers, &X.SleeperCap, X.SleeperCount + 1, sizeof(X_SLEEPER));
    X.SleepAcc = (X_ACC *)Grow(X.SleepAcc, &X.SleepAccCap, X.SleepAccCount + n->AccCount, sizeof(X_ACC));
    X.SleepIdx = (ULONG *)Grow(X.SleepIdx, &X.SleepIdxCap, X.SleepIdxCount + 1, sizeof(ULONG));
    z = &X.Sleepers[X.SleeperCount];
    z->Tid = n->Tid;
    z->Global = n->Global;
    z->AccFirst = X.SleepAccCount;
    z->AccCount = n->AccCount;
    if (n->AccCount != 0)
        memcpy(X.SleepAcc + X.SleepAccCount, X.Acc + n->AccFirst, n->AccCount * sizeof(X_ACC));
    X.SleepAccCount += n->AccCount;
    X.SleepIdx[X.SleepIdxCount++] = X.SleeperCount++;
    n->SleepCount++;
    n->Sleep |= 1ull << n->Tid;
}

BOOLEAN EmuExploreNext(EMU_CONFIG *Config)
{
    if (!X.Begun || X.Stats.Error[0] != '\0' || X.Stats.Complete)
        return FALSE;
    if (X.Stats.Runs > 0) {
        /* Deepest node first with an alternative left to run. */
        for (;;) {
            X_NODE *n;
            ULONG64 left;
            ULONG k;
            if (X.NodeCount == 0) {
                X.Stats.Complete = TRUE;
                return FALSE;
            }
            k = X.NodeCount - 1;
            n = &X.Nodes[k];
            n->Done |= 1ull << n->Tid;
            if (n->IsChoice && !n->Top && Reduction())
                Sleep(k);
            left = n->Backtrack & ~n->Done & ~n->Sleep;
            if (left != 0) {
                n->Tid = (USHORT)Lowest(left);
                n->Preemptions = PreemptionsBefore(k) + (n->Prev != 0 && n->Tid != n->Prev);
                X.PrefixLen = k + 1;
                break;
            }
            X.Stats.Pruned += Count(n->Enabled & ~n->Done);
            Pop();
        }
    }
    EmuDefaultConfig(Config);
    Config->Cpus = X.Opt.Cpus ? X.Opt.Cpus : 2;
    Config->StepBudget = X.Opt.StepBudget;
    Config->Policy = EmuPolicyExplore;
    Config->NoTrace = TRUE;
    X.RunEvents = 0;
    X.CurEvent = -1;
    X.AccCount = 0;
    memset(X.Create, 0, sizeof(X.Create));
    memset(X.Wake, 0, sizeof(X.Wake));
    memset(X.Seq, 0, sizeof(X.Seq));
    memset(X.Last, 0, sizeof(X.Last));
    X.Blocked = X.Diverged = X.Cut = FALSE;
    X.ChoiceNodes = 0;
    X.TopHash = 0;
    X.OwnedKnown = X.Opt.Shards <= 1;
    X.Owned = X.Opt.Shards <= 1;
    X.Active = TRUE;
    EmupXOn = TRUE;
    return TRUE;
}

const EMU_EXPLORE_STATS *EmuExploreStats(VOID) { return &X.Stats; }

const EMU_EXPLORE_OUTCOME *EmuExploreOutcome(ULONG Index)
{
    return Index < X.Stats.OutcomeCount ? &X.Outcomes[Index].Public : NULL;
}

const EMU_EXPLORE_RACE *EmuExploreRace(ULONG Index)
{
    return Index < X.Stats.RaceCount ? &X.Races[Index] : NULL;
}

const EMU_FINDING *EmuExploreFinding(ULONG Index)
{
    return Index < X.Stats.FindingCount ? &X.Findings[Index] : NULL;
}
