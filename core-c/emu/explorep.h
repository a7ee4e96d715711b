/*++
Module Name: explorep.h
Abstract: What the explorer's files share (docs/explorer.md): its state, the
          events of a run and what each touched. explore.c drives the search
          (runs, backtracking, outcomes), explore_pick.c records a run and
          makes its choices, explore_hb.c orders the events (happens-before,
          the races to reverse, data races). Nothing else includes it.
--*/
#ifndef EXPLOREP_H
#define EXPLOREP_H

#include "emup.h"

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

typedef struct _X_STATE {
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
    ULONG64 EndDeferred;                  /* threads whose wait was deferred when the run ended */
    ULONG GateIds[THREAD_WAIT_OBJECTS], Gates;   /* the wait the running thread passes next */
    ULONG SplitDepth, ChoiceNodes;
    ULONG64 TopHash;
    BOOLEAN OwnedKnown, Owned;
    X_OUTCOME *Outcomes;
    EMU_EXPLORE_RACE Races[X_MAX_RACES];
    EMU_FINDING *Findings;
} X_STATE;

extern X_STATE Xs;

static inline BOOLEAN Reduction(VOID)
{
    return !Xs.Opt.NoReduction && Xs.Opt.PreemptionBound == EMU_EXPLORE_UNBOUNDED;
}

static inline ULONG Lowest(ULONG64 Set)
{
    ULONG i;
    for (i = 0; i < 64; i++)
        if (Set & (1ull << i))
            return i;
    return 0;
}

static inline ULONG Count(ULONG64 Set)
{
    ULONG n = 0;
    while (Set) {
        Set &= Set - 1;
        n++;
    }
    return n;
}

static inline ULONG PreemptionsBefore(ULONG E)
{
    return E > 0 ? Xs.Nodes[E - 1].Preemptions : 0;
}

/* explore.c */
VOID *EmupXGrow(VOID *Array, ULONG *Cap, ULONG Need, SIZE_T Size);
VOID EmupXFail(PCSTR Message);                      /* the first error stops the exploration */
/* explore_pick.c */
VOID EmupXEndEvent(VOID);                           /* the objects' state after the last step */
/* explore_hb.c */
BOOLEAN EmupXDependent(const X_ACC *A, ULONG Na, BOOLEAN Ga, const X_ACC *B, ULONG Nb, BOOLEAN Gb);
VOID EmupXAnalyze(ULONG From, ULONG To);            /* clocks, reversals and data races of events From..To */
VOID EmupXPending(BOOLEAN Stopped);                 /* races of the steps a run never took */
VOID EmupXFreeSlots(VOID);

#endif
