/*++
Module Name: crate_grt_concurrency.c
Abstract: The Grt under concurrency, on every policy and several seeds and
          CPU counts: racing WdkmGrtInit calls create one table, and
          WdkmGrtDestroy while other threads look labels up never hands out
          freed memory (each Get sees the table or WDKM_GRT_IS_NULL).
--*/
#include "harness.h"

static LONG InitOk, InitExists, InitOther;
static LONG GetOk, GetNull, GetOther;

static VOID InitRacer(PVOID C)
{
    WDKM_STATUS s;
    (VOID)C;
    s = WdkmGrtInit();
    InterlockedIncrement(s == WDKM_OK ? &InitOk : s == WDKM_GRT_ALREADY_EXISTS ? &InitExists : &InitOther);
}

static NTSTATUS InitRaceEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    HANDLE h[4];
    ULONG i;
    (VOID)D; (VOID)P;
    for (i = 0; i < 4; i++)
        h[i] = StartThread(InitRacer, NULL);
    JoinThreads(h, 4);
    WdkmGrtDestroy();
    return STATUS_SUCCESS;
}

static VOID Reader(PVOID C)
{
    ULONG i;
    (VOID)C;
    for (i = 0; i < 20; i++) {
        WDKM_KMUTEX *k;
        WDKM_STATUS s = WdkmGrtGetKMutex("shared", WDKM_TYPE(ULONG), &k);
        InterlockedIncrement(s == WDKM_OK ? &GetOk : s == WDKM_GRT_IS_NULL ? &GetNull : &GetOther);
        KeStallExecutionProcessor(1);
    }
}

static VOID Destroyer(PVOID C)
{
    (VOID)C;
    KeStallExecutionProcessor(5);
    CHECK_EQ(WdkmGrtDestroy(), WDKM_OK);
}

static NTSTATUS DestroyRaceEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    HANDLE h[4];
    ULONG zero = 0, i;
    (VOID)D; (VOID)P;
    CHECK_EQ(WdkmGrtInit(), WDKM_OK);
    CHECK_EQ(WdkmGrtRegisterKMutex("shared", WDKM_TYPE(ULONG), &zero), WDKM_OK);
    for (i = 0; i < 3; i++)
        h[i] = StartThread(Reader, NULL);
    h[3] = StartThread(Destroyer, NULL);
    JoinThreads(h, 4);
    return STATUS_SUCCESS;
}

static const EMU_POLICY Policies[] = { EmuPolicyTimed, EmuPolicyRoundRobin, EmuPolicyRandom, EmuPolicyPct };
static const ULONG CpuCounts[] = { 1, 2, 4 };

void TestCrateGrtInitRace(void)
{
    ULONG p, c, seed;
    for (p = 0; p < 4; p++)
        for (c = 0; c < 3; c++)
            for (seed = 1; seed <= 3; seed++) {
                InitOk = InitExists = InitOther = 0;
                CHECK_EQ(RunOn(InitRaceEntry, CpuCounts[c], Policies[p], seed), EmuOutcomeCompleted);
                CHECK_EQ(InitOk, 1);
                CHECK_EQ(InitExists, 3);
                CHECK_EQ(InitOther, 0);
                CHECK_EQ(EmuLeakCount(), 0);
            }
}

void TestCrateGrtDestroyWhileGet(void)
{
    ULONG p, c, seed, sawNull = 0, sawOk = 0;
    for (p = 0; p < 4; p++)
        for (c = 0; c < 3; c++)
            for (seed = 1; seed <= 3; seed++) {
                GetOk = GetNull = GetOther = 0;
                CHECK_EQ(RunOn(DestroyRaceEntry, CpuCounts[c], Policies[p], seed), EmuOutcomeCompleted);
                CHECK_EQ(GetOk + GetNull, 60);
                CHECK_EQ(GetOther, 0);
                CHECK_EQ(EmuLeakCount(), 0);
                sawNull += GetNull != 0;
                sawOk += GetOk != 0;
            }
    CHECK(sawNull > 0 && sawOk > 0);   /* the destroy really lands among the gets */
}
