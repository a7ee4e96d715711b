/*++
Module Name: rules_spin.c
Abstract: Rule tests for ordinary spin locks (SL-1, SL-2, SL-4, SL-5, SL-10):
          initialisation, the IRQL each call needs and leaves, try-acquire,
          and releasing two locks with their own saved IRQLs.
--*/
#include "harness.h"

static KSPIN_LOCK L1, L2;
static LONG64 V[16];
static LONG Mode;

/* SL-1: initialising leaves the lock free, at any IRQL (here HIGH_LEVEL).
   (The emulator keeps its object id in the word, so the word itself is not
   checked for 0.) */
static NTSTATUS InitEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    L1 = (KSPIN_LOCK)0x55;
    KeRaiseIrql(HIGH_LEVEL, &old);
    KeInitializeSpinLock(&L1);
    V[0] = KeGetCurrentIrql();
    KeLowerIrql(old);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    V[1] = KeTryToAcquireSpinLockAtDpcLevel(&L1);                    /* free after init */
    KeReleaseSpinLockFromDpcLevel(&L1);
    KeLowerIrql(old);
    return STATUS_SUCCESS;
}

void TestSL1InitializeFree(void)
{
    CHECK_EQ(Run(InitEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], HIGH_LEVEL);
    CHECK_EQ(V[1], TRUE);
}

/* SL-2: acquire raises to DISPATCH_LEVEL and stores the caller's IRQL; from
   above DISPATCH_LEVEL it is Verifier 0xC4/0x42. */
static NTSTATUS AcquireEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old = 0x77, outer;
    (VOID)Dr; (VOID)P;
    KeInitializeSpinLock(&L1);
    KeRaiseIrql(APC_LEVEL, &outer);
    KeAcquireSpinLock(&L1, &old);
    V[0] = old;
    V[1] = KeGetCurrentIrql();
    KeReleaseSpinLock(&L1, old);
    V[2] = KeGetCurrentIrql();
    KeLowerIrql(outer);
    KeAcquireSpinLock(&L1, &old);
    V[3] = old;
    KeReleaseSpinLock(&L1, old);
    if (Mode) {
        KeRaiseIrql(HIGH_LEVEL, &outer);
        KeAcquireSpinLock(&L1, &old);
    }
    return STATUS_SUCCESS;
}

void TestSL2AcquireRaises(void)
{
    Mode = 0;
    CHECK_EQ(Run(AcquireEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], APC_LEVEL);
    CHECK_EQ(V[1], DISPATCH_LEVEL);
    CHECK_EQ(V[2], APC_LEVEL);
    CHECK_EQ(V[3], PASSIVE_LEVEL);
    Mode = 1;
    CHECK_EQ(Run(AcquireEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x42);
    CHECK_EQ(BugcheckParam(1), HIGH_LEVEL);
    Mode = 0;
}

/* SL-4: the DPC-level pair leaves IRQL as it is; below DISPATCH_LEVEL the
   acquire is 0xC4/0x40 and the release 0xC4/0x41. */
static NTSTATUS DpcLevelEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    KeInitializeSpinLock(&L1);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeAcquireSpinLockAtDpcLevel(&L1);
    V[0] = KeGetCurrentIrql();
    KeReleaseSpinLockFromDpcLevel(&L1);
    V[1] = KeGetCurrentIrql();
    KeLowerIrql(old);
    if (Mode == 1)
        KeAcquireSpinLockAtDpcLevel(&L1);
    if (Mode == 2) {
        KeRaiseIrql(DISPATCH_LEVEL, &old);
        KeAcquireSpinLockAtDpcLevel(&L1);
        KeLowerIrql(old);
        KeReleaseSpinLockFromDpcLevel(&L1);
    }
    return STATUS_SUCCESS;
}

void TestSL4DpcLevelPair(void)
{
    Mode = 0;
    CHECK_EQ(Run(DpcLevelEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], DISPATCH_LEVEL);
    CHECK_EQ(V[1], DISPATCH_LEVEL);
    Mode = 1;
    CHECK_EQ(Run(DpcLevelEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x40);
    CHECK_EQ(BugcheckParam(1), PASSIVE_LEVEL);
    Mode = 2;
    CHECK_EQ(Run(DpcLevelEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x41);
    Mode = 0;
}

/* SL-5: try-acquire takes a free lock (TRUE) and returns FALSE at once for a
   held one, whether this thread or another holds it. */
static NTSTATUS TryEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    KeInitializeSpinLock(&L1);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    V[0] = KeTryToAcquireSpinLockAtDpcLevel(&L1);
    V[1] = KeTryToAcquireSpinLockAtDpcLevel(&L1);                    /* held by us: FALSE, no spin */
    V[2] = KeGetCurrentIrql();
    KeReleaseSpinLockFromDpcLevel(&L1);
    V[3] = KeTryToAcquireSpinLockAtDpcLevel(&L1);
    KeReleaseSpinLockFromDpcLevel(&L1);
    KeLowerIrql(old);
    return STATUS_SUCCESS;
}

void TestSL5TryAcquire(void)
{
    CHECK_EQ(Run(TryEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], TRUE);
    CHECK_EQ(V[1], FALSE);
    CHECK_EQ(V[2], DISPATCH_LEVEL);
    CHECK_EQ(V[3], TRUE);
}

/* SL-10: two locks released out of order, each with the IRQL saved when it
   was taken: the second release restores the first caller's IRQL only when
   given that one; the right pairing ends at the starting IRQL. */
static NTSTATUS OrderEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL o1, o2;
    (VOID)Dr; (VOID)P;
    KeInitializeSpinLock(&L1);
    KeInitializeSpinLock(&L2);
    KeAcquireSpinLock(&L1, &o1);
    KeAcquireSpinLock(&L2, &o2);
    V[0] = o1;
    V[1] = o2;
    if (Mode) {
        KeReleaseSpinLock(&L1, o1);                                   /* drops to PASSIVE while L2 is held */
        V[2] = KeGetCurrentIrql();
        KeReleaseSpinLock(&L2, o2);                                   /* not at DISPATCH_LEVEL: 0xC4/0x32 */
    } else {
        KeReleaseSpinLock(&L2, o2);
        V[2] = KeGetCurrentIrql();
        KeReleaseSpinLock(&L1, o1);
        V[3] = KeGetCurrentIrql();
    }
    return STATUS_SUCCESS;
}

void TestSL10SavedIrqlOrder(void)
{
    Mode = 0;
    CHECK_EQ(Run(OrderEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], PASSIVE_LEVEL);
    CHECK_EQ(V[1], DISPATCH_LEVEL);
    CHECK_EQ(V[2], DISPATCH_LEVEL);
    CHECK_EQ(V[3], PASSIVE_LEVEL);
    Mode = 1;
    CHECK_EQ(Run(OrderEntry), EmuOutcomeBugcheck);
    CHECK_EQ(V[2], PASSIVE_LEVEL);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x32);
    Mode = 0;
}
