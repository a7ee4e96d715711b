/*++
Module Name: rules_timers.c
Abstract: Rule tests for KTIMER (a waitable dispatcher object, WAIT-1/2/3,
          with a DPC, BC-7) and for DPC importance, target processor, removal
          and flushing (DPC-3, DPC-4, DPC-7).
--*/
#include "harness.h"

static KTIMER T;
static KDPC Dpc, Dpc2;
static KEVENT Done;
static LONG Got[8];
static LONG Order[4], OrderCount;

static LARGE_INTEGER Relative(LONGLONG HundredNs)
{
    LARGE_INTEGER t;
    t.QuadPart = -HundredNs;
    return t;
}

static NTSTATUS TimerWaitEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    LARGE_INTEGER zero;
    ULONGLONG start;
    (VOID)D; (VOID)P;
    zero.QuadPart = 0;
    KeInitializeTimer(&T);
    Got[0] = KeReadStateTimer(&T);                                    /* not signalled */
    start = KeQueryInterruptTime();
    Got[1] = KeSetTimer(&T, Relative(5000), NULL);                    /* 500 us; was not set */
    Got[2] = KeWaitForSingleObject(&T, Executive, KernelMode, FALSE, &zero); /* not yet due */
    Got[3] = KeWaitForSingleObject(&T, Executive, KernelMode, FALSE, NULL);  /* WAIT-1: a timer is waitable */
    Got[4] = KeQueryInterruptTime() - start >= 5000;                  /* not before its due time */
    Got[5] = KeReadStateTimer(&T);                                    /* notification: stays signalled */
    Got[6] = KeWaitForSingleObject(&T, Executive, KernelMode, FALSE, &zero);
    KeInitializeTimerEx(&T, SynchronizationTimer);
    KeSetTimer(&T, Relative(100), NULL);
    KeWaitForSingleObject(&T, Executive, KernelMode, FALSE, NULL);
    Got[7] = KeReadStateTimer(&T);                                    /* WAIT-2: the wait reset it */
    return STATUS_SUCCESS;
}

void TestWAIT1WAIT2TimerObject(void)
{
    CHECK_EQ(Run(TimerWaitEntry), EmuOutcomeCompleted);
    CHECK_EQ(Got[0], FALSE);
    CHECK_EQ(Got[1], FALSE);
    CHECK_EQ(Got[2], STATUS_TIMEOUT);
    CHECK_EQ(Got[3], STATUS_SUCCESS);
    CHECK_EQ(Got[4], TRUE);
    CHECK_EQ(Got[5], TRUE);
    CHECK_EQ(Got[6], STATUS_SUCCESS);
    CHECK_EQ(Got[7], FALSE);
}

static NTSTATUS TimerCancelEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    LARGE_INTEGER past, wait;
    (VOID)D; (VOID)P;
    KeInitializeTimer(&T);
    KeSetTimer(&T, Relative(10000), NULL);
    Got[0] = KeSetTimer(&T, Relative(20000), NULL);                   /* TRUE: it was set */
    Got[1] = KeCancelTimer(&T);                                       /* TRUE: it was set */
    Got[2] = KeCancelTimer(&T);                                       /* FALSE: no more */
    wait = Relative(40000);
    Got[3] = KeWaitForSingleObject(&T, Executive, KernelMode, FALSE, &wait);   /* never expires */
    KeQuerySystemTime(&past);                                         /* WAIT-3: absolute, in the past */
    KeSetTimer(&T, past, NULL);
    Got[4] = KeWaitForSingleObject(&T, Executive, KernelMode, FALSE, &wait);
    return STATUS_SUCCESS;
}

void TestWAIT3TimerDueAndCancel(void)
{
    CHECK_EQ(Run(TimerCancelEntry), EmuOutcomeCompleted);
    CHECK_EQ(Got[0], TRUE);
    CHECK_EQ(Got[1], TRUE);
    CHECK_EQ(Got[2], FALSE);
    CHECK_EQ(Got[3], STATUS_TIMEOUT);
    CHECK_EQ(Got[4], STATUS_SUCCESS);
}

static VOID CountingDpc(PKDPC D, PVOID Context, PVOID A1, PVOID A2)
{
    (VOID)D; (VOID)Context; (VOID)A1; (VOID)A2;
    Got[0] = KeGetCurrentIrql();
    if (++Got[1] == 3)
        KeSetEvent(&Done, IO_NO_INCREMENT, FALSE);
}

