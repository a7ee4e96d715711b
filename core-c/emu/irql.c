/*++
Module Name: irql.c
Abstract: IRQL per CPU (IRQL-n), critical and guarded regions (CR-n), DPCs
          (DPC-n), the virtual clock's kernel routines and interlocked
          operations.
--*/
#include "emup.h"

#define BOOT_SYSTEM_TIME 133800000000000000ll  /* 2025-01-01, 100 ns since 1601 */

VOID EmupSetIrql(KIRQL NewIrql)
{
    EMU_THREAD *t = EmupCurrent();
    EMUP_ASSERT(NewIrql <= HIGH_LEVEL);
    if (t->Irql != NewIrql) {
        /* Crossing DISPATCH_LEVEL decides whether this CPU can be taken. */
        if ((t->Irql < DISPATCH_LEVEL) != (NewIrql < DISPATCH_LEVEL))
            EMUP_X(EmupXGlobal());
        EmupTrace(EMU_EV_IRQL, t, NULL, t->Irql, NewIrql);
        t->Irql = NewIrql;
    }
}

/* KM-8: after a Wait = TRUE release or signal, only a wait may follow. */
VOID EmupCheckWaitNext(PCSTR Api)
{
    EMU_THREAD *t = EmupCurrent();
    (VOID)Api;
    if (t != NULL && t->WaitNext)
        EmupBugCheck(0xC4, 0x31, t->Irql, t->WaitIrql, 0);
}

/* Drains CPU Cpu's queue on the current thread's stack, at DISPATCH_LEVEL:
   DPCs run in an arbitrary thread context (DPC-4). A CPU with no thread of
   its own is borrowed for the time the DPCs take. */
__attribute__((noinline)) VOID EmupRunDpcsOn(ULONG Cpu)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_CPU *cpu = &EmupM->Cpus[Cpu];
    KIRQL saved = t->Irql;
    LONG home = t->Cpu;

    t->Cpu = (LONG)Cpu;
    while (cpu->DpcHead != NULL) {
        EMU_OBJECT *dpc = cpu->DpcHead;
        cpu->DpcHead = dpc->DpcNext;
        if (cpu->DpcHead == NULL)
            cpu->DpcTail = NULL;
        dpc->DpcNext = NULL;
        dpc->DpcQueued = FALSE;                                       /* DPC-4: cleared before the call */
        EMUP_X(EmupXObject(dpc->Id));
        if (cpu->Clock < dpc->DpcTime)
            cpu->Clock = dpc->DpcTime;                                /* not before it was queued (a timer's due time) */
        if (cpu->Clock < EmupM->Now)
            cpu->Clock = EmupM->Now;                                  /* nor before the step that takes it */
        EmupM->Now = cpu->Clock;
        EmupSetIrql(DISPATCH_LEVEL);
        EmupCharge(EMU_COST_DPC);
        EmupTraceEx(EMU_EV_DPC_BEGIN, EmupNow(), Cpu, t, dpc->Id, 0, 0, t->Loc, NULL, 0);
        t->DpcDepth++;
        dpc->DpcRoutine((PKDPC)dpc->Address, dpc->DpcContext, dpc->DpcArg1, dpc->DpcArg2);
        t->DpcDepth--;
        if (t->Irql != DISPATCH_LEVEL)                                /* DPC-6, IRQL-8 */
            EmupBugCheck(0xC8, ((ULONG64)t->Irql << 16) | (DISPATCH_LEVEL << 8) | 2, 0, 0, 0);
        EmupTraceEx(EMU_EV_DPC_END, EmupNow(), Cpu, t, dpc->Id, 0, 0, t->Loc, NULL, 0);
    }
    /* A waiting thread a DPC readied may have been dispatched meanwhile: it stays where it went. */
    if (!(home < 0 && t->State == EmuThreadRunning))
        t->Cpu = home;
    EmupSetIrql(saved);
}

VOID EmupRunDpcs(VOID)
{
    EMU_THREAD *t = EmupCurrent();
    if (t->Cpu >= 0)
        EmupRunDpcsOn((ULONG)t->Cpu);
}

/* The dispatch interrupt, taken at a scheduling point below DISPATCH_LEVEL:
   this CPU's DPCs, and those queued for a CPU that has no thread to run them
   (a timer's, or one targeted with KeSetTargetProcessorDpc). */
