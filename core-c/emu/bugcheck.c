/*++
Module Name: bugcheck.c
Abstract: Stopping the machine (bug checks, unhandled exceptions, failed
          assertions) and DbgPrint with the formats drivers use.
--*/
#include "emup.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { ULONG Code; PCSTR Name; } Names[] = {
    { 0x01, "APC_INDEX_MISMATCH" },
    { 0x09, "IRQL_NOT_GREATER_OR_EQUAL" },
    { 0x0A, "IRQL_NOT_LESS_OR_EQUAL" },
    { 0x0C, "MAXIMUM_WAIT_OBJECTS_EXCEEDED" },
    { 0x0F, "SPIN_LOCK_ALREADY_OWNED" },
    { 0x10, "SPIN_LOCK_NOT_OWNED" },
    { 0x17, "CID_HANDLE_DELETION" },
    { 0x18, "REFERENCE_BY_POINTER" },
    { 0x1E, "KMODE_EXCEPTION_NOT_HANDLED" },
    { 0x20, "KERNEL_APC_PENDING_DURING_EXIT" },
    { 0x3B, "SYSTEM_SERVICE_EXCEPTION" },
    { 0x50, "PAGE_FAULT_IN_NONPAGED_AREA" },
    { 0x7E, "SYSTEM_THREAD_EXCEPTION_NOT_HANDLED" },
    { 0x7F, "UNEXPECTED_KERNEL_MODE_TRAP" },
    { 0xB8, "ATTEMPTED_SWITCH_FROM_DPC" },
    { 0xBE, "ATTEMPTED_WRITE_TO_READONLY_MEMORY" },
    { 0xC2, "BAD_POOL_CALLER" },
    { 0xC4, "DRIVER_VERIFIER_DETECTED_VIOLATION" },
    { 0xC8, "IRQL_UNEXPECTED_VALUE" },
    { 0xCE, "DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS" },
    { 0xD1, "DRIVER_IRQL_NOT_LESS_OR_EQUAL" },
    { 0xD5, "DRIVER_PAGE_FAULT_IN_FREED_SPECIAL_POOL" },
    { 0xE2, "MANUALLY_INITIATED_CRASH" },
    { 0xE3, "RESOURCE_NOT_OWNED" },
    { 0x4000008A, "THREAD_TERMINATE_HELD_MUTEX" },
};

PCSTR EmuBugcheckName(ULONG Code)
{
    ULONG i;
    for (i = 0; i < sizeof(Names) / sizeof(Names[0]); i++)
        if (Names[i].Code == Code)
            return Names[i].Name;
    return "UNKNOWN_BUGCHECK";
}

PCSTR EmuObjectTypeName(ULONG Type)
{
    static const PCSTR names[EMU_OBJ_COUNT] = {
        "object", "KMUTEX", "KEVENT", "KSEMAPHORE", "KTHREAD", "FAST_MUTEX", "KGUARDED_MUTEX",
        "KSPIN_LOCK", "ERESOURCE", "KDPC", "timer", "KTIMER",
    };
    return Type < EMU_OBJ_COUNT ? names[Type] : "object";
}

/* EMUP_ASSERT's failure: the emulator's own bug, never the scenario's. */
VOID EmupAssertFailed(PCSTR Expression, PCSTR File, ULONG Line)
{
    fprintf(stderr, "the emulator broke its own invariant %s at %s:%u; this is a bug of the playground, not of the "
                    "scenario\n", Expression, File, Line);
    abort();
}

VOID EmupBugCheck(ULONG Code, ULONG64 P1, ULONG64 P2, ULONG64 P3, ULONG64 P4)
{
    EMU_RESULT *r = &EmupM->Result;
    EMU_THREAD *t = EmupCurrent();
    UCHAR payload[48 + 64];
    SIZE_T n = 0, len;
    PCSTR name = EmuBugcheckName(Code);

    if (r->Outcome == EmuOutcomeNone) {
        r->BugcheckCode = Code;
        r->BugcheckParams[0] = P1;
        r->BugcheckParams[1] = P2;
        r->BugcheckParams[2] = P3;
        r->BugcheckParams[3] = P4;
        r->BugcheckLoc = t ? t->Loc : 0;
        r->BugcheckThread = EmupTid(t);
        n += EmupTraceVarint(payload + n, P1);
        n += EmupTraceVarint(payload + n, P2);
        n += EmupTraceVarint(payload + n, P3);
        n += EmupTraceVarint(payload + n, P4);
        len = strlen(name) < 64 ? strlen(name) : 64;
        memcpy(payload + n, name, len);
        n += len;
        EmupTraceEx(EMU_EV_BUGCHECK, EmupNow(), EMUP_CPU_OF(t), t, 0, Code, 0, EMUP_LOC_OF(t), payload, n);
    }
    EmupStop(EmuOutcomeBugcheck);
}

VOID EmuBugCheck(ULONG Code, ULONG64 P1, ULONG64 P2, ULONG64 P3, ULONG64 P4)
{
    EmupBugCheck(Code, P1, P2, P3, P4);
}

/* ULONG_PTR is 32 bits in WebAssembly: sign-extend as an x64 register would
   hold an NTSTATUS, so both builds report the same parameters. */
#define WIDEN(P) ((ULONG64)(LONG64)(LONG_PTR)(P))

VOID KeBugCheckEx(ULONG BugCheckCode, ULONG_PTR P1, ULONG_PTR P2, ULONG_PTR P3, ULONG_PTR P4)
{
    EmupBugCheck(BugCheckCode, WIDEN(P1), WIDEN(P2), WIDEN(P3), WIDEN(P4));
}