/* Every thread waits while the timer's DPC is due: it runs all the same. */
static NTSTATUS PeriodicEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    ULONGLONG start;
    (VOID)D; (VOID)P;
    KeInitializeTimer(&T);
    KeInitializeDpc(&Dpc, CountingDpc, NULL);
    KeInitializeEvent(&Done, NotificationEvent, FALSE);
    start = KeQueryInterruptTime();
    KeSetTimerEx(&T, Relative(1000), 2, &Dpc);                        /* 100 us, then every 2 ms */
    KeWaitForSingleObject(&Done, Executive, KernelMode, FALSE, NULL);
    Got[2] = (LONG)((KeQueryInterruptTime() - start) / 10000);        /* ms: 0.1 + 2 + 2 */
    Got[3] = KeCancelTimer(&T);
    return STATUS_SUCCESS;
}

void TestDPC4PeriodicTimerDpc(void)
{
    ULONG cpus;
    for (cpus = 1; cpus <= 4; cpus *= 2) {
        Got[1] = 0;
        CHECK_EQ(RunOn(PeriodicEntry, cpus, EmuPolicyTimed, 1), EmuOutcomeCompleted);
        CHECK_EQ(Got[0], DISPATCH_LEVEL);
        CHECK_EQ(Got[1], 3);
        CHECK_EQ(Got[2], 4);
        CHECK_EQ(Got[3], TRUE);
    }
}

static NTSTATUS FreeActiveTimerEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    PKTIMER t = (PKTIMER)ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(KTIMER), 'mTdW');
    (VOID)D; (VOID)P;
    KeInitializeTimer(t);
    KeSetTimer(t, Relative(10000), NULL);
    ExFreePoolWithTag(t, 'mTdW');                                     /* BC-7: still set */
    return STATUS_SUCCESS;
}

void TestBC7FreeActiveTimer(void)
{
    CHECK_EQ(Run(FreeActiveTimerEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x15);
}

static VOID RecordingDpc(PKDPC D, PVOID Context, PVOID A1, PVOID A2)
{
    (VOID)D; (VOID)A1; (VOID)A2;
    Order[OrderCount++] = (LONG)(LONG_PTR)Context;
    Got[4] = (LONG)KeGetCurrentProcessorNumber();
}

static NTSTATUS ImportanceEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)D; (VOID)P;
    OrderCount = 0;
    KeInitializeDpc(&Dpc, RecordingDpc, (PVOID)1);
    KeInitializeDpc(&Dpc2, RecordingDpc, (PVOID)2);
    KeSetImportanceDpc(&Dpc2, HighImportance);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeInsertQueueDpc(&Dpc, NULL, NULL);
    KeInsertQueueDpc(&Dpc2, NULL, NULL);                              /* DPC-3: to the head */
    Got[0] = OrderCount;                                              /* none ran at DISPATCH_LEVEL */
    KeLowerIrql(old);
    Got[1] = KeRemoveQueueDpc(&Dpc);                                  /* DPC-7: ran, not queued */
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeInsertQueueDpc(&Dpc, NULL, NULL);
    Got[2] = KeRemoveQueueDpc(&Dpc);                                  /* DPC-7: queued: removed */
    KeLowerIrql(old);
    return STATUS_SUCCESS;
}

void TestDPC3HighImportanceFirst(void)
{
    CHECK_EQ(Run(ImportanceEntry), EmuOutcomeCompleted);
    CHECK_EQ(Got[0], 0);
    CHECK_EQ(OrderCount, 2);
    CHECK_EQ(Order[0], 2);
    CHECK_EQ(Order[1], 1);
    CHECK_EQ(Got[1], FALSE);
    CHECK_EQ(Got[2], TRUE);
}

static NTSTATUS TargetEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    (VOID)D; (VOID)P;
    OrderCount = 0;
    Got[4] = -1;
    KeInitializeDpc(&Dpc, RecordingDpc, (PVOID)7);
    KeSetTargetProcessorDpc(&Dpc, 1);
    Got[0] = KeGetCurrentProcessorNumber();
    KeInsertQueueDpc(&Dpc, NULL, NULL);
    KeFlushQueuedDpcs();                                              /* DPC-7: returns once it ran */
    Got[1] = OrderCount;
    return STATUS_SUCCESS;
}

