/*++
Module Name: rules_spin_threads.c
Abstract: Rule tests for spin locks across threads (SL-7, SL-9, SL-11): a
          release by another thread, what holding a lock keeps off the
          processor, and a contended acquire that spins or deadlocks.
--*/
#include "harness.h"

static KSPIN_LOCK L, L2;
static KEVENT E;
static KDPC D;
static volatile LONG64 V[16];
static volatile LONG Step;

static LARGE_INTEGER Rel(LONGLONG Units)
{
    LARGE_INTEGER t;
    t.QuadPart = -Units;
    return t;
}

/* A kernel call that lets the other processor move while this one spins. */
static VOID Tick(VOID)
{
    if (KeTryToAcquireSpinLockAtDpcLevel(&L2))
        KeReleaseSpinLockFromDpcLevel(&L2);
}

/* SL-7: nothing but the contract stops another thread from releasing a spin
   lock: the word is freed (the holder can take it again), and Verifier's
   deadlock detection reports the release by a non-owner (0x1004). */
static VOID Acquirer(PVOID C)
{
    KIRQL old;
    (VOID)C;
    KeAcquireSpinLock(&L, &old);
    Step = 1;
    while (Step != 2)
        Tick();
    V[0] = KeTryToAcquireSpinLockAtDpcLevel(&L);                     /* freed by the other thread */
    if (V[0])
        KeReleaseSpinLockFromDpcLevel(&L);
    KeLowerIrql(old);
}

static NTSTATUS OtherReleaseEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER wait = Rel(10);
    KIRQL old;
    HANDLE h;
    (VOID)Dr; (VOID)P;
    Step = 0;
    V[0] = -1;
    KeInitializeSpinLock(&L);
    KeInitializeSpinLock(&L2);
    h = StartThread(Acquirer, NULL);
    while (Step != 1)
        KeDelayExecutionThread(KernelMode, FALSE, &wait);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeReleaseSpinLock(&L, old);                                       /* not ours */
    Step = 2;
    JoinThreads(&h, 1);
    return STATUS_SUCCESS;
}

void TestSL7ReleaseByAnotherThread(void)
{
    CHECK_EQ(RunOn(OtherReleaseEntry, 2, EmuPolicyTimed, 1), EmuOutcomeCompleted);
    CHECK_EQ(V[0], TRUE);
    CHECK(HasFinding(0x1004));
}

/* SL-9: while this processor holds a spin lock, neither a DPC queued to it
   nor a thread readied on it runs; both run once the lock is released. */
static VOID Counter(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
    (VOID)Dpc; (VOID)Context; (VOID)A1; (VOID)A2;
    V[1]++;
}

static VOID Woken(PVOID C)
{
    (VOID)C;
    KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL);
    V[2] = 1;
}

static NTSTATUS HoldEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER wait = Rel(1000);
    KIRQL old;
    HANDLE h;
    ULONG i;
    (VOID)Dr; (VOID)P;
    V[1] = V[2] = 0;
    KeInitializeSpinLock(&L);
    KeInitializeSpinLock(&L2);
    KeInitializeEvent(&E, SynchronizationEvent, FALSE);
    KeInitializeDpc(&D, Counter, NULL);
    h = StartThread(Woken, NULL);
    KeDelayExecutionThread(KernelMode, FALSE, &wait);                 /* it now waits */
    KeAcquireSpinLock(&L, &old);
    KeInsertQueueDpc(&D, NULL, NULL);
    KeSetEvent(&E, IO_NO_INCREMENT, FALSE);
    for (i = 0; i < 50; i++)
        Tick();
    V[3] = V[1];
    V[4] = V[2];
    KeReleaseSpinLock(&L, old);
    V[5] = V[1];                                                      /* the DPC ran as IRQL dropped */
    JoinThreads(&h, 1);
    return STATUS_SUCCESS;
}

void TestSL9HoldingMasksDpcsAndThreads(void)
{
    CHECK_EQ(RunOn(HoldEntry, 1, EmuPolicyTimed, 1), EmuOutcomeCompleted);
    CHECK_EQ(V[3], 0);
    CHECK_EQ(V[4], 0);
    CHECK_EQ(V[5], 1);
    CHECK_EQ(V[2], 1);
}

/* SL-11: a thread that asks for a lock another thread holds spins until it
   is released; if the holder cannot run (it dropped below DISPATCH_LEVEL
   while holding it and waits, and the spinner has the only processor) the
   run is reported as a deadlock. */
static VOID Spinner(PVOID C)
{
    KIRQL old;
    (VOID)C;
    KeAcquireSpinLock(&L, &old);
    V[6] = Step;                                                      /* 2: after the holder released */
    KeReleaseSpinLock(&L, old);
}

static NTSTATUS ContendEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER wait = Rel(1000);
    KIRQL old, ignored;
    HANDLE h;
    (VOID)Dr; (VOID)P;
    Step = 0;
    V[6] = -1;
    KeInitializeSpinLock(&L);
    KeAcquireSpinLock(&L, &old);
    KeLowerIrql(PASSIVE_LEVEL);                                       /* still holding L */
    Step = 1;
    h = StartThread(Spinner, NULL);
    KeDelayExecutionThread(KernelMode, FALSE, &wait);                 /* the spinner starts spinning */
    KeRaiseIrql(DISPATCH_LEVEL, &ignored);
    Step = 2;
    KeReleaseSpinLock(&L, old);
    JoinThreads(&h, 1);
    return STATUS_SUCCESS;
}

void TestSL11ContendedSpin(void)
{
    CHECK_EQ(RunOn(ContendEntry, 2, EmuPolicyTimed, 1), EmuOutcomeCompleted);
    CHECK_EQ(V[6], 2);
    CHECK_EQ(RunOn(ContendEntry, 1, EmuPolicyTimed, 1), EmuOutcomeDeadlock);
    CHECK_EQ(V[6], -1);
}
