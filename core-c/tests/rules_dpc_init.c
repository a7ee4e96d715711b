/*++
Module Name: rules_dpc_init.c
Abstract: Rule tests for a DPC's initial state (DPC-1) and what its routine
          must leave behind when it returns (DPC-6).
--*/
#include "harness.h"

static KDPC D[3];
static KSPIN_LOCK L;
static LONG64 V[16];
static LONG Order[4], OrderCount;
static LONG Mode;

static VOID Record(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
    (VOID)Dpc; (VOID)A1; (VOID)A2;
    Order[OrderCount++] = (LONG)(ULONG_PTR)Context;
}

/* DPC-1: a DPC is not queued after KeInitializeDpc (remove returns FALSE),
   and its importance is Medium: two fresh DPCs run in the order queued,
   after a High one queued last (were they High, they would run reversed). */
static NTSTATUS InitEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    OrderCount = 0;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeInitializeDpc(&D[0], Record, (PVOID)1);
    KeInitializeDpc(&D[1], Record, (PVOID)2);
    KeInitializeDpc(&D[2], Record, (PVOID)3);
    V[0] = KeRemoveQueueDpc(&D[0]);
    KeSetImportanceDpc(&D[2], HighImportance);
    KeInsertQueueDpc(&D[0], NULL, NULL);
    KeInsertQueueDpc(&D[1], NULL, NULL);
    KeInsertQueueDpc(&D[2], NULL, NULL);
    KeLowerIrql(old);
    V[1] = OrderCount;
    return STATUS_SUCCESS;
}

void TestDPC1InitialState(void)
{
    CHECK_EQ(Run(InitEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], FALSE);
    CHECK_EQ(V[1], 3);
    CHECK_EQ(Order[0], 3);
    CHECK_EQ(Order[1], 1);
    CHECK_EQ(Order[2], 2);
}

/* DPC-6: a routine that takes and releases a lock at DPC level returns
   cleanly; one that returns at HIGH_LEVEL is 0xC8 IRQL_UNEXPECTED_VALUE. */
static VOID LockingDpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
    KIRQL old;
    (VOID)Dpc; (VOID)Context; (VOID)A1; (VOID)A2;
    KeAcquireSpinLockAtDpcLevel(&L);
    V[0]++;
    KeReleaseSpinLockFromDpcLevel(&L);
    if (Mode)
        KeRaiseIrql(HIGH_LEVEL, &old);
}

static NTSTATUS ReturnEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    KIRQL old;
    (VOID)Dr; (VOID)P;
    V[0] = 0;
    KeInitializeSpinLock(&L);
    KeInitializeDpc(&D[0], LockingDpc, NULL);
    KeInsertQueueDpc(&D[0], NULL, NULL);
    V[1] = KeGetCurrentIrql();
    KeAcquireSpinLock(&L, &old);                                      /* free again after the DPC */
    KeReleaseSpinLock(&L, old);
    return STATUS_SUCCESS;
}

void TestDPC6ReturnState(void)
{
    Mode = 0;
    CHECK_EQ(Run(ReturnEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[0], 1);
    CHECK_EQ(V[1], PASSIVE_LEVEL);
    Mode = 1;
    CHECK_EQ(Run(ReturnEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC8);
    CHECK_EQ(V[0], 1);
    Mode = 0;
}