VOID EmupDispatchInterrupt(VOID)
{
    EMU_THREAD *t = EmupCurrent();
    ULONG i;
    if (t == NULL || t->Cpu < 0 || t->Irql >= DISPATCH_LEVEL || t->DpcDepth != 0 || EmupM->InInterrupt)
        return;
    for (i = 0; i < EmupM->Config.Cpus; i++)
        if (EmupM->Cpus[i].DpcHead != NULL && (i == (ULONG)t->Cpu || EmupM->Cpus[i].Thread == NULL))
            EmupRunDpcsOn(i);
}

/* No thread can run, yet DPCs are queued (a timer expired while every thread
   waits): they run as an interrupt would, on the stack of the thread that
   went idle last, which sees none of it. Returns TRUE when any ran. */
BOOLEAN EmupIdleDpcs(VOID)
{
    EMU_THREAD *t = EmupCurrent();
    BOOLEAN ran = FALSE;
    ULONG i;
    if (t == NULL || EmupM->InInterrupt || EmupM->Stopped)
        return FALSE;
    EmupM->InInterrupt = TRUE;
    for (i = 0; i < EmupM->Config.Cpus; i++) {
        if (EmupM->Cpus[i].DpcHead != NULL) {
            EmupRunDpcsOn(i);
            ran = TRUE;
        }
    }
    EmupM->InInterrupt = FALSE;
    return ran;
}

/* DPC-2, DPC-3: queue once; HighImportance at the head, others at the tail,
   on the DPC's target processor when it has one, else on Cpu. */
BOOLEAN EmupDpcQueueAt(EMU_OBJECT *Dpc, ULONG Cpu, ULONG64 Time, PVOID Arg1, PVOID Arg2)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_CPU *cpu;
    if (Dpc->DpcQueued)
        return FALSE;
    if (Dpc->DpcTarget > 0 && (ULONG)Dpc->DpcTarget <= EmupM->Config.Cpus)
        Cpu = (ULONG)Dpc->DpcTarget - 1;
    Dpc->DpcArg1 = Arg1;
    Dpc->DpcArg2 = Arg2;
    Dpc->DpcQueued = TRUE;
    EMUP_X(EmupXGlobal());                                            /* per-CPU queues */
    Dpc->DpcTime = Time;
    Dpc->DpcCpu = (UCHAR)Cpu;
    cpu = &EmupM->Cpus[Cpu];
    if (Dpc->DpcImportance == HighImportance) {
        Dpc->DpcNext = cpu->DpcHead;
        cpu->DpcHead = Dpc;
        if (cpu->DpcTail == NULL)
            cpu->DpcTail = Dpc;
    } else {
        if (cpu->DpcTail != NULL)
            cpu->DpcTail->DpcNext = Dpc;
        else
            cpu->DpcHead = Dpc;
        cpu->DpcTail = Dpc;
    }
    EmupTraceEx(EMU_EV_DPC_QUEUED, Time, Cpu, t, Dpc->Id, Cpu, 0, EMUP_LOC_OF(t), NULL, 0);
    return TRUE;
}

VOID EmupLowerIrql(KIRQL NewIrql)
{
    EMU_THREAD *t = EmupCurrent();
    EMUP_ASSERT(NewIrql <= t->Irql);                 /* a lower, never a raise: callers checked */
    EmupSetIrql(NewIrql);
    /* IRQL-5: dropping below DISPATCH_LEVEL drains this CPU's DPC queue. */
    if (NewIrql < DISPATCH_LEVEL && t->Cpu >= 0 && EmupM->Cpus[t->Cpu].DpcHead != NULL && t->DpcDepth == 0)
        EmupRunDpcs();
}

KIRQL KeGetCurrentIrql(VOID)
{
    EMU_THREAD *t = EmupCurrent();
    return t != NULL ? t->Irql : PASSIVE_LEVEL;
}

VOID KeRaiseIrql(KIRQL NewIrql, PKIRQL OldIrql)
{
    EMU_THREAD *t = EmupCurrent();
    EmupCheckWaitNext("KeRaiseIrql");
    EmupSchedPoint(EMU_COST_CALL);
    if (NewIrql < t->Irql || NewIrql > HIGH_LEVEL)                    /* IRQL-3, BC-8 */
        EmupBugCheck(0xC4, 0x30, t->Irql, NewIrql, 0);
    if (OldIrql != NULL)
        *OldIrql = t->Irql;
    EmupSetIrql(NewIrql);
}

KIRQL KeRaiseIrqlToDpcLevel(VOID)
{
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    return old;
}

