/*++
Module Name: schedp.h
Abstract: What the scheduler's files share: sched.c (the time-ordered
          policies and the scheduling points) and sched_explore.c (the explore
          policy's pick). Nothing outside the scheduler includes it.
--*/
#ifndef SCHEDP_H
#define SCHEDP_H

#include "emup.h"

#define NEVER (~0ull)

ULONG64 EmupsClockOf(EMU_THREAD *Thread);           /* when its next step is due */
BOOLEAN EmupsPreemptible(EMU_THREAD *Thread);
VOID EmupsUnready(EMU_THREAD *Thread);
VOID EmupsDispatchOn(ULONG Cpu, EMU_THREAD *Thread, ULONG64 At);
VOID EmupsPreempt(EMU_THREAD *Victim, EMU_THREAD *Next, ULONG64 At);
VOID EmupsRecordChoice(EMU_THREAD **Candidates, ULONG Count, EMU_THREAD *Chosen);
VOID EmupsReplayDiverged(ULONG Index);
EMU_THREAD *EmupsExplorePick(VOID);                 /* sched_explore.c */

#endif
