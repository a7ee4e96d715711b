/*++
Module Name: rules_events.c
Abstract: Rule tests for events (EV-1, EV-4..7) and semaphores (SEM-1, SEM-2,
          SEM-5): initial states, what a satisfied wait consumes, reset,
          clear, pulse, the priority increment, and release adjustments.
--*/
#include "harness.h"

static KEVENT E;
static KSEMAPHORE S;
static LONG64 V[16];
static LONG Order[4], OrderCount;
static LONG Mode;

static LARGE_INTEGER Rel(LONGLONG Units)
{
    LARGE_INTEGER t;
    t.QuadPart = -Units;
    return t;
}

/* EV-1: the type and initial state given, at any IRQL (here DISPATCH_LEVEL). */
static NTSTATUS InitEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER zero = Rel(0);
    KIRQL old;
    (VOID)Dr; (VOID)P;
    KeInitializeEvent(&E, NotificationEvent, TRUE);
    V[0] = KeReadStateEvent(&E);
    V[1] = KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, &zero);
    V[2] = KeReadStateEvent(&E);                                      /* a notification event is not consumed */
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeInitializeEvent(&E, SynchronizationEvent, FALSE);
    KeLowerIrql(old);
    V[3] = KeReadStateEvent(&E);
    V[4] = KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, &zero);
    return STATUS_SUCCESS;
}

void TestEV1InitialState(void)
{
    CHECK_EQ(Run(InitEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], 1);
    CHECK_EQ(V[1], STATUS_SUCCESS);
    CHECK_EQ(V[2], 1);
    CHECK_EQ(V[3], 0);
    CHECK_EQ(V[4], STATUS_TIMEOUT);
}

/* EV-4: a synchronization event is reset by the wait it satisfies; a
   notification event's waiter is woken with STATUS_SUCCESS and consumes nothing. */
static VOID NotifiedWaiter(PVOID C)
{
    (VOID)C;
    V[5] = KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL);
}

static NTSTATUS ConsumeEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER zero = Rel(0), wait = Rel(1000);
    HANDLE h;
    (VOID)Dr; (VOID)P;
    KeInitializeEvent(&E, SynchronizationEvent, TRUE);
    V[0] = KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, &zero);
    V[1] = KeReadStateEvent(&E);
    V[2] = KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, &zero);
    KeInitializeEvent(&E, NotificationEvent, FALSE);
    V[5] = -1;
    h = StartThread(NotifiedWaiter, NULL);
    KeDelayExecutionThread(KernelMode, FALSE, &wait);                 /* the waiter blocks */
    KeSetEvent(&E, IO_NO_INCREMENT, FALSE);
    JoinThreads(&h, 1);
    V[3] = KeReadStateEvent(&E);
    V[4] = KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, &zero);
    return STATUS_SUCCESS;
}

void TestEV4WhatAWaitConsumes(void)
{
    CHECK_EQ(Run(ConsumeEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], STATUS_SUCCESS);
    CHECK_EQ(V[1], 0);
    CHECK_EQ(V[2], STATUS_TIMEOUT);
    CHECK_EQ(V[5], STATUS_SUCCESS);
    CHECK_EQ(V[3], 1);
    CHECK_EQ(V[4], STATUS_SUCCESS);
}

/* EV-5: KeResetEvent returns the previous state, KeClearEvent only clears,
   both at DISPATCH_LEVEL; KeReadStateEvent at any IRQL. */
static NTSTATUS ResetEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    KeInitializeEvent(&E, NotificationEvent, TRUE);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    V[0] = KeResetEvent(&E);
    V[1] = KeResetEvent(&E);
    KeSetEvent(&E, IO_NO_INCREMENT, FALSE);
    KeClearEvent(&E);
    V[2] = KeReadStateEvent(&E);
    KeSetEvent(&E, IO_NO_INCREMENT, FALSE);
    KeLowerIrql(old);
    KeRaiseIrql(HIGH_LEVEL, &old);
    V[3] = KeReadStateEvent(&E);
    KeLowerIrql(old);
    return STATUS_SUCCESS;
}

void TestEV5ResetClearRead(void)
{
    CHECK_EQ(Run(ResetEntry), EmuOutcomeCompleted);
    CHECK(V[0] != 0);
    CHECK_EQ(V[1], 0);
    CHECK_EQ(V[2], 0);
    CHECK(V[3] != 0);
}

/* EV-6: a pulse wakes as a set would, then leaves the event non-signaled. */
static VOID PulseWaiter(PVOID C)
{
    KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL);
    Order[InterlockedIncrement(&OrderCount) - 1] = (LONG)(ULONG_PTR)C;
}

