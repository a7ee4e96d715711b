/*++
Module Name: sched.c
Abstract: The scheduler: a discrete-event simulation. Each CPU's clock is the
          time its next step is due (or, idle, the time it became free). A
          step (a kernel call, a shared-memory access the VM reports, a thread
          exit) and every scheduler event (a timer due, a ready thread taking
          an idle CPU) is applied in virtual-time order, so no CPU sees an
          effect dated after its own clock and the trace comes out in time
          order. Where more than one thread could take the next step, that is
          a numbered choice, recorded so that a run can be replayed; the
          policy (sched_policy.c) decides it among the threads due at the
          same moment. docs/emulator.md describes the rules.
--*/
#include "emup.h"
#include "schedp.h"
#include <stdlib.h>


ULONG64 EmupsClockOf(EMU_THREAD *Thread)
{
    return EmupM->Cpus[Thread->Cpu].Clock;
}

BOOLEAN EmupsPreemptible(EMU_THREAD *Thread)
{
    return EmupsIsRunning(Thread) && Thread->Irql < DISPATCH_LEVEL && Thread->DpcDepth == 0;
}

/* The earliest step due: the running thread with the lowest clock (lowest CPU
   on a tie). NULL when no thread runs. */
static EMU_THREAD *EarliestStep(VOID)
{
    EMU_THREAD *best = NULL;
    ULONG i;
    for (i = 0; i < EmupM->Config.Cpus; i++) {
        EMU_THREAD *t = EmupM->Cpus[i].Thread;
        if (EmupsIsRunning(t) && (best == NULL || EmupM->Cpus[i].Clock < EmupsClockOf(best)))
            best = t;
    }
    return best;
}

/* ---- timers ---------------------------------------------------------------- */

/* The earliest KTIMER due (timer.c), NEVER when none is set. */
static ULONG64 KTimerDue(VOID)
{
    return EmupM->KTimerHead != NULL ? EmupM->KTimerHead->TimerDue : NEVER;
}

static ULONG64 DispatchTime(VOID);

/* The timer at the head expires. Its next expiries are not seen when no
   thread waits for it, it stays signalled (no wait can reset it before a
   thread steps) and its DPC, if any, is still queued behind a running
   thread's next step: those up to the next other event of any kind (a step,
   a delay or timeout, a dispatch, another timer) are skipped at once rather
   than one loop per period with no step charged (a thread stalling for an
   hour beside a 1 ms timer: 3.6 million). */
static VOID FireKTimer(VOID)
{
    EMU_OBJECT *k = EmupM->KTimerHead, *o;
    EMU_THREAD *earliest;
    ULONG64 horizon;
    EmupM->Now = KTimerDue();
    EmupKTimersFire(EmupM->Now);
    if (!k->TimerSet || k->TimerPeriod <= 0 || k->WaitHead != NULL || k->SignalState == 0)
        return;
    earliest = EarliestStep();
    if (k->TimerDpc != NULL && (!k->TimerDpc->DpcQueued || earliest == NULL))
        return;                       /* with no thread running, a queued DPC runs at once */
    horizon = earliest != NULL ? EmupsClockOf(earliest) : NEVER;
    if (EmupM->TimerHead != NULL && EmupM->TimerHead->TimerDue < horizon)
        horizon = EmupM->TimerHead->TimerDue;
    if (DispatchTime() < horizon)
        horizon = DispatchTime();
    for (o = EmupM->KTimerHead; o != NULL; o = o->TimerNext)
        if (o != k && o->TimerDue < horizon)
            horizon = o->TimerDue;
    EmupKTimerSkipPast(k, horizon);
}

static VOID FireTimer(VOID)
{
    EMU_THREAD *t = EmupM->TimerHead;
    EmupTimerRemove(t);
    EmupM->Now = t->TimerDue;
    /* A delay's expiry is success; a wait's is STATUS_TIMEOUT (WAIT-3, WAIT-12). */
    EmupUnwait(t, t->WaitCount ? STATUS_TIMEOUT : STATUS_SUCCESS);
}

