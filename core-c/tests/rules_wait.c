/*++
Module Name: rules_wait.c
Abstract: Rule tests for waits (WAIT-5, 7, 8, 9, 11, 12, 13): alertable
          waits without alerts, FIFO wait lists, wake order, the wake paths
          of events, the mutex recursion limit, delays and thread objects.
--*/
#include "harness.h"
#include "emup.h"

static KEVENT E;
static KSEMAPHORE S;
static KMUTEX M;
static LONG64 V[16];
static LONG Order[4], OrderCount;

static LARGE_INTEGER Rel(LONGLONG Units)
{
    LARGE_INTEGER t;
    t.QuadPart = -Units;
    return t;
}

/* WAIT-5: with no alert and no user APC (a driver can queue neither), an
   alertable or user-mode wait ends like any other: success or timeout; an
   available object is taken at once. */
static VOID AlertableWaiter(PVOID C)
{
    (VOID)C;
    V[3] = KeWaitForSingleObject(&E, Executive, UserMode, TRUE, NULL);
}

static NTSTATUS AlertableEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER zero = Rel(0), wait = Rel(1000);
    HANDLE h;
    (VOID)Dr; (VOID)P;
    KeInitializeEvent(&E, NotificationEvent, FALSE);
    V[0] = KeWaitForSingleObject(&E, Executive, KernelMode, TRUE, &wait);
    V[1] = KeDelayExecutionThread(KernelMode, TRUE, &wait);
    h = StartThread(AlertableWaiter, NULL);
    KeDelayExecutionThread(KernelMode, FALSE, &wait);
    KeSetEvent(&E, IO_NO_INCREMENT, FALSE);
    JoinThreads(&h, 1);
    V[2] = KeWaitForSingleObject(&E, Executive, UserMode, TRUE, &zero);
    return STATUS_SUCCESS;
}

void TestWAIT5AlertableWithoutAlerts(void)
{
    CHECK_EQ(Run(AlertableEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], STATUS_TIMEOUT);
    CHECK_EQ(V[1], STATUS_SUCCESS);
    CHECK_EQ(V[2], STATUS_SUCCESS);
    CHECK_EQ(V[3], STATUS_SUCCESS);
}

/* WAIT-7, WAIT-8: waiters queue at the tail in the order they arrive (not by
   thread id or priority), and a release satisfies them from the head while
   the count lasts. Thread 3 waits first, then 1, then 2; thread 2 has the
   highest priority. */
static VOID QueuedWaiter(PVOID C)
{
    static const LONGLONG arrive[] = { 0, 400, 600, 200 };
    LARGE_INTEGER wait = Rel(arrive[(ULONG_PTR)C]);
    KeDelayExecutionThread(KernelMode, FALSE, &wait);
    V[4 + (ULONG_PTR)C] = KeWaitForSingleObject(&S, Executive, KernelMode, FALSE, NULL);
    Order[InterlockedIncrement(&OrderCount) - 1] = (LONG)(ULONG_PTR)C;
}

static NTSTATUS QueueEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER wait = Rel(2000);
    HANDLE h[3];
    PVOID thread;
    ULONG i;
    (VOID)Dr; (VOID)P;
    OrderCount = 0;
    KeInitializeSemaphore(&S, 0, 10);
    for (i = 0; i < 3; i++)
        h[i] = StartThread(QueuedWaiter, (PVOID)(ULONG_PTR)(i + 1));
    ObReferenceObjectByHandle(h[1], SYNCHRONIZE, *PsThreadType, KernelMode, &thread, NULL);
    KeSetPriorityThread((PKTHREAD)thread, LOW_REALTIME_PRIORITY + 5);
    ObDereferenceObject(thread);
    KeDelayExecutionThread(KernelMode, FALSE, &wait);                 /* all three wait */
    V[0] = KeReleaseSemaphore(&S, IO_NO_INCREMENT, 2, FALSE);         /* two units: the first two waiters */
    KeDelayExecutionThread(KernelMode, FALSE, &wait);
    V[1] = OrderCount;
    V[2] = KeReadStateSemaphore(&S);
    KeReleaseSemaphore(&S, IO_NO_INCREMENT, 1, FALSE);
    JoinThreads(h, 3);
    return STATUS_SUCCESS;
}

