/*++
Module Name: sched.c
Abstract: The scheduler. Threads on CPUs run one step at a time: each kernel
          call (and each shared-memory access the VM reports) is a scheduling
          point where the policy picks which running thread steps next. When
          more than one could, that is a numbered choice, recorded so a run can
          be replayed. Fibers switch only when another thread is picked.
--*/
#include "emup.h"
#include <stdlib.h>

#define TIMED_SLACK_NS 200        /* docs/emulator.md: how far ahead a CPU may run before others catch up */

static ULONG64 NextRandom(VOID)
{
    /* splitmix64: deterministic in every build */
    ULONG64 z = (EmupM->Rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static ULONG64 MinRunningClock(VOID)
{
    ULONG64 min = ~0ull;
    ULONG i;
    for (i = 0; i < EmupM->Config.Cpus; i++) {
        EMU_THREAD *t = EmupM->Cpus[i].Thread;
        if (t != NULL && t->State == EmuThreadRunning && EmupM->Cpus[i].Clock < min)
            min = EmupM->Cpus[i].Clock;
    }
    return min;
}

VOID EmupTimerInsert(EMU_THREAD *Thread, ULONG64 Due)
{
    EMU_THREAD **link = &EmupM->TimerHead;
    Thread->TimerDue = Due;
    Thread->TimerActive = TRUE;
    while (*link != NULL && ((*link)->TimerDue < Due || ((*link)->TimerDue == Due && (*link)->Tid < Thread->Tid)))
        link = &(*link)->TimerNext;
    Thread->TimerNext = *link;
    *link = Thread;
}

VOID EmupTimerRemove(EMU_THREAD *Thread)
{
    EMU_THREAD **link = &EmupM->TimerHead;
    if (!Thread->TimerActive)
        return;
    while (*link != NULL && *link != Thread)
        link = &(*link)->TimerNext;
    if (*link != NULL)
        *link = Thread->TimerNext;
    Thread->TimerActive = FALSE;
    Thread->TimerNext = NULL;
}

static VOID FireTimers(VOID)
{
    while (EmupM->TimerHead != NULL && EmupM->TimerHead->TimerDue <= MinRunningClock()) {
        EMU_THREAD *t = EmupM->TimerHead;
        ULONG64 due = t->TimerDue;
        EmupTimerRemove(t);
        EmupM->WakeAt = due;
        /* A delay's expiry is success; a wait's is STATUS_TIMEOUT (WAIT-3, WAIT-12). */
        EmupUnwait(t, t->WaitCount ? STATUS_TIMEOUT : STATUS_SUCCESS);
        EmupM->WakeAt = 0;
    }
}

static VOID TraceAt(EMU_EVENT Kind, ULONG Cpu, EMU_THREAD *Thread, ULONG64 A, ULONG64 B)
{
    EmupTraceEvent(&EmupM->Trace, Kind, EmupM->Cpus[Cpu].Clock, Cpu, Thread->Tid, 0, A, B, Thread->Loc, NULL, 0);
}

static VOID DispatchOn(ULONG Cpu, EMU_THREAD *Thread)
{
    EMU_CPU *cpu = &EmupM->Cpus[Cpu];
    if (cpu->Clock < Thread->ReadyTime)
        cpu->Clock = Thread->ReadyTime;
    cpu->Clock += EMU_COST_SWITCH;
    cpu->Thread = Thread;
    Thread->Cpu = (LONG)Cpu;
    Thread->State = EmuThreadRunning;
    Thread->QuantumStart = cpu->Clock;
    TraceAt(EMU_EV_DISPATCH_ON, Cpu, Thread, 0, 0);
}

static EMU_THREAD *PopReady(VOID)
{
    EMU_THREAD *t = EmupM->ReadyHead;
    if (t != NULL) {
        EmupM->ReadyHead = t->ReadyNext;
        if (EmupM->ReadyHead == NULL)
            EmupM->ReadyTail = NULL;
        t->ReadyNext = NULL;
    }
    return t;
}

static VOID PushReady(EMU_THREAD *Thread)
{
    EMU_THREAD **link = &EmupM->ReadyHead;
    /* Highest priority first, FIFO among equals. */
    while (*link != NULL && (*link)->Priority >= Thread->Priority)
        link = &(*link)->ReadyNext;
    Thread->ReadyNext = *link;
    *link = Thread;
    if (Thread->ReadyNext == NULL)
        EmupM->ReadyTail = Thread;
    Thread->State = EmuThreadReady;
    Thread->Cpu = -1;
}

static VOID DispatchIdle(VOID)
{
    ULONG i;
    for (i = 0; i < EmupM->Config.Cpus && EmupM->ReadyHead != NULL; i++) {
        if (EmupM->Cpus[i].Thread == NULL)
            DispatchOn(i, PopReady());
    }
}

VOID EmupReady(EMU_THREAD *Thread, ULONG64 At)
{
    Thread->ReadyTime = At;
    PushReady(Thread);
    DispatchIdle();
}

static BOOLEAN Preemptible(EMU_THREAD *Thread)
{
    return Thread != NULL && Thread->State == EmuThreadRunning && Thread->Irql < DISPATCH_LEVEL &&
           Thread->DpcDepth == 0;
}

static VOID Preempt(EMU_THREAD *Victim, EMU_THREAD *Next)
{
    ULONG cpu = (ULONG)Victim->Cpu;
    EMU_THREAD **link = &EmupM->ReadyHead;

    /* Next leaves the ready queue, Victim joins it. */
    while (*link != Next)
        link = &(*link)->ReadyNext;
    *link = Next->ReadyNext;
    if (EmupM->ReadyTail == Next) {
        EmupM->ReadyTail = NULL;
        for (EMU_THREAD *t = EmupM->ReadyHead; t != NULL; t = t->ReadyNext)
            EmupM->ReadyTail = t;
    }
    Next->ReadyNext = NULL;
    TraceAt(EMU_EV_DISPATCH_OFF, cpu, Victim, 1, 0);
    EmupM->Cpus[cpu].Thread = NULL;
    Victim->ReadyTime = EmupM->Cpus[cpu].Clock;
    PushReady(Victim);
    DispatchOn(cpu, Next);
}

static VOID RecordChoice(EMU_THREAD **Candidates, ULONG Count, EMU_THREAD *Chosen)
{
    UCHAR payload[EMU_MAX_CPUS * 2 * 3 + 8];
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
    for (i = 0; i < Count && i < EMU_MAX_CPUS * 2; i++)
        n += EmupTraceVarint(payload + n, Candidates[i]->Tid);
    EmupTraceEvent(&EmupM->Trace, EMU_EV_CHOICE, EmupM->Cpus[Chosen->Cpu >= 0 ? Chosen->Cpu : 0].Clock,
                   Chosen->Cpu >= 0 ? (unsigned)Chosen->Cpu : 0xFF, Chosen->Tid, 0, EmupM->ChoiceCount,
                   Chosen->Tid, Chosen->Loc, payload, n);
    EmupM->ChoiceCount++;
}

static EMU_THREAD *ByPolicy(EMU_THREAD **C, ULONG N)
{
    ULONG i, best = 0;
    switch (EmupM->Config.Policy) {
    case EmuPolicyRoundRobin:
        for (i = 0; i < N; i++)
            if (C[i]->Tid > EmupM->RrLast && (C[best]->Tid <= EmupM->RrLast || C[i]->Tid < C[best]->Tid))
                best = i;
        if (C[best]->Tid <= EmupM->RrLast)
            for (i = 0; i < N; i++)
                if (C[i]->Tid < C[best]->Tid)
                    best = i;
        return C[best];
    case EmuPolicyRandom:
        return C[NextRandom() % N];
    case EmuPolicyPct:
        for (i = 1; i < N; i++)
            if (C[i]->PctPriority > C[best]->PctPriority)
                best = i;
        return C[best];
    default: /* timed: the CPU furthest behind in virtual time moves first */
        for (i = 1; i < N; i++)
            if (C[i]->Cpu >= 0 && (C[best]->Cpu < 0 ||
                EmupM->Cpus[C[i]->Cpu].Clock < EmupM->Cpus[C[best]->Cpu].Clock))
                best = i;
        /* The thread that just moved keeps going while it is less than the
           slack ahead: far fewer fiber switches, same determinism. */
        for (i = 0; i < N; i++)
            if (C[i] == EmupM->Current && C[i]->Cpu >= 0 && C[best]->Cpu >= 0 &&
                EmupM->Cpus[C[i]->Cpu].Clock <= EmupM->Cpus[C[best]->Cpu].Clock + TIMED_SLACK_NS)
                return C[i];
        return C[best];
    }
}

static EMU_THREAD *Choose(EMU_THREAD **C, ULONG N)
{
    EMU_THREAD *chosen = NULL;
    ULONG index = EmupM->ChoiceCount, i;

    if (index < EmupM->Config.ReplayCount) {
        for (i = 0; i < N; i++)
            if (C[i]->Tid == EmupM->Config.Replay[index])
                chosen = C[i];
        if (chosen == NULL)
            EmupStop(EmuOutcomeReplayDiverged);
    } else {
        chosen = ByPolicy(C, N);
    }
    RecordChoice(C, N, chosen);
    return chosen;
}

/* PCT: at d-1 change points (by step), the thread moving lowers its priority. */
static VOID PctChangePoint(EMU_THREAD *Thread)
{
    ULONG i;
    for (i = 0; i < EmupM->PctChanges; i++) {
        if (EmupM->PctChangePoints[i] == EmupM->Steps) {
            Thread->PctPriority = i + 1;
        }
    }
}

/* Explore policy (docs/explorer.md): every thread that could move now is a
   candidate, a thread whose delay or wait timeout is pending included, since
   virtual time does not decide; a ready thread could take a CPU whose thread
   may be preempted. Candidates are in thread id order. */
static ULONG ExploreCandidates(EMU_THREAD **C, BOOLEAN *Timer)
{
    BOOLEAN cpuFree = FALSE;
    ULONG i, n = 0;
    for (i = 0; i < EmupM->Config.Cpus; i++)
        if (EmupM->Cpus[i].Thread == NULL || Preemptible(EmupM->Cpus[i].Thread))
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

static EMU_THREAD *ExplorePick(VOID)
{
    EMU_THREAD *c[EMU_MAX_THREADS], *chosen = NULL;
    BOOLEAN timer[EMU_MAX_THREADS];
    ULONG n, i, index;

    for (;;) {
        DispatchIdle();
        n = ExploreCandidates(c, timer);
        if (n == 0)
            return NULL;
        index = EmupM->ChoiceCount;
        if (EmupXOn) {
            chosen = EmupXPick(c, n, timer, EmupM->Current);
        } else if (n >= 2 && index < EmupM->Config.ReplayCount) {
            for (i = 0, chosen = NULL; i < n; i++)
                if (c[i]->Tid == EmupM->Config.Replay[index])
                    chosen = c[i];
            if (chosen == NULL)
                EmupStop(EmuOutcomeReplayDiverged);
        } else {
            chosen = ExploreDefault(c, timer, n);
        }
        if (n >= 2)
            RecordChoice(c, n, chosen);
        for (i = 0; i < n; i++)
            if (c[i] == chosen && timer[i]) {
                /* The chosen thread's timer fires now. */
                EmupM->TimerFiring = TRUE;
                EmupM->WakeAt = chosen->TimerDue;
                EmupUnwait(chosen, chosen->WaitCount ? STATUS_TIMEOUT : STATUS_SUCCESS);
                EmupM->WakeAt = 0;
                EmupM->TimerFiring = FALSE;
            }
        if (chosen->State == EmuThreadReady) {
            EMU_THREAD *victim = Preemptible(EmupM->Current) ? EmupM->Current : NULL;
            for (i = 0; victim == NULL && i < EmupM->Config.Cpus; i++)
                if (Preemptible(EmupM->Cpus[i].Thread))
                    victim = EmupM->Cpus[i].Thread;
            if (victim == NULL)
                continue;                 /* its timer fired with no CPU to run on: choose again */
            Preempt(victim, chosen);
        }
        return chosen;
    }
}

/* The thread that moves next, or NULL when none can (the phase ended). */
static EMU_THREAD *PickNext(VOID)
{
    EMU_THREAD *c[EMU_MAX_THREADS];
    EMU_THREAD *chosen;
    ULONG n, i;
    BOOLEAN readyCandidates;

    if (EmupM->Config.Policy == EmuPolicyExplore)
        return ExplorePick();
    for (;;) {
        FireTimers();
        DispatchIdle();
        n = 0;
        for (i = 0; i < EmupM->Config.Cpus; i++) {
            EMU_THREAD *t = EmupM->Cpus[i].Thread;
            if (t != NULL && t->State == EmuThreadRunning)
                c[n++] = t;
        }
        if (n == 0 && EmupM->TimerHead != NULL)
            continue;
        if (n == 0)
            return NULL;
        /* Testing policies may also preempt: a ready thread can take a CPU. */
        readyCandidates = EmupM->Config.Policy != EmuPolicyTimed && EmupM->ReadyHead != NULL &&
                          (Preemptible(EmupM->Current) || Preemptible(c[0]));
        if (readyCandidates)
            for (EMU_THREAD *t = EmupM->ReadyHead; t != NULL && n < EMU_MAX_THREADS; t = t->ReadyNext)
                c[n++] = t;
        chosen = n == 1 ? c[0] : Choose(c, n);
        if (chosen->State == EmuThreadReady) {
            EMU_THREAD *victim = Preemptible(EmupM->Current) ? EmupM->Current : NULL;
            for (i = 0; victim == NULL && i < EmupM->Config.Cpus; i++)
                if (Preemptible(EmupM->Cpus[i].Thread))
                    victim = EmupM->Cpus[i].Thread;
            Preempt(victim, chosen);
        }
        if (EmupM->Config.Policy == EmuPolicyRoundRobin)
            EmupM->RrLast = chosen->Tid;
        return chosen;
    }
}

static VOID ReapDeadFiber(VOID)
{
    if (EmupM->DeadFiber != NULL) {
        EmupFiberDestroy(EmupM->DeadFiber);
        EmupM->DeadFiber = NULL;
    }
}

static VOID SwitchTo(EMU_THREAD *Next)
{
    EMU_THREAD *prev = EmupM->Current;
    if (Next == prev)
        return;
    EmupM->Current = Next;
    EmupFiberSwitch(&prev->Fiber, &Next->Fiber);
    ReapDeadFiber();
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

static BOOLEAN AloneOnMachine(EMU_THREAD *Cur)
{
    ULONG i;
    if (EmupM->ReadyHead != NULL || EmupM->TimerHead != NULL)
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

    if (EmupM->Stopped || cur == NULL)
        return;
    EmupCharge(CostNs);
    if (++EmupM->Steps > EmupM->Config.StepBudget)
        EmupStop(EmuOutcomeBudget);
    if (EmupM->Config.Policy == EmuPolicyPct)
        PctChangePoint(cur);
    /* Quantum end or a higher-priority ready thread preempts (timed). */
    if (EmupM->Config.Policy != EmuPolicyExplore && EmupM->ReadyHead != NULL && Preemptible(cur) &&
        (EmupM->ReadyHead->Priority > cur->Priority ||
         (EmupM->ReadyHead->Priority == cur->Priority &&
          EmupM->Cpus[cur->Cpu].Clock - cur->QuantumStart >= (ULONG64)EmupM->Config.QuantumUs * 1000)))
        Preempt(cur, EmupM->ReadyHead);
    if (AloneOnMachine(cur))
        return;                       /* nothing else could move: no choice, no switch */
    next = PickNext();
    if (next == NULL)
        EndPhase();
    SwitchTo(next);
}

VOID EmupBlock(VOID)
{
    EMU_THREAD *cur = EmupM->Current, *next;
    ULONG cpu = (ULONG)cur->Cpu;

    TraceAt(EMU_EV_DISPATCH_OFF, cpu, cur, cur->State == EmuThreadSpinning ? 3 : 0, 0);
    if (cur->State != EmuThreadSpinning) {
        EmupM->Cpus[cpu].Thread = NULL;
        cur->Cpu = -1;
    }
    next = PickNext();
    if (next == NULL)
        EndPhase();
    SwitchTo(next);
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
    if (next == NULL)
        return;
    EmupM->Current = next;
    EmupM->InMain = FALSE;
    EmupFiberSwitch(&EmupM->MainFiber, &next->Fiber);
    EmupM->InMain = TRUE;
    ReapDeadFiber();
}

VOID EmupStop(EMU_OUTCOME Outcome)
{
    EMU_THREAD *prev = EmupM->Current;

    if (EmupM->Result.Outcome == EmuOutcomeNone)
        EmupM->Result.Outcome = Outcome;
    EmupM->Stopped = TRUE;
    EmupM->Current = NULL;
    EmupM->InMain = TRUE;
    if (prev == NULL)
        abort(); /* only driver threads stop the machine */
    EmupFiberSwitch(&prev->Fiber, &EmupM->MainFiber);
    abort();
}

VOID EmupSchedInit(VOID)
{
    ULONG i;
    if (EmupM->Config.StepBudget == 0)
        EmupM->Config.StepBudget = EMU_DEFAULT_BUDGET;
    EmupM->Rng = EmupM->Config.Seed;
    if (EmupM->Config.Policy == EmuPolicyPct) {
        ULONG d = EmupM->Config.PctDepth ? EmupM->Config.PctDepth : 3;
        ULONG64 k = EmupM->Config.StepBudget < 20000 ? EmupM->Config.StepBudget : 20000;
        EmupM->PctChanges = d - 1 > 8 ? 8 : d - 1;
        for (i = 0; i < EmupM->PctChanges; i++)
            EmupM->PctChangePoints[i] = 1 + NextRandom() % k;
    }
}

ULONG64 EmupPctPriority(VOID)
{
    return 1000 + (NextRandom() % 1000000);
}