/* THR-8: no SEH here, so a raised status is an unhandled exception; in a
   system thread it is 0x7E (BC-41) with the status, the kernel's raise address
   and the thread's exception and context records. */
VOID EmupRaise(NTSTATUS Status)
{
    EMU_THREAD *t = EmupCurrent();
    /* BC-42: a DPC routine runs on the processor's DPC stack, outside the
       thread's exception handler: unhandled there it is 0x1E (code, address,
       the exception's two parameters, none for a raised status). */
    if (t != NULL && t->DpcDepth != 0)
        EmupBugCheck(0x1E, (ULONG64)(LONG64)Status, EMU_KERNEL_RAISE_VA, 0, 0);
    EmupBugCheck(0x7E, (ULONG64)(LONG64)Status,                       /* shown as WinDbg does: ffffffffc0000046 */
                 EMU_KERNEL_RAISE_VA, t ? EmuGuestAddress(&t->ExceptionFrame[0]) : 0,
                 t ? EmuGuestAddress(&t->ExceptionFrame[1]) : 0);
}

VOID ExRaiseStatus(NTSTATUS Status)
{
    EmupRaise(Status);
}

VOID EmuFailAssertion(PCSTR Expression, ULONG Loc)
{
    EMU_RESULT *r = &EmupM->Result;
    EMU_THREAD *t = EmupCurrent();
    SIZE_T n = strlen(Expression);

    if (r->Outcome == EmuOutcomeNone) {
        r->AssertLoc = Loc;
        if (n >= sizeof(r->AssertExpr))
            n = sizeof(r->AssertExpr) - 1;
        memcpy(r->AssertExpr, Expression, n);
        r->AssertExpr[n] = '\0';
        EmupTraceEx(EMU_EV_ASSERT, EmupNow(), EMUP_CPU_OF(t), t, 0, 0, 0, Loc, Expression, n);
    }
    EmupStop(EmuOutcomeAssertion);
}

VOID RtlAssert(PVOID FailedAssertion, PVOID FileName, ULONG LineNumber, PSTR Message)
{
    (VOID)FileName;
    (VOID)Message;
    EmuFailAssertion((PCSTR)FailedAssertion, EMU_LOC(LineNumber, 0));
}

VOID EmupOutput(PCSTR Text, SIZE_T Length)
{
    EMU_THREAD *t = EmupCurrent();
    if (EmupM->OutputSize + Length + 1 > EmupM->OutputCap) {
        SIZE_T cap = EmupM->OutputCap ? EmupM->OutputCap * 2 : 4096;
        CHAR *grown;
        while (cap < EmupM->OutputSize + Length + 1)
            cap *= 2;
        if (cap > (16u << 20))
            return;                                   /* the console keeps its first 16 MB */
        grown = (CHAR *)realloc(EmupM->Output, cap);
        if (grown == NULL)
            return;
        EmupM->Output = grown;
        EmupM->OutputCap = cap;
    }
    memcpy(EmupM->Output + EmupM->OutputSize, Text, Length);
    EmupM->OutputSize += Length;
    EmupM->Output[EmupM->OutputSize] = '\0';
    EmupTraceEx(EMU_EV_PRINT, EmupNow(), EMUP_CPU_OF(t), t, 0, Length, 0, EMUP_LOC_OF(t), Text, Length);
}

VOID EmuPrint(PCSTR Text, SIZE_T Length)
{
    EmupCheckWaitNext("DbgPrint");
    EmupSchedPoint(EMU_COST_PRINT);
    EMUP_X(EmupXPseudo(EMU_X_OUTPUT));
    EmupOutput(Text, Length);
}

/* DbgPrint's arguments from a va_list, as C passes them; %p shows guest addresses. */
typedef struct _VA_SOURCE { va_list Args; } VA_SOURCE;

static ULONG64 VaInteger(PVOID Context, BOOLEAN Wide, BOOLEAN Signed)
{
    VA_SOURCE *v = (VA_SOURCE *)Context;
    if (Wide)
        return (ULONG64)va_arg(v->Args, long long);
    return Signed ? (ULONG64)(LONG64)va_arg(v->Args, int) : (ULONG64)va_arg(v->Args, unsigned int);
}

static ULONG64 VaPointer(PVOID Context)
{
    return EmuGuestAddress(va_arg(((VA_SOURCE *)Context)->Args, void *));
}

static PCSTR VaString(PVOID Context, SIZE_T Max)
{
    (VOID)Max;
    return va_arg(((VA_SOURCE *)Context)->Args, const CHAR *);
}

/* UNICODE_STRING and ANSI_STRING share their layout: two lengths, a buffer. */
static const UCHAR *VaCounted(PVOID Context, BOOLEAN Wide, ULONG *Length)
{
    const UNICODE_STRING *u = va_arg(((VA_SOURCE *)Context)->Args, const UNICODE_STRING *);
    (VOID)Wide;
    if (u == NULL || u->Buffer == NULL)
        return NULL;
    *Length = u->Length;
    return (const UCHAR *)u->Buffer;
}

ULONG DbgPrint(PCSTR Format, ...)
{
    CHAR text[512];
    VA_SOURCE v;
    EMU_FORMAT_SOURCE source = { VaInteger, VaPointer, VaString, VaCounted, &v };
    SIZE_T n;
    va_start(v.Args, Format);
    n = EmuFormat(text, sizeof(text), Format, &source);
    va_end(v.Args);
    EmuPrint(text, n);
    return STATUS_SUCCESS;
}