void TestWAIT7WAIT8FifoWaitList(void)
{
    ULONG cpus;
    for (cpus = 1; cpus <= 4; cpus *= 2) {
        CHECK_EQ(RunOn(QueueEntry, cpus, EmuPolicyTimed, 1), EmuOutcomeCompleted);
        CHECK_EQ(V[0], 0);
        CHECK_EQ(V[1], 2);
        CHECK_EQ(V[2], 0);                                            /* each woken waiter took one unit */
        CHECK(Order[2] == 2);                                         /* the last to arrive, whatever its priority */
        CHECK((Order[0] == 3 && Order[1] == 1) || (Order[0] == 1 && Order[1] == 3));
        CHECK(V[5] == STATUS_SUCCESS && V[6] == STATUS_SUCCESS && V[7] == STATUS_SUCCESS);
    }
}

/* WAIT-9: a synchronization event goes to the first wait-any waiter; a
   wait-all waiter ahead of it whose other object is not signaled stays. */
static KSEMAPHORE Other;

static VOID WaitAllWaiter(PVOID C)
{
    PVOID objects[2] = { &E, &Other };
    (VOID)C;
    V[1] = KeWaitForMultipleObjects(2, objects, WaitAll, Executive, KernelMode, FALSE, NULL, NULL);
    V[3] = ++OrderCount;
}

static VOID WaitAnyWaiter(PVOID C)
{
    LARGE_INTEGER wait = Rel(500);
    (VOID)C;
    KeDelayExecutionThread(KernelMode, FALSE, &wait);                 /* queued behind the wait-all waiter */
    V[2] = KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL);
    V[4] = ++OrderCount;
}

static NTSTATUS EventPathEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER wait = Rel(2000);
    HANDLE h[2];
    (VOID)Dr; (VOID)P;
    OrderCount = 0;
    V[3] = V[4] = 0;
    KeInitializeEvent(&E, SynchronizationEvent, FALSE);
    KeInitializeSemaphore(&Other, 0, 1);
    h[0] = StartThread(WaitAllWaiter, NULL);
    h[1] = StartThread(WaitAnyWaiter, NULL);
    KeDelayExecutionThread(KernelMode, FALSE, &wait);
    KeSetEvent(&E, IO_NO_INCREMENT, FALSE);
    KeDelayExecutionThread(KernelMode, FALSE, &wait);
    V[5] = KeReadStateEvent(&E);                                      /* consumed by the wait-any waiter */
    V[6] = V[3];                                                      /* the wait-all waiter still waits */
    KeReleaseSemaphore(&Other, IO_NO_INCREMENT, 1, FALSE);
    KeSetEvent(&E, IO_NO_INCREMENT, FALSE);
    JoinThreads(h, 2);
    V[7] = KeReadStateEvent(&E);
    return STATUS_SUCCESS;
}

void TestWAIT9EventWakePaths(void)
{
    CHECK_EQ(Run(EventPathEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[4], 1);
    CHECK_EQ(V[6], 0);
    CHECK_EQ(V[5], 0);
    CHECK_EQ(V[3], 2);
    CHECK_EQ(V[1], STATUS_WAIT_0);
    CHECK_EQ(V[2], STATUS_SUCCESS);
    CHECK_EQ(V[7], 0);                                                /* the wait-all consumed it too */
}

/* WAIT-11: a recursive wait on a KMUTEX whose count is at MINLONG raises
   STATUS_MUTANT_LIMIT_EXCEEDED (0x7E in a system thread). Reaching the limit
   takes 2^31 acquisitions, beyond any step budget, so the test puts the
   emulated mutex at the limit after one acquisition. */
static NTSTATUS LimitEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    KeInitializeMutex(&M, 0);
    V[0] = KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
    V[1] = KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);  /* recursion is fine */
    EmupObjectAny(&M)->SignalState = MINLONG;
    KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
    V[2] = 1;                                                         /* not reached */
    return STATUS_SUCCESS;
}

void TestWAIT11MutexRecursionLimit(void)
{
    V[2] = 0;
    CHECK_EQ(Run(LimitEntry), EmuOutcomeBugcheck);
    CHECK_EQ(V[0], STATUS_SUCCESS);
    CHECK_EQ(V[1], STATUS_SUCCESS);
    CHECK_EQ(V[2], 0);
    CHECK_EQ(BugcheckCode(), 0x7E);
    CHECK_EQ(BugcheckParam(0), (ULONG64)(LONG64)STATUS_MUTANT_LIMIT_EXCEEDED);
}

