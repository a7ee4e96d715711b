/*++
Module Name: sched_explore.c
Abstract: The explore policy's pick (docs/explorer.md): every thread that
          could move is a candidate and virtual time does not decide, so the
          explorer (or a replayed witness) chooses; timeouts and delays fire
          only when their thread is chosen.
--*/
#include "schedp.h"

/* Virtual time does not decide here: an idle CPU takes the first ready thread
   whatever the clocks. */
static VOID ExploreDispatchIdle(VOID)
{
    ULONG i;
    for (i = 0; i < EmupM->Config.Cpus && EmupM->ReadyHead != NULL; i++) {
        if (EmupM->Cpus[i].Thread == NULL) {
            EMU_THREAD *t = EmupM->ReadyHead;
            EmupsUnready(t);
            EmupsDispatchOn(i, t, t->ReadyTime > EmupM->Cpus[i].Clock ? t->ReadyTime : EmupM->Cpus[i].Clock);
        }
    }
}

/* Every thread that could move now is a candidate, a thread whose delay or
   wait timeout is pending included, since virtual time does not decide; a
   ready thread could take a CPU whose thread may be preempted. Candidates are
   in thread id order. */
static ULONG ExploreCandidates(EMU_THREAD **C, BOOLEAN *Timer)
{
    BOOLEAN cpuFree = FALSE;
    ULONG i, n = 0;
    for (i = 0; i < EmupM->Config.Cpus; i++)
        if (EmupM->Cpus[i].Thread == NULL || EmupsPreemptible(EmupM->Cpus[i].Thread))
            cpuFree = TRUE;
    for (i = 0; i < EmupM->ThreadCount; i++) {
        EMU_THREAD *t = EmupM->Threads[i];
        BOOLEAN timer = t->State == EmuThreadWaiting && t->TimerActive;
        if (t->State == EmuThreadRunning || (cpuFree && (t->State == EmuThreadReady || timer))) {
            Timer[n] = timer;
            C[n++] = t;
        }
    }
    /* Nothing else can move: a pending timer fires even without a free CPU. */
    for (i = 0; n == 0 && i < EmupM->ThreadCount; i++)
        if (EmupM->Threads[i]->State == EmuThreadWaiting && EmupM->Threads[i]->TimerActive) {
            Timer[n] = TRUE;
            C[n++] = EmupM->Threads[i];
        }
    return n;
}

/* Without a replay list: keep the current thread, else the lowest id, timers last. */
static EMU_THREAD *ExploreDefault(EMU_THREAD **C, const BOOLEAN *Timer, ULONG N)
{
    ULONG i;
    for (i = 0; i < N; i++)
        if (C[i] == EmupM->Current && C[i]->State == EmuThreadRunning)
            return C[i];
    for (i = 0; i < N; i++)
        if (!Timer[i])
            return C[i];
    return C[0];
}

EMU_THREAD *EmupsExplorePick(VOID)
{
    EMU_THREAD *c[EMU_MAX_THREADS], *chosen = NULL;
    BOOLEAN timer[EMU_MAX_THREADS];
    ULONG n, i, index;

    for (;;) {
        ExploreDispatchIdle();
        n = ExploreCandidates(c, timer);
        if (n == 0 && EmupIdleDpcs())
            continue;
        /* KTIMERs expire only when nothing else can move (docs/explorer.md). */
        if (n == 0 && EmupM->LiveThreads != 0 && EmupKTimerNextUseful() != NEVER) {
            EmupM->Now = EmupKTimerNextUseful();
            EmupKTimersFire(EmupM->Now);
            continue;
        }
        if (n == 0)
            return NULL;
        index = EmupM->ChoiceCount;
        if (EmupXOn) {
            chosen = EmupXPick(c, n, timer, EmupM->Current);
        } else if (n >= 2 && index < EmupM->Config.ReplayCount) {
            for (i = 0, chosen = NULL; i < n; i++)
                if (c[i]->Tid == EmupM->Config.Replay[index])
                    chosen = c[i];
            if (chosen == NULL) {
                EmupsReplayDiverged(index);
                chosen = ExploreDefault(c, timer, n);
            }
        } else {
            chosen = ExploreDefault(c, timer, n);
        }
        if (n >= 2)
            EmupsRecordChoice(c, n, chosen);
        for (i = 0; i < n; i++)
            if (c[i] == chosen && timer[i]) {
                /* The chosen thread's timer fires now. */
                EmupM->TimerFiring = TRUE;
                EmupM->Now = chosen->TimerDue;
                EmupUnwait(chosen, chosen->WaitCount ? STATUS_TIMEOUT : STATUS_SUCCESS);
                EmupM->TimerFiring = FALSE;
            }
        if (chosen->State == EmuThreadReady) {
            EMU_THREAD *victim = EmupsPreemptible(EmupM->Current) ? EmupM->Current : NULL;
            for (i = 0; victim == NULL && i < EmupM->Config.Cpus; i++)
                if (EmupsPreemptible(EmupM->Cpus[i].Thread))
                    victim = EmupM->Cpus[i].Thread;
            if (victim == NULL)
                continue;                 /* its timer fired with no CPU to run on: choose again */
            EmupsPreempt(victim, chosen, EmupsClockOf(victim) > chosen->ReadyTime ? EmupsClockOf(victim) : chosen->ReadyTime);
        }
        EmupM->Now = EmupsClockOf(chosen);
        return chosen;
    }
}