VOID KeLowerIrql(KIRQL NewIrql)
{
    EMU_THREAD *t = EmupCurrent();
    EmupCheckWaitNext("KeLowerIrql");
    EmupSchedPoint(EMU_COST_CALL);
    if (NewIrql > t->Irql || NewIrql > HIGH_LEVEL)                    /* IRQL-4, BC-9 */
        EmupBugCheck(0xC4, 0x31, t->Irql, NewIrql, 0);
    if (t->DpcDepth != 0 && NewIrql < DISPATCH_LEVEL)                 /* DPC-5 */
        EmupBugCheck(0xC4, 0x31, t->Irql, NewIrql, 1);
    EmupLowerIrql(NewIrql);
}

VOID KeEnterCriticalRegion(VOID)
{
    EMU_THREAD *t = EmupCurrent();
    EmupCheckWaitNext("KeEnterCriticalRegion");
    EmupSchedPoint(EMU_COST_CALL);
    if (t->Irql > APC_LEVEL)                                          /* CR-1, BC-22 */
        EmupBugCheck(0xC4, 0x11A, t->Irql, 0, 0);
    t->KernelApcDisable--;
}

VOID KeLeaveCriticalRegion(VOID)
{
    EMU_THREAD *t = EmupCurrent();
    EmupCheckWaitNext("KeLeaveCriticalRegion");
    EmupSchedPoint(EMU_COST_CALL);
    if (t->Irql > APC_LEVEL)                                          /* BC-22 */
        EmupBugCheck(0xC4, 0x11B, t->Irql, 0, 0);
    if (t->KernelApcDisable >= 0)                                     /* CR-2, BC-16 */
        EmupBugCheck(0xC4, 0x3E, 0, 0, 0);
    t->KernelApcDisable++;
}

VOID KeEnterGuardedRegion(VOID)
{
    EMU_THREAD *t = EmupCurrent();
    EmupCheckWaitNext("KeEnterGuardedRegion");
    EmupSchedPoint(EMU_COST_CALL);
    if (t->Irql > APC_LEVEL)                                          /* CR-3 */
        EmupBugCheck(0xC4, 0x11A, t->Irql, 0, 0);
    t->SpecialApcDisable--;
}

VOID KeLeaveGuardedRegion(VOID)
{
    EMU_THREAD *t = EmupCurrent();
    EmupCheckWaitNext("KeLeaveGuardedRegion");
    EmupSchedPoint(EMU_COST_CALL);
    if (t->Irql > APC_LEVEL)
        EmupBugCheck(0xC4, 0x11B, t->Irql, 0, 0);
    if (t->SpecialApcDisable >= 0)
        EmupBugCheck(0xC4, 0x3E, 0, 0, 0);
    t->SpecialApcDisable++;
}

static EMU_OBJECT *DpcObject(PRKDPC Dpc)
{
    EMU_OBJECT *o;
    if (Dpc == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, 0, 0, 0);
    o = EmupObjectLookup(Dpc, EMU_OBJ_DPC, &Dpc->EmuTag, &Dpc->EmuId);
    if (o == NULL)
        EmupUnknownObject(Dpc);
    return o;
}

VOID KeInitializeDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine, PVOID DeferredContext)
{
    EMU_OBJECT *o;
    EmupCheckWaitNext("KeInitializeDpc");
    EmupSchedPoint(EMU_COST_CALL);
    if (Dpc == NULL || DeferredRoutine == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, 0, 0, 0);
    o = EmupObjectCreate(EMU_OBJ_DPC, Dpc, &Dpc->EmuTag, &Dpc->EmuId);    /* DPC-1 */
    o->DpcRoutine = DeferredRoutine;
    o->DpcContext = DeferredContext;
}

BOOLEAN KeInsertQueueDpc(PRKDPC Dpc, PVOID SystemArgument1, PVOID SystemArgument2)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o;
    EmupCheckWaitNext("KeInsertQueueDpc");
    EmupSchedPoint(EMU_COST_CALL);
    o = DpcObject(Dpc);
    if (!EmupDpcQueueAt(o, (ULONG)t->Cpu, EmupNow(), SystemArgument1, SystemArgument2))
        return FALSE;                                                 /* DPC-2 */
    /* DPC-3/4: the dispatch interrupt is taken at once when IRQL allows. */
    if (t->Irql < DISPATCH_LEVEL && t->DpcDepth == 0)
        EmupDispatchInterrupt();
    return TRUE;
}

