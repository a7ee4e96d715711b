/*++
Module Name: schedp.h
Abstract: What the scheduler's files share: sched.c (time order, dispatching
          and the scheduling points), sched_switch.c (switching threads),
          sched_policy.c (the testing policies' choice) and sched_explore.c
          (the explore policy's pick). Nothing
          outside the scheduler includes it.
--*/
#ifndef SCHEDP_H
#define SCHEDP_H

#include "emup.h"

#define NEVER (~0ull)

ULONG64 EmupsClockOf(EMU_THREAD *Thread);           /* when its next step is due */
ULONG64 EmupsDueOf(EMU_THREAD *Thread, EMU_THREAD *Victim); /* ... or a ready one's, on Victim's CPU */
BOOLEAN EmupsPreemptible(EMU_THREAD *Thread);
VOID EmupsUnready(EMU_THREAD *Thread);
VOID EmupsDispatchOn(ULONG Cpu, EMU_THREAD *Thread, ULONG64 At);
VOID EmupsPreempt(EMU_THREAD *Victim, EMU_THREAD *Next, ULONG64 At);
VOID EmupsRecordChoice(EMU_THREAD **Candidates, ULONG Count, EMU_THREAD *Chosen);
VOID EmupsReplayDiverged(ULONG Index);
EMU_THREAD *EmupsExplorePick(VOID);                 /* sched_explore.c */
VOID EmupsReapDeadFiber(VOID);                      /* sched_switch.c */
extern ULONG64 EmupsSwaps;                          /* stacks exchanged (sched.c's SwitchTo) */
extern BOOLEAN EmupsNoExchange;                     /* EmuSetStackExchange(FALSE) */
/* sched_policy.c: the choice among E (N >= 2), recorded; Victim is the
   earliest preemptible thread a ready candidate would take the CPU of. */
EMU_THREAD *EmupsChoose(EMU_THREAD **E, ULONG N, EMU_THREAD *Earliest, EMU_THREAD *Victim);

static inline BOOLEAN EmupsIsRunning(EMU_THREAD *Thread)
{
    return Thread != NULL && Thread->State == EmuThreadRunning;
}

#endif
