/*++
Module Name: sched_policy.c
Abstract: The testing policies' choice (docs/emulator.md): where more than
          one thread could take the next step, a replayed schedule decides,
          else the policy among the threads due in the same moment: timed
          (the earliest step), round robin, random, or PCT (priorities with
          change points). Every choice is recorded so that a run replays.
--*/
#include "schedp.h"
#include <stdlib.h>

#define MOMENT_NS 1000ull          /* docs/emulator.md: the testing policies' "same moment" */
#define PCT_DEFAULT_LENGTH 1000ull /* choices, when the run's length is not given */

static ULONG64 NextRandom(VOID)
{
    /* splitmix64: deterministic in every build */
    ULONG64 z = (EmupM->Rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* A choice: the chosen thread's id kept for replaying, the candidates in the trace. */
VOID EmupsRecordChoice(EMU_THREAD **Candidates, ULONG Count, EMU_THREAD *Chosen)
{
    UCHAR payload[EMU_MAX_THREADS * 3 + 8];
    SIZE_T n = 0;
    ULONG i;

    if (EmupM->ChoiceCount == EmupM->ChoiceCap) {
        ULONG cap = EmupM->ChoiceCap ? EmupM->ChoiceCap * 2 : 1024;
        USHORT *grown = (USHORT *)realloc(EmupM->Choices, cap * sizeof(USHORT));
        if (grown == NULL)
            EmupStop(EmuOutcomeBudget);
        EmupM->Choices = grown;
        EmupM->ChoiceCap = cap;
    }
    EmupM->Choices[EmupM->ChoiceCount] = (USHORT)Chosen->Tid;
    for (i = 0; i < Count; i++)
        n += EmupTraceVarint(payload + n, Candidates[i]->Tid);
    EmupTraceEx(EMU_EV_CHOICE, EmupNow(), EMUP_CPU_OF(Chosen), Chosen, 0, EmupM->ChoiceCount, Chosen->Tid, Chosen->Loc,
                payload, n);
    EmupM->ChoiceCount++;
}

/* The policy's pick among the candidates due in the same moment as the
   earliest step: a window of MOMENT_NS of virtual time. */
static EMU_THREAD *ByPolicy(EMU_THREAD **E, ULONG N, EMU_THREAD *Earliest, EMU_THREAD *Victim)
{
    EMU_THREAD *c[EMU_MAX_THREADS];
    ULONG64 moment = EmupsClockOf(Earliest) / MOMENT_NS;
    ULONG i, n = 0, best = 0;

    if (EmupM->Config.Policy == EmuPolicyTimed) {
        /* the earliest step; on a tie the thread that just moved keeps going */
        if (EmupsIsRunning(EmupM->Current) && EmupsClockOf(EmupM->Current) == EmupsClockOf(Earliest))
            return EmupM->Current;
        return Earliest;
    }
    for (i = 0; i < N; i++)
        if (EmupsDueOf(E[i], Victim) / MOMENT_NS == moment)
            c[n++] = E[i];
    if (n == 0)
        return Earliest;              /* not reached: the earliest step is always in its moment */
    switch (EmupM->Config.Policy) {
    case EmuPolicyRoundRobin:
        for (i = 0; i < n; i++)
            if (c[i]->Tid > EmupM->RrLast && (c[best]->Tid <= EmupM->RrLast || c[i]->Tid < c[best]->Tid))
                best = i;
        if (c[best]->Tid <= EmupM->RrLast)
            for (i = 0; i < n; i++)
                if (c[i]->Tid < c[best]->Tid)
                    best = i;
        return c[best];
    case EmuPolicyRandom:
        return c[NextRandom() % n];
    default: /* PCT: the highest priority */
        for (i = 1; i < n; i++)
            if (c[i]->PctPriority > c[best]->PctPriority)
                best = i;
        return c[best];
    }
}

/* PCT: at change point j (a choice index), the thread that just moved drops
   to priority j, below every initial priority. */
static VOID PctChangePoint(VOID)
{
    ULONG i;
    for (i = 0; i < EmupM->PctChanges; i++)
        if (EmupM->PctChangePoints[i] == (ULONG64)EmupM->ChoiceCount + 1 && EmupM->Current != NULL)
            EmupM->Current->PctPriority = i + 1;
}

/* The recorded schedule no longer fits (the code or the CPUs changed): say
   at which choice, and stop replaying, so that the run goes on by its policy. */
VOID EmupsReplayDiverged(ULONG Index)
{
    EmupTrace(EMU_EV_REPLAY_DIVERGED, NULL, NULL, Index, EmupM->Config.Replay[Index]);
    EmupM->Result.ReplayDivergedAt = Index + 1;
    EmupM->Config.ReplayCount = Index;
}

EMU_THREAD *EmupsChoose(EMU_THREAD **E, ULONG N, EMU_THREAD *Earliest, EMU_THREAD *Victim)
{
    EMU_THREAD *chosen = NULL;
    ULONG index = EmupM->ChoiceCount, i;

    if (EmupM->Config.Policy == EmuPolicyPct)
        PctChangePoint();
    if (index < EmupM->Config.ReplayCount) {
        for (i = 0; i < N; i++)
            if (E[i]->Tid == EmupM->Config.Replay[index])
                chosen = E[i];
        if (chosen == NULL)
            EmupsReplayDiverged(index);
    }
    if (chosen == NULL)
        chosen = ByPolicy(E, N, Earliest, Victim);
    EmupsRecordChoice(E, N, chosen);
    if (EmupM->Config.Policy == EmuPolicyRoundRobin)
        EmupM->RrLast = chosen->Tid;
    return chosen;
}

VOID EmupSchedInit(VOID)
{
    ULONG i;
    if (EmupM->Config.StepBudget == 0)
        EmupM->Config.StepBudget = EMU_DEFAULT_BUDGET;
    EmupM->Rng = EmupM->Config.Seed;
    if (EmupM->Config.Policy == EmuPolicyPct) {
        /* d-1 change points, uniform over the run's length in choices */
        ULONG d = EmupM->Config.PctDepth ? EmupM->Config.PctDepth : 3;
        ULONG64 k = EmupM->Config.PctLength ? EmupM->Config.PctLength : PCT_DEFAULT_LENGTH;
        EmupM->PctChanges = d - 1 > 8 ? 8 : d - 1;
        /* always 8 draws: the threads' priorities that follow do not depend on d */
        for (i = 0; i < 8; i++) {
            ULONG64 r = NextRandom();
            if (i < EmupM->PctChanges)
                EmupM->PctChangePoints[i] = 1 + r % k;
        }
    }
}

ULONG64 EmupPctPriority(VOID)
{
    return 1000 + (NextRandom() % 1000000);
}