/* ---- the ready queue and dispatching ---------------------------------------- */

static VOID PushReady(EMU_THREAD *Thread)
{
    EMU_THREAD **link = &EmupM->ReadyHead;
    /* Highest priority first; among equals, by ready time, then first come. */
    while (*link != NULL && ((*link)->Priority > Thread->Priority ||
           ((*link)->Priority == Thread->Priority && (*link)->ReadyTime <= Thread->ReadyTime)))
        link = &(*link)->ReadyNext;
    Thread->ReadyNext = *link;
    *link = Thread;
    if (Thread->ReadyNext == NULL)
        EmupM->ReadyTail = Thread;
    Thread->State = EmuThreadReady;
    Thread->Cpu = -1;
}

VOID EmupsUnready(EMU_THREAD *Thread)
{
    EMU_THREAD **link = &EmupM->ReadyHead;
    while (*link != Thread)
        link = &(*link)->ReadyNext;
    *link = Thread->ReadyNext;
    if (EmupM->ReadyTail == Thread) {
        EmupM->ReadyTail = NULL;
        for (EMU_THREAD *t = EmupM->ReadyHead; t != NULL; t = t->ReadyNext)
            EmupM->ReadyTail = t;
    }
    Thread->ReadyNext = NULL;
}

/* The first ready thread (by priority, then ready time) that is ready at At. */
static EMU_THREAD *ReadyBy(ULONG64 At)
{
    EMU_THREAD *t;
    for (t = EmupM->ReadyHead; t != NULL; t = t->ReadyNext)
        if (t->ReadyTime <= At)
            return t;
    return NULL;
}

VOID EmupReady(EMU_THREAD *Thread, ULONG64 At)
{
    /* Taking a CPU is a scheduler event at At (DispatchTime), never earlier. */
    Thread->ReadyTime = At;
    PushReady(Thread);
}

/* When the next ready thread takes an idle CPU: at the later of the earliest
   ready time and the earliest time an idle CPU is free. NEVER if no CPU is
   idle or nothing is ready. */
static ULONG64 DispatchTime(VOID)
{
    ULONG64 ready = NEVER, idle = NEVER;
    ULONG i;
    EMU_THREAD *t;
    if (EmupM->ReadyHead == NULL)
        return NEVER;
    for (i = 0; i < EmupM->Config.Cpus; i++)
        if (EmupM->Cpus[i].Thread == NULL && EmupM->Cpus[i].Clock < idle)
            idle = EmupM->Cpus[i].Clock;
    if (idle == NEVER)
        return NEVER;
    for (t = EmupM->ReadyHead; t != NULL; t = t->ReadyNext)
        if (t->ReadyTime < ready)
            ready = t->ReadyTime;
    return ready > idle ? ready : idle;
}

VOID EmupsDispatchOn(ULONG Cpu, EMU_THREAD *Thread, ULONG64 At)
{
    EMU_CPU *cpu = &EmupM->Cpus[Cpu];
    EmupM->Now = At;
    cpu->Clock = At + EMU_COST_SWITCH;
    cpu->Thread = Thread;
    Thread->Cpu = (LONG)Cpu;
    Thread->State = EmuThreadRunning;
    Thread->QuantumStart = cpu->Clock;
    Thread->Fresh = TRUE;
    EmupTraceEx(EMU_EV_DISPATCH_ON, EmupNow(), Cpu, Thread, 0, 0, 0, Thread->Loc, NULL, 0);
}

/* An idle CPU takes a ready thread at once (the lowest-numbered CPU free then). */
static VOID Dispatch(ULONG64 At)
{
    EMU_THREAD *t = ReadyBy(At);
    ULONG i;
    for (i = 0; i < EmupM->Config.Cpus; i++) {
        if (EmupM->Cpus[i].Thread == NULL && EmupM->Cpus[i].Clock <= At) {
            EmupsUnready(t);
            EmupsDispatchOn(i, t, At);
            return;
        }
    }
}