void TestDPC3TargetProcessorAndFlush(void)
{
    CHECK_EQ(RunOn(TargetEntry, 2, EmuPolicyTimed, 1), EmuOutcomeCompleted);
    CHECK_EQ(Got[0], 0);
    CHECK_EQ(Got[1], 1);
    CHECK_EQ(Order[0], 7);
    CHECK_EQ(Got[4], 1);                                              /* on the processor it named */
}

/* ---- runs that must end (issue 15: the module fuzzer's hang) ------------- */

static KSPIN_LOCK Lost;

static VOID SpinningDpc(PKDPC D, PVOID Context, PVOID A1, PVOID A2)
{
    (VOID)D; (VOID)Context; (VOID)A1; (VOID)A2;
    Got[1]++;
    KeAcquireSpinLockAtDpcLevel(&Lost);                               /* its owner has ended */
    KeReleaseSpinLockFromDpcLevel(&Lost);
}

static VOID EndsHolding(PVOID Context)
{
    KIRQL old;
    (VOID)Context;
    KeAcquireSpinLock(&Lost, &old);                                   /* never released */
}

/* A periodic timer's DPC, run while every thread waits (DPC-4: as an
   interrupt, on the idle thread's stack), spins on a lock nobody will
   release. The timer goes on expiring, but its DPC is still queued behind
   the spinning one: nothing can move, and the run is a deadlock rather than
   virtual time passing for ever with no step charged. */
static NTSTATUS SpinningDpcEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    HANDLE h;
    (VOID)D; (VOID)P;
    KeInitializeSpinLock(&Lost);
    KeInitializeEvent(&Done, NotificationEvent, FALSE);
    KeInitializeDpc(&Dpc, SpinningDpc, NULL);
    KeInitializeTimer(&T);
    h = StartThread(EndsHolding, NULL);
    JoinThreads(&h, 1);
    KeSetTimerEx(&T, Relative(10000), 1, &Dpc);                       /* 1 ms, then every 1 ms */
    KeWaitForSingleObject(&Done, Executive, KernelMode, FALSE, NULL); /* never set */
    Got[0] = 1;
    return STATUS_SUCCESS;
}

void TestDPC4TimerDpcSpinsWhileAllWait(void)
{
    static const EMU_POLICY policies[] = { EmuPolicyTimed, EmuPolicyRoundRobin, EmuPolicyRandom, EmuPolicyPct,
                                           EmuPolicyExplore };
    ULONG p, cpus;
    for (p = 0; p < sizeof policies / sizeof policies[0]; p++) {
        for (cpus = 1; cpus <= 2; cpus++) {
            Got[0] = Got[1] = 0;
            CHECK_EQ(RunOn(SpinningDpcEntry, cpus, policies[p], 1), EmuOutcomeDeadlock);
            CHECK_EQ(Got[0], 0);                                      /* DriverEntry never went on */
            CHECK_EQ(Got[1], 1);                                      /* the DPC ran once, and spins */
            CHECK_EQ(EmuResult()->DeadlockCount, 1);
            CHECK_EQ(EmuResult()->Deadlock[0].Thread, 1);             /* the stack the DPC runs on */
            CHECK_EQ(EmuResult()->Deadlock[0].Owner, 2);              /* the lock's owner, ended */
        }
    }
}

/* WAIT-3: a periodic timer whose next period would pass the end of virtual
   time (2^64 ns) stays set and is never due again, rather than wrapping
   round and expiring at every period from time zero up to now. */
static NTSTATUS PeriodPastEndEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    LARGE_INTEGER due;
    (VOID)D; (VOID)P;
    KeInitializeTimer(&T);
    due.QuadPart = -(LONGLONG)((~0ull - 200000ull) / 100);            /* 20 us before the end */
    KeSetTimerEx(&T, due, 1, NULL);
    Got[0] = KeWaitForSingleObject(&T, Executive, KernelMode, FALSE, NULL);
    Got[1] = KeReadStateTimer(&T);
    Got[2] = KeCancelTimer(&T);                                       /* still set, for the end of time */
    return STATUS_SUCCESS;
}

void TestWAIT3PeriodPastEndOfTime(void)
{
    CHECK_EQ(Run(PeriodPastEndEntry), EmuOutcomeCompleted);
    CHECK_EQ(Got[0], STATUS_SUCCESS);
    CHECK_EQ(Got[1], TRUE);
    CHECK_EQ(Got[2], TRUE);
}