BOOLEAN KeRemoveQueueDpc(PRKDPC Dpc)
{
    EMU_OBJECT *o, **link;
    EMU_CPU *cpu;
    EmupSchedPoint(EMU_COST_CALL);
    o = DpcObject(Dpc);
    if (!o->DpcQueued)                                                /* DPC-7 */
        return FALSE;
    cpu = &EmupM->Cpus[o->DpcCpu];
    cpu->DpcTail = NULL;
    for (link = &cpu->DpcHead; *link != NULL;) {
        if (*link == o)
            *link = o->DpcNext;
        else {
            cpu->DpcTail = *link;
            link = &(*link)->DpcNext;
        }
    }
    o->DpcQueued = FALSE;
    o->DpcNext = NULL;
    return TRUE;
}

VOID KeSetImportanceDpc(PRKDPC Dpc, KDPC_IMPORTANCE Importance)
{
    EmupSchedPoint(EMU_COST_CALL);
    DpcObject(Dpc)->DpcImportance = (UCHAR)Importance;                /* DPC-3 */
}

/* Number is 0-based; a processor the machine lacks is an invalid parameter. */
VOID KeSetTargetProcessorDpc(PRKDPC Dpc, CCHAR Number)
{
    EMU_OBJECT *o;
    EmupSchedPoint(EMU_COST_CALL);
    o = DpcObject(Dpc);
    if ((UCHAR)Number >= EmupM->Config.Cpus)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_INVALID_PARAMETER, 0, 0, 0);
    o->DpcTarget = (UCHAR)(Number + 1);
}

/* DPC-7: returns once every DPC queued so far has run; PASSIVE_LEVEL only.
   The caller's own CPU drains at once; it then yields until the others have. */
VOID KeFlushQueuedDpcs(VOID)
{
    EMU_THREAD *t = EmupCurrent();
    ULONG i;
    BOOLEAN pending;
    EmupCheckWaitNext("KeFlushQueuedDpcs");
    EmupSchedPoint(EMU_COST_CALL);
    if (t->Irql != PASSIVE_LEVEL || t->DpcDepth != 0)
        EmupBugCheck(0xC4, 0x20005, t->Irql, 0, 0);
    EMUP_X(EmupXGlobal());                                            /* every CPU's queue */
    for (;;) {
        EmupDispatchInterrupt();
        pending = FALSE;
        for (i = 0; i < EmupM->Config.Cpus; i++)
            pending |= EmupM->Cpus[i].DpcHead != NULL;
        if (!pending)
            return;
        EmupSchedPoint(EMU_COST_SPIN);
    }
}

VOID KeStallExecutionProcessor(ULONG MicroSeconds)
{
    EmupSchedPoint(EMU_COST_CALL);
    EmupCharge((ULONG64)MicroSeconds * 1000);                          /* busy: the CPU's clock moves */
}

ULONGLONG KeQueryInterruptTime(VOID)
{
    EmupSchedPoint(EMU_COST_CALL);
    EMUP_X(EmupXGlobal());                                            /* time depends on every step */
    return EmupNow() / 100;
}

VOID KeQuerySystemTime(PLARGE_INTEGER CurrentTime)
{
    EMUP_X(EmupXGlobal());
    if (CurrentTime != NULL)
        CurrentTime->QuadPart = BOOT_SYSTEM_TIME + (LONGLONG)(EmupNow() / 100);
}

static VOID Interlocked(LONG volatile *Target)
{
    /* A NULL target faults in the interlocked instruction itself: an access
       violation the system thread does not handle (0x7E), as on Windows. */
    if (Target == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, 0, 0, 0);
    EmupCheckWaitNext("Interlocked");
    EmupSchedPoint(EMU_COST_INTERLOCKED);
    EMUP_X(EmupXMemory(EmupXAddress((const VOID *)Target), sizeof(LONG), TRUE, TRUE));
}

LONG InterlockedIncrement(LONG volatile *Addend)
{
    Interlocked(Addend);
    return *Addend = (LONG)((ULONG)*Addend + 1u);
}

LONG InterlockedDecrement(LONG volatile *Addend)
{
    Interlocked(Addend);
    return *Addend = (LONG)((ULONG)*Addend - 1u);
}

LONG InterlockedExchange(LONG volatile *Target, LONG Value)
{
    LONG old;
    Interlocked(Target);
    old = *Target;
    *Target = Value;
    return old;
}

LONG InterlockedCompareExchange(LONG volatile *Destination, LONG Exchange, LONG Comparand)
{
    LONG old;
    Interlocked(Destination);
    old = *Destination;
    if (old == Comparand)
        *Destination = Exchange;
    return old;
}

LONG InterlockedExchangeAdd(LONG volatile *Addend, LONG Value)
{
    LONG old;
    Interlocked(Addend);
    old = *Addend;
    *Addend = (LONG)((ULONG)old + (ULONG)Value);
    return old;
}