/* The running Victim leaves its CPU at At for the ready thread Next. */
VOID EmupsPreempt(EMU_THREAD *Victim, EMU_THREAD *Next, ULONG64 At)
{
    ULONG cpu = (ULONG)Victim->Cpu;
    EmupM->Now = At;
    EmupsUnready(Next);
    EmupTraceEx(EMU_EV_DISPATCH_OFF, EmupNow(), cpu, Victim, 0, 1, 0, Victim->Loc, NULL, 0);
    EmupM->Cpus[cpu].Thread = NULL;
    Victim->ReadyTime = At;
    PushReady(Victim);
    EmupsDispatchOn(cpu, Next, At);
}

/* ---- time order --------------------------------------------------------------- */

/* Applies the scheduler events (timers first on a tie, then dispatches) due
   at or before Until, in time order. */
static VOID AdvanceTo(ULONG64 Until)
{
    for (;;) {
        ULONG64 timer = EmupM->TimerHead != NULL ? EmupM->TimerHead->TimerDue : NEVER;
        ULONG64 dispatch = DispatchTime();
        ULONG64 ktimer = KTimerDue();
        if (ktimer < timer && ktimer <= dispatch && ktimer <= Until)
            FireKTimer();
        else if (timer <= dispatch && timer <= Until)
            FireTimer();
        else if (dispatch <= Until && dispatch != NEVER)
            Dispatch(dispatch);
        else
            return;
    }
}

/* A step at At goes after every step already taken: a running thread whose
   clock is behind was delayed until then (only when the policy or a replay
   picked a later step). */
static VOID DelayRunningTo(ULONG64 At)
{
    ULONG i;
    for (i = 0; i < EmupM->Config.Cpus; i++)
        if (EmupsIsRunning(EmupM->Cpus[i].Thread) && EmupM->Cpus[i].Clock < At)
            EmupM->Cpus[i].Clock = At;
}

/* When a candidate's step would be: a running thread at its clock; a ready
   thread when it takes the CPU of the earliest preemptible thread. */
ULONG64 EmupsDueOf(EMU_THREAD *Thread, EMU_THREAD *Victim)
{
    if (Thread->State == EmuThreadRunning)
        return EmupsClockOf(Thread);
    return Thread->ReadyTime > EmupsClockOf(Victim) ? Thread->ReadyTime : EmupsClockOf(Victim);
}

/* Quantum end (equal priority) or a higher-priority ready thread: the thread
   about to step at At gives up its CPU first. */
static EMU_THREAD *PreemptorOf(EMU_THREAD *Thread, ULONG64 At)
{
    EMU_THREAD *r;
    if (!EmupsPreemptible(Thread) || (r = ReadyBy(At)) == NULL)
        return NULL;
    if (r->Priority > Thread->Priority)
        return r;
    if (r->Priority == Thread->Priority && At - Thread->QuantumStart >= (ULONG64)EmupM->Config.QuantumUs * 1000)
        return r;
    return NULL;
}

/* The thread whose step is applied next, with every event before it applied;
   NULL when nothing can happen any more (the phase ended, or a deadlock). */