/* WAIT-1/WAIT-3: once a periodic notification timer with no DPC is
   signalled, only setting it again changes what anyone sees, so a century's
   delay beside a 1 ms timer ends (it used to expire it 3 * 10^12 times, with
   no step charged); set again, it expires again. */
static NTSTATUS CenturyDelayEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    LARGE_INTEGER zero, century;
    ULONGLONG start;
    (VOID)D; (VOID)P;
    zero.QuadPart = 0;
    century.QuadPart = -10000000LL * 3600 * 24 * 36525;               /* 100 years, in 100 ns units */
    KeInitializeTimer(&T);
    start = KeQueryInterruptTime();
    KeSetTimerEx(&T, Relative(10000), 1, NULL);                       /* 1 ms, then every 1 ms */
    KeDelayExecutionThread(KernelMode, FALSE, &century);
    Got[0] = (LONG)((KeQueryInterruptTime() - start) / (10000000ull * 3600 * 24));   /* days */
    Got[1] = KeReadStateTimer(&T);
    Got[2] = KeWaitForSingleObject(&T, Executive, KernelMode, FALSE, &zero);
    Got[3] = KeSetTimerEx(&T, Relative(10000), 1, NULL);              /* still set */
    Got[4] = KeReadStateTimer(&T);                                    /* setting clears it */
    Got[5] = KeWaitForSingleObject(&T, Executive, KernelMode, FALSE, NULL);
    Got[6] = KeCancelTimer(&T);
    return STATUS_SUCCESS;
}

void TestWAIT3PeriodicTimerNobodySees(void)
{
    CHECK_EQ(Run(CenturyDelayEntry), EmuOutcomeCompleted);
    CHECK_EQ(Got[0], 36525);
    CHECK_EQ(Got[1], TRUE);
    CHECK_EQ(Got[2], STATUS_SUCCESS);
    CHECK_EQ(Got[3], TRUE);
    CHECK_EQ(Got[4], FALSE);
    CHECK_EQ(Got[5], STATUS_SUCCESS);
    CHECK_EQ(Got[6], TRUE);
}

/* DPC-4 and WAIT-2: expiries nobody can see are skipped, not looped over: a
   synchronization timer nobody waits for beside a century's delay, and a
   periodic DPC while the thread stalls for hours (each stall's expiries
   queue the DPC once; it runs at the next step, as before). */
static NTSTATUS UnseenExpiriesEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    LARGE_INTEGER century;
    ULONG i;
    (VOID)D; (VOID)P;
    century.QuadPart = -10000000LL * 3600 * 24 * 36525;
    KeInitializeTimerEx(&T, SynchronizationTimer);
    KeSetTimerEx(&T, Relative(10000), 1, NULL);
    KeDelayExecutionThread(KernelMode, FALSE, &century);
    Got[4] = KeReadStateTimer(&T);
    Got[5] = KeWaitForSingleObject(&T, Executive, KernelMode, FALSE, NULL); /* signalled: resets it */
    Got[6] = KeReadStateTimer(&T);
    Got[7] = KeWaitForSingleObject(&T, Executive, KernelMode, FALSE, NULL); /* the next period */
    KeCancelTimer(&T);
    Got[1] = 0;
    KeInitializeDpc(&Dpc, CountingDpc, NULL);
    KeInitializeEvent(&Done, NotificationEvent, FALSE);
    KeSetTimerEx(&T, Relative(10000), 1, &Dpc);
    for (i = 0; i < 4; i++)
        KeStallExecutionProcessor(0xFFFFFFFFu);                       /* 71 minutes each */
    KeCancelTimer(&T);
    KeFlushQueuedDpcs();
    return STATUS_SUCCESS;
}

void TestDPC4UnseenExpiriesSkipped(void)
{
    CHECK_EQ(Run(UnseenExpiriesEntry), EmuOutcomeCompleted);
    CHECK_EQ(Got[4], TRUE);
    CHECK_EQ(Got[5], STATUS_SUCCESS);
    CHECK_EQ(Got[6], FALSE);
    CHECK_EQ(Got[7], STATUS_SUCCESS);
    CHECK(Got[1] >= 4 && Got[1] <= 6);                                /* once a stall, not once a ms */
}