static NTSTATUS PulseEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER wait = Rel(1000);
    HANDLE h[2];
    (VOID)Dr; (VOID)P;
    OrderCount = 0;
    KeInitializeEvent(&E, Mode ? SynchronizationEvent : NotificationEvent, FALSE);
    V[0] = KePulseEvent(&E, IO_NO_INCREMENT, FALSE);                 /* nobody waits: no effect */
    V[1] = KeReadStateEvent(&E);
    h[0] = StartThread(PulseWaiter, (PVOID)1);
    h[1] = StartThread(PulseWaiter, (PVOID)2);
    KeDelayExecutionThread(KernelMode, FALSE, &wait);
    V[2] = KePulseEvent(&E, IO_NO_INCREMENT, FALSE);
    V[3] = KeReadStateEvent(&E);
    KeDelayExecutionThread(KernelMode, FALSE, &wait);
    V[4] = OrderCount;
    KeSetEvent(&E, IO_NO_INCREMENT, FALSE);                          /* wakes a synchronization waiter left */
    KeDelayExecutionThread(KernelMode, FALSE, &wait);
    KeSetEvent(&E, IO_NO_INCREMENT, FALSE);
    V[5] = KePulseEvent(&E, IO_NO_INCREMENT, FALSE);                 /* signaled before: returns it, clears */
    V[6] = KeReadStateEvent(&E);
    KeSetEvent(&E, IO_NO_INCREMENT, FALSE);
    JoinThreads(h, 2);
    return STATUS_SUCCESS;
}

void TestEV6Pulse(void)
{
    for (Mode = 0; Mode < 2; Mode++) {
        CHECK_EQ(Run(PulseEntry), EmuOutcomeCompleted);
        CHECK_EQ(V[0], 0);
        CHECK_EQ(V[1], 0);
        CHECK_EQ(V[2], 0);
        CHECK_EQ(V[3], 0);
        CHECK_EQ(V[4], Mode ? 1 : 2);                                 /* synchronization: one waiter only */
        CHECK(Mode == 0 || Order[0] == 1);                            /* the first to wait */
        CHECK(V[5] != 0);
        CHECK_EQ(V[6], 0);
    }
}

/* EV-7: the increment only boosts priority; which waiters wake, in which
   order and with which status does not depend on it. */
static VOID OrderedWaiter(PVOID C)
{
    LARGE_INTEGER wait = Rel(200 * (LONGLONG)(ULONG_PTR)C);
    KeDelayExecutionThread(KernelMode, FALSE, &wait);                 /* arrive in the order 1, 2, 3 */
    V[8 + (ULONG_PTR)C] = KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL);
    Order[InterlockedIncrement(&OrderCount) - 1] = (LONG)(ULONG_PTR)C;
}

static NTSTATUS IncrementEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER wait = Rel(2000);
    HANDLE h[3];
    ULONG i;
    (VOID)Dr; (VOID)P;
    OrderCount = 0;
    KeInitializeEvent(&E, SynchronizationEvent, FALSE);
    for (i = 0; i < 3; i++)
        h[i] = StartThread(OrderedWaiter, (PVOID)(ULONG_PTR)(i + 1));
    KeDelayExecutionThread(KernelMode, FALSE, &wait);
    for (i = 0; i < 3; i++) {
        V[i] = KeSetEvent(&E, (KPRIORITY)Mode, FALSE);
        KeDelayExecutionThread(KernelMode, FALSE, &wait);
    }
    JoinThreads(h, 3);
    return STATUS_SUCCESS;
}

void TestEV7IncrementOnlyBoosts(void)
{
    static const LONG increments[] = { IO_NO_INCREMENT, EVENT_INCREMENT, 8 };
    ULONG i;
    for (i = 0; i < 3; i++) {
        Mode = increments[i];
        CHECK_EQ(Run(IncrementEntry), EmuOutcomeCompleted);
        CHECK_EQ(OrderCount, 3);
        CHECK(Order[0] == 1 && Order[1] == 2 && Order[2] == 3);
        CHECK(V[0] == 0 && V[1] == 0 && V[2] == 0);
        CHECK(V[9] == STATUS_SUCCESS && V[10] == STATUS_SUCCESS && V[11] == STATUS_SUCCESS);
    }
}