static EMU_THREAD *PickNext(VOID)
{
    EMU_THREAD *e[EMU_MAX_THREADS];
    EMU_THREAD *earliest, *chosen, *victim, *preemptor;
    ULONG64 at;
    ULONG n, i;

    if (EmupM->Config.Policy == EmuPolicyExplore)
        return EmupsExplorePick();
    for (;;) {
        /* One scheduler event at a time: a dispatch may put on a CPU a thread
           whose first step comes before the next event. */
        ULONG64 timer = EmupM->TimerHead != NULL ? EmupM->TimerHead->TimerDue : NEVER;
        ULONG64 dispatch = DispatchTime();
        ULONG64 next = timer < dispatch ? timer : dispatch;
        ULONG64 ktimer = KTimerDue();
        earliest = EarliestStep();
        if (earliest == NULL) {
            if (EmupIdleDpcs())
                continue;                 /* a timer's DPC ran as an interrupt */
            /* with no thread running, a KTIMER only when it can wake a waiter or queue a DPC */
            ktimer = EmupM->LiveThreads != 0 ? EmupKTimerNextUseful() : NEVER;
        }
        if (ktimer < next)
            next = ktimer;
        if (next != NEVER && (earliest == NULL || next <= EmupsClockOf(earliest))) {
            AdvanceTo(next);
            continue;
        }
        if (earliest == NULL)
            return NULL;
        EmupM->Now = EmupsClockOf(earliest);

        /* Every thread that could take the next step; ready threads too when
           no CPU is idle and a running thread could be preempted. */
        n = 0;
        victim = NULL;
        for (i = 0; i < EmupM->Config.Cpus; i++) {
            EMU_THREAD *t = EmupM->Cpus[i].Thread;
            if (EmupsIsRunning(t))
                e[n++] = t;
            /* a thread a choice just put on its CPU takes a step before another choice preempts it */
            if (EmupsPreemptible(t) && !t->Fresh && (victim == NULL || EmupsClockOf(t) < EmupsClockOf(victim)))
                victim = t;
        }
        if (victim != NULL && DispatchTime() == NEVER)
            for (EMU_THREAD *t = EmupM->ReadyHead; t != NULL && n < EMU_MAX_THREADS; t = t->ReadyNext)
                e[n++] = t;
        chosen = n == 1 ? e[0] : EmupsChoose(e, n, earliest, victim);

        at = EmupsDueOf(chosen, victim);
        if (at > EmupM->Now) {
            AdvanceTo(at);
            DelayRunningTo(at);
            EmupM->Now = at;
        }
        if (chosen->State == EmuThreadReady) {
            EmupsPreempt(victim, chosen, at);
            continue;
        }
        preemptor = PreemptorOf(chosen, at);
        if (preemptor != NULL) {
            EmupsPreempt(chosen, preemptor, at);
            continue;
        }
        chosen->Fresh = FALSE;
        return chosen;
    }
}

/* AtVmPoint: the current thread is at EmuVmSchedulePoint. If Next stopped
   there too, their stacks are interchangeable: this one goes on as Next, and
   Next's becomes the current thread's, with no fiber switch. */
static VOID SwitchTo(EMU_THREAD *Next, BOOLEAN AtVmPoint)
{
    EMU_THREAD *prev = EmupM->Current;
    if (Next == prev)
        return;
    EmupM->Current = Next;
    if (AtVmPoint && Next->VmParked && !EmupsNoExchange) {
        EMU_FIBER stack = prev->Fiber;
        prev->Fiber = Next->Fiber;
        Next->Fiber = stack;
        prev->VmParked = TRUE;
        Next->VmParked = FALSE;
        EmupsSwaps++;
        return;
    }
    prev->VmParked = AtVmPoint;
    EmupFiberSwitch(&prev->Fiber, &Next->Fiber);
    EmupM->Current->VmParked = FALSE;  /* whichever thread this stack runs now */
    EmupsReapDeadFiber();
}

/* The machine's time once everything so far is done: the latest CPU clock. */
static VOID Settle(VOID)
{
    ULONG i;
    for (i = 0; i < EmupM->Config.Cpus; i++)
        if (EmupM->Cpus[i].Clock > EmupM->Now)
            EmupM->Now = EmupM->Cpus[i].Clock;
}

/* From a fiber: nothing can move. All ended: back to the host for the next
   phase; otherwise the live threads wait for each other: a deadlock. */
static DECLSPEC_NORETURN VOID EndPhase(VOID)
{
    EMU_THREAD *prev = EmupM->Current;
    if (EmupM->LiveThreads != 0) {
        EmupReportDeadlock();
        EmupStop(EmuOutcomeDeadlock);
    }
    EmupM->Current = NULL;
    EmupM->InMain = TRUE;
    EmupFiberSwitch(&prev->Fiber, &EmupM->MainFiber);
    abort();
}

/* The current thread may take its step without a decision: it is the only
   thread that could move and nothing else is due before its clock. */
