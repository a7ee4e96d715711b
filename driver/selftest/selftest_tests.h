/*++
Module Name: selftest_tests.h
Abstract: The wdkm core's conformance tests as kernel code: counters shared
          by system threads, the Grt's errors in the crate's order, IntoOwned,
          the IRQL checks. Uses ntddk.h and wdkm.h only, so the same file
          runs in a real driver (selftest.c) and on the emulated kernel.
Environment: Kernel mode, PASSIVE_LEVEL. The Grt must not be initialised
          when SelftestRunAll starts, and is not when it returns.
--*/
#pragma once
#include <ntddk.h>
#include <wdkm.h>

/* What a run found: every check counts once. */
typedef struct _SELFTEST_CONTEXT {
    ULONG Passed;              /* checks that held                         */
    ULONG Failed;              /* checks that did not; each was DbgPrinted */
    PCSTR CurrentTest;         /* the test running, for the failure lines  */
} SELFTEST_CONTEXT;

typedef VOID SELFTEST_ROUTINE(SELFTEST_CONTEXT *Context);

typedef struct _SELFTEST_CASE {
    PCSTR Name;                /* as the summary prints it                 */
    SELFTEST_ROUTINE *Run;
} SELFTEST_CASE;

/* The tests in the order they run (the Grt error test must come before any
   other Grt use). A host may run them one by one or through SelftestRunAll. */
extern const SELFTEST_CASE SelftestCases[];
extern const ULONG SelftestCaseCount;

/* Runs every case in order into Context (zeroed first); DbgPrints one line
   per failed check and one per case. */
VOID SelftestRunAll(SELFTEST_CONTEXT *Context);
