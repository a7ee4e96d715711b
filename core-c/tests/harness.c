/*++
Module Name: harness.c
Abstract: The test harness's helpers and its main: run one named test (as
          ctest does), all of them, or print trace hashes for the
          native-versus-WebAssembly comparison.
--*/
#include "harness.h"
#include <stdio.h>
#include <string.h>
#include "wdkm_host.h"

int TestFailures;

void TestFail(const char *File, int Line, const char *Expr)
{
    printf("  FAIL %s:%d: %s\n", File, Line, Expr);
    TestFailures++;
}

void TestFailEq(const char *File, int Line, const char *A, const char *B, long long Va, long long Vb)
{
    printf("  FAIL %s:%d: %s == %s (%lld != %lld)\n", File, Line, A, B, Va, Vb);
    TestFailures++;
}

EMU_OUTCOME RunOn(PDRIVER_INITIALIZE Entry, ULONG Cpus, EMU_POLICY Policy, ULONG64 Seed)
{
    EMU_CONFIG config;
    EmuDefaultConfig(&config);
    config.Cpus = Cpus;
    config.Policy = Policy;
    config.Seed = Seed;
    WdkmGrtReset();
    return EmuRunDriver(&config, Entry);
}

EMU_OUTCOME Run(PDRIVER_INITIALIZE Entry)
{
    return RunOn(Entry, 2, EmuPolicyTimed, 1);
}

ULONG BugcheckCode(VOID) { return EmuResult()->BugcheckCode; }
ULONG64 BugcheckParam(int Index) { return EmuResult()->BugcheckParams[Index]; }

const EMU_FINDING *Finding(ULONG Code)
{
    const EMU_RESULT *r = EmuResult();
    ULONG i;
    for (i = 0; i < r->FindingCount; i++)
        if (r->Findings[i].Code == Code)
            return &r->Findings[i];
    return NULL;
}

BOOLEAN HasFinding(ULONG Code)
{
    return Finding(Code) != NULL;
}

BOOLEAN OutputContains(const char *Text)
{
    SIZE_T size;
    return strstr(EmuOutput(&size), Text) != NULL;
}

ULONG64 TraceHash(VOID)
{
    SIZE_T size, i;
    const UCHAR *data = EmuTrace(&size);
    ULONG64 h = 1469598103934665603ull;   /* FNV-1a */
    for (i = 0; i < size; i++)
        h = (h ^ data[i]) * 1099511628211ull;
    return h;
}

HANDLE StartThread(PKSTART_ROUTINE Routine, PVOID Context)
{
    HANDLE h = NULL;
    NTSTATUS status = PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, Routine, Context);
    CHECK(NT_SUCCESS(status));
    return h;
}

VOID StartDetached(PKSTART_ROUTINE Routine, PVOID Context)
{
    ZwClose(StartThread(Routine, Context));
}

VOID JoinThreads(HANDLE *Handles, ULONG Count)
{
    ULONG i;
    for (i = 0; i < Count; i++) {
        PVOID thread;
        CHECK(NT_SUCCESS(ObReferenceObjectByHandle(Handles[i], SYNCHRONIZE, *PsThreadType, KernelMode, &thread, NULL)));
        CHECK_EQ(KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
        ObDereferenceObject(thread);
        ZwClose(Handles[i]);
    }
}

#define TEST_CASE(name, fn) void fn(void);
#include "test_list.h"
#undef TEST_CASE
#define TEST_CASE(name, fn) { #name, fn },
static const struct { const char *Name; void (*Fn)(void); } Tests[] = {
#include "test_list.h"
};
#undef TEST_CASE

void HashScenarios(void);

static int RunOne(int Index)
{
    int before = TestFailures;
    Tests[Index].Fn();
    printf("%s %s\n", TestFailures == before ? "ok  " : "FAIL", Tests[Index].Name);
    return TestFailures == before;
}

int main(int argc, char **argv)
{
    int i, passed = 0, failed = 0, found = 0;
    if (argc > 1 && strcmp(argv[1], "--hashes") == 0) {
        HashScenarios();
        EmuFreeMachine();
        return 0;
    }
    for (i = 0; i < (int)(sizeof(Tests) / sizeof(Tests[0])); i++) {
        if (argc > 1 && strcmp(argv[1], Tests[i].Name) != 0)
            continue;
        found++;
        if (RunOne(i))
            passed++;
        else
            failed++;
    }
    EmuFreeMachine();
    if (found == 0) {
        printf("no test named %s\n", argc > 1 ? argv[1] : "");
        return 2;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