/* SEM-1: count and limit as given; signaled iff the count is above zero. */
static NTSTATUS SemInitEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER zero = Rel(0);
    (VOID)Dr; (VOID)P;
    KeInitializeSemaphore(&S, 0, 3);
    V[0] = KeReadStateSemaphore(&S);
    V[1] = KeWaitForSingleObject(&S, Executive, KernelMode, FALSE, &zero);
    V[2] = KeReleaseSemaphore(&S, IO_NO_INCREMENT, 3, FALSE);        /* up to the limit */
    V[3] = KeReadStateSemaphore(&S);
    KeInitializeSemaphore(&S, 2, 2);
    V[4] = KeReadStateSemaphore(&S);
    V[5] = KeWaitForSingleObject(&S, Executive, KernelMode, FALSE, &zero);
    KeReleaseSemaphore(&S, IO_NO_INCREMENT, 2, FALSE);                /* 1 + 2 is over the limit 2 */
    return STATUS_SUCCESS;
}

void TestSEM1InitialCountAndLimit(void)
{
    CHECK_EQ(Run(SemInitEntry), EmuOutcomeBugcheck);
    CHECK_EQ(V[0], 0);
    CHECK_EQ(V[1], STATUS_TIMEOUT);
    CHECK_EQ(V[2], 0);
    CHECK_EQ(V[3], 3);
    CHECK_EQ(V[4], 2);
    CHECK_EQ(V[5], STATUS_SUCCESS);
    CHECK_EQ(BugcheckCode(), 0x7E);
    CHECK_EQ(BugcheckParam(0), (ULONG64)(LONG64)STATUS_SEMAPHORE_LIMIT_EXCEEDED);
}

/* SEM-2: each satisfied wait takes one unit; no owner, so one thread takes
   two units and another thread gives one back to a blocked waiter. */
static VOID Releaser(PVOID C)
{
    LARGE_INTEGER wait = Rel(1000);
    (VOID)C;
    KeDelayExecutionThread(KernelMode, FALSE, &wait);
    V[6] = KeReleaseSemaphore(&S, IO_NO_INCREMENT, 1, FALSE);
}

static NTSTATUS SemUnitsEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER zero = Rel(0);
    HANDLE h;
    (VOID)Dr; (VOID)P;
    KeInitializeSemaphore(&S, 2, 5);
    V[0] = KeWaitForSingleObject(&S, Executive, KernelMode, FALSE, &zero);
    V[1] = KeReadStateSemaphore(&S);
    V[2] = KeWaitForSingleObject(&S, Executive, KernelMode, FALSE, &zero);
    V[3] = KeWaitForSingleObject(&S, Executive, KernelMode, FALSE, &zero);
    h = StartThread(Releaser, NULL);
    V[4] = KeWaitForSingleObject(&S, Executive, KernelMode, FALSE, NULL);
    V[5] = KeReadStateSemaphore(&S);                                  /* the released unit was taken */
    JoinThreads(&h, 1);
    return STATUS_SUCCESS;
}

void TestSEM2OneUnitPerWait(void)
{
    CHECK_EQ(Run(SemUnitsEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], STATUS_SUCCESS);
    CHECK_EQ(V[1], 1);
    CHECK_EQ(V[2], STATUS_SUCCESS);
    CHECK_EQ(V[3], STATUS_TIMEOUT);
    CHECK_EQ(V[4], STATUS_SUCCESS);
    CHECK_EQ(V[5], 0);
    CHECK_EQ(V[6], 0);
}

/* SEM-5 (UNCONFIRMED on Windows; the emulator's choice): an adjustment of
   zero or below is refused like an overflow, raising
   STATUS_SEMAPHORE_LIMIT_EXCEEDED, and the count stays as it was. */
static NTSTATUS AdjustmentEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    KeInitializeSemaphore(&S, 1, 5);
    V[0] = KeReleaseSemaphore(&S, IO_NO_INCREMENT, 1, FALSE);
    V[1] = KeReadStateSemaphore(&S);
    KeReleaseSemaphore(&S, IO_NO_INCREMENT, Mode, FALSE);
    V[2] = KeReadStateSemaphore(&S);                                  /* not reached */
    return STATUS_SUCCESS;
}

void TestSEM5AdjustmentPositive(void)
{
    static const LONG adjustments[] = { 0, -1, MINLONG };
    ULONG i;
    for (i = 0; i < 3; i++) {
        Mode = adjustments[i];
        V[2] = -1;
        CHECK_EQ(Run(AdjustmentEntry), EmuOutcomeBugcheck);
        CHECK_EQ(V[0], 1);
        CHECK_EQ(V[1], 2);
        CHECK_EQ(V[2], -1);
        CHECK_EQ(BugcheckCode(), 0x7E);
        CHECK_EQ(BugcheckParam(0), (ULONG64)(LONG64)STATUS_SEMAPHORE_LIMIT_EXCEEDED);
    }
}
