/*++
Module Name: harness.h
Abstract: A small test harness: each test runs drivers on the emulated
          kernel and checks what they saw and what the run's outcome was.
--*/
#pragma once
#include <wdkm.h>
#include "emu.h"

extern int TestFailures;

#define CHECK(cond) do { if (!(cond)) { TestFail(__FILE__, __LINE__, #cond); } } while (0)
#define CHECK_EQ(a, b) do { long long _a = (long long)(a), _b = (long long)(b); \
    if (_a != _b) TestFailEq(__FILE__, __LINE__, #a, #b, _a, _b); } while (0)

void TestFail(const char *File, int Line, const char *Expr);
void TestFailEq(const char *File, int Line, const char *A, const char *B, long long Va, long long Vb);

/* Runs Entry on a fresh machine with Cpus CPUs and the given policy. */
EMU_OUTCOME RunOn(PDRIVER_INITIALIZE Entry, ULONG Cpus, EMU_POLICY Policy, ULONG64 Seed);
EMU_OUTCOME Run(PDRIVER_INITIALIZE Entry);
/* The machine's bug check code and first parameter after a run. */
ULONG BugcheckCode(VOID);
ULONG64 BugcheckParam(int Index);
const EMU_FINDING *Finding(ULONG Code);   /* the first finding with that code, or NULL */
BOOLEAN HasFinding(ULONG Code);
BOOLEAN OutputContains(const char *Text);
ULONG64 TraceHash(VOID);

/* Inside a driver: start a system thread and wait for threads to end. */
HANDLE StartThread(PKSTART_ROUTINE Routine, PVOID Context);
VOID StartDetached(PKSTART_ROUTINE Routine, PVOID Context);   /* started, its handle closed: nobody joins it */
VOID JoinThreads(HANDLE *Handles, ULONG Count);