/* WAIT-12: a delay returns STATUS_SUCCESS (never STATUS_TIMEOUT) once its
   interval has passed; an absolute time in the past returns at once; a zero
   interval yields the processor to a ready thread (one CPU here). */
static VOID Yielded(PVOID C)
{
    (VOID)C;
    V[6] = 1;
}

static NTSTATUS DelayEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER wait = Rel(1000), zero = Rel(0), past;
    ULONGLONG before;
    HANDLE h;
    (VOID)Dr; (VOID)P;
    V[6] = 0;
    before = KeQueryInterruptTime();
    V[0] = KeDelayExecutionThread(KernelMode, FALSE, &wait);
    V[1] = (LONG64)(KeQueryInterruptTime() - before);
    KeQuerySystemTime(&past);
    past.QuadPart -= 10;
    before = KeQueryInterruptTime();
    V[2] = KeDelayExecutionThread(KernelMode, FALSE, &past);
    V[3] = (LONG64)(KeQueryInterruptTime() - before);
    h = StartThread(Yielded, NULL);
    V[5] = V[6];
    V[4] = KeDelayExecutionThread(KernelMode, FALSE, &zero);
    V[7] = V[6];
    JoinThreads(&h, 1);
    return STATUS_SUCCESS;
}

void TestWAIT12DelayExecution(void)
{
    CHECK_EQ(RunOn(DelayEntry, 1, EmuPolicyTimed, 1), EmuOutcomeCompleted);
    CHECK_EQ(V[0], STATUS_SUCCESS);
    CHECK(V[1] >= 1000);
    CHECK_EQ(V[2], STATUS_SUCCESS);
    CHECK(V[3] < 1000);
    CHECK_EQ(V[4], STATUS_SUCCESS);
    CHECK_EQ(V[5], 0);
    CHECK_EQ(V[7], 1);                                                /* the other thread ran during the yield */
}

/* WAIT-2: a satisfiable object is taken at once, with its side effect: a
   free or self-owned mutex is acquired (owner, depth), a synchronization
   event is reset, a semaphore loses one unit, a notification event keeps
   its state; a mutex owned by another thread is not satisfiable. */
static VOID HoldsMutex(PVOID C)
{
    LARGE_INTEGER zero = Rel(0);
    (VOID)C;
    V[9] = KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, &zero);
}

static NTSTATUS ImmediateEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER zero = Rel(0);
    HANDLE h;
    (VOID)Dr; (VOID)P;
    KeInitializeMutex(&M, 0);
    V[0] = KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
    V[1] = KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, &zero);
    V[2] = KeReadStateMutex(&M);                                      /* owned twice */
    h = StartThread(HoldsMutex, NULL);
    JoinThreads(&h, 1);
    KeReleaseMutex(&M, FALSE);
    KeReleaseMutex(&M, FALSE);
    KeInitializeEvent(&E, SynchronizationEvent, TRUE);
    V[3] = KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL);
    V[4] = KeReadStateEvent(&E);
    KeInitializeEvent(&E, NotificationEvent, TRUE);
    V[5] = KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL);
    V[6] = KeReadStateEvent(&E);
    KeInitializeSemaphore(&S, 2, 2);
    V[7] = KeWaitForSingleObject(&S, Executive, KernelMode, FALSE, NULL);
    V[8] = KeReadStateSemaphore(&S);
    return STATUS_SUCCESS;
}

void TestWAIT2ImmediateSatisfaction(void)
{
    CHECK_EQ(Run(ImmediateEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], STATUS_SUCCESS);
    CHECK_EQ(V[1], STATUS_SUCCESS);
    CHECK_EQ(V[2], -1);
    CHECK_EQ(V[9], STATUS_TIMEOUT);
    CHECK_EQ(V[3], STATUS_SUCCESS);
    CHECK_EQ(V[4], 0);
    CHECK_EQ(V[5], STATUS_SUCCESS);
    CHECK_EQ(V[6], 1);
    CHECK_EQ(V[7], STATUS_SUCCESS);
    CHECK_EQ(V[8], 1);
}
