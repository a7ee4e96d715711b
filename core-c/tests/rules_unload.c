/*++
Module Name: rules_unload.c
Abstract: Rule test for unloading with a timer's DPC still pending (DPC-8,
          BC-38): its routine would run in code that is gone, so the run
          stops with 0xCE; cancelling the timer in DriverUnload is clean.
--*/
#include "harness.h"

static KTIMER T;
static KDPC D;
static LONG64 V[4];
static LONG Mode;

static VOID TimerRoutine(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
    (VOID)Dpc; (VOID)Context; (VOID)A1; (VOID)A2;
    V[0]++;
}

static VOID Unload(PDRIVER_OBJECT Dr)
{
    (VOID)Dr;
    if (Mode == 0)
        V[1] = KeCancelTimer(&T);
}

static NTSTATUS PendingEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    LARGE_INTEGER due;
    (VOID)P;
    V[0] = 0;
    V[1] = -1;
    due.QuadPart = -10000000;                                         /* one second: after unload */
    KeInitializeDpc(&D, TimerRoutine, NULL);
    KeInitializeTimer(&T);
    KeSetTimer(&T, due, &D);
    Dr->DriverUnload = Unload;
    return STATUS_SUCCESS;
}

void TestDPC8BC38UnloadWithTimerPending(void)
{
    Mode = 0;
    CHECK_EQ(Run(PendingEntry), EmuOutcomeCompleted);
    CHECK_EQ(V[1], TRUE);
    CHECK_EQ(V[0], 0);
    Mode = 1;
    CHECK_EQ(Run(PendingEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xCE);
    CHECK(BugcheckParam(0) != 0);                                     /* the KTIMER left set */
    CHECK_EQ(V[0], 0);                                                /* the routine never ran */
    Mode = 0;
}