static BOOLEAN GoesOnAlone(EMU_THREAD *Cur)
{
    ULONG64 at = EmupsClockOf(Cur);
    ULONG i;
    if (EmupM->Config.Policy == EmuPolicyExplore && (EmupM->TimerHead != NULL || EmupM->ReadyHead != NULL))
        return FALSE;                 /* timers and ready threads are candidates whatever the time */
    if (EmupM->TimerHead != NULL && EmupM->TimerHead->TimerDue <= at)
        return FALSE;
    if (KTimerDue() <= at)
        return FALSE;
    if (EmupM->ReadyHead != NULL && (DispatchTime() <= at || EmupsPreemptible(Cur)))
        return FALSE;
    for (i = 0; i < EmupM->Config.Cpus; i++) {
        EMU_THREAD *t = EmupM->Cpus[i].Thread;
        if (t != NULL && t != Cur && t->State == EmuThreadRunning)
            return FALSE;
    }
    return TRUE;
}

VOID EmupSchedPoint(ULONG64 CostNs)
{
    EMU_THREAD *cur = EmupM->Current, *next;
    BOOLEAN vmPoint = EmupM->VmPoint;

    EmupM->VmPoint = FALSE;
    if (EmupM->Stopped || cur == NULL)
        return;
    EmupCharge(CostNs);
    if (++EmupM->Steps > EmupM->Config.StepBudget)
        EmupStop(EmuOutcomeBudget);
    if (EmupM->InInterrupt)
        return;                       /* a DPC while no thread can run: no switch */
    if (cur->Cpu >= 0 && GoesOnAlone(cur)) {
        EmupM->Now = EmupsClockOf(cur);
        cur->Fresh = FALSE;
        EmupDispatchInterrupt();
        return;                       /* no choice, no switch */
    }
    next = PickNext();
    if (next == NULL)
        EndPhase();
    SwitchTo(next, vmPoint);
    EmupDispatchInterrupt();
}

/* In WebAssembly inlined into its callers (the link is optimised as a whole):
   one frame less on every blocking switch's saved stack. */
#if defined(__EMSCRIPTEN__)
__attribute__((always_inline))
#endif
VOID EmupBlock(VOID)
{
    EMU_THREAD *cur = EmupM->Current, *next;
    ULONG cpu = (ULONG)cur->Cpu;

    EmupTraceEx(EMU_EV_DISPATCH_OFF, EmupNow(), cpu, cur, 0, cur->State == EmuThreadSpinning ? 3 : 0, 0, cur->Loc, NULL,
                0);
    if (cur->State != EmuThreadSpinning) {
        EmupM->Cpus[cpu].Thread = NULL;   /* free from its clock on: the call's work is done */
        cur->Cpu = -1;
    }
    next = PickNext();
    if (next == NULL)
        EndPhase();
    SwitchTo(next, FALSE);
    /* Back from the wait: what woke us is ordered before what we do next. */
    if (EmupXOn) {
        ULONG i;
        for (i = 0; i < cur->WaitCount; i++)
            EmupXObject(cur->WaitBlocks[i].Object->Id);
        if (cur->SpinningOn != NULL)
            EmupXObject(cur->SpinningOn->Id);
    }
}

VOID EmupSwitchAway(VOID)
{
    EMU_THREAD *cur = EmupM->Current, *next;

    next = PickNext();
    if (next == NULL)
        EndPhase();
    EmupM->DeadFiber = &cur->Fiber;
    EmupM->Current = next;
    EmupFiberSwitch(&cur->Fiber, &next->Fiber);
    abort();
}

VOID EmupStartScheduling(EMU_THREAD *First)
{
    EMU_THREAD *next;
    (VOID)First;
    next = PickNext();
    if (next != NULL) {
        EmupM->Current = next;
        EmupM->InMain = FALSE;
        EmupFiberSwitch(&EmupM->MainFiber, &next->Fiber);
        EmupM->InMain = TRUE;
        EmupsReapDeadFiber();
    }
    Settle();
}
