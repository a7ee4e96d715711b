/*++
Module Name: explore_json.c
Abstract: The exploration as `wdkm explore --json` prints it (docs/explorer.md),
          written in C because the explorer describes each distinct outcome
          when the run that found it ends, and keeps no trace of its thousands
          of runs. A single run's result is never written here: it is derived
          from the run's trace (web/src/trace/result.ts); kinds.test.ts checks
          that the finding names and outcome keys below agree with it.
--*/
#include "vmp.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct _BUF { CHAR *Data; SIZE_T Size, Cap; } BUF;

static VOID Put(BUF *B, PCSTR Text, SIZE_T N)
{
    if (B->Size + N + 1 > B->Cap) {
        SIZE_T cap = B->Cap ? B->Cap * 2 : 4096;
        CHAR *grown;
        while (cap < B->Size + N + 1)
            cap *= 2;
        grown = (CHAR *)realloc(B->Data, cap);
        if (grown == NULL)
            abort();
        B->Data = grown;
        B->Cap = cap;
    }
    memcpy(B->Data + B->Size, Text, N);
    B->Size += N;
    B->Data[B->Size] = '\0';
}

static VOID Putf(BUF *B, PCSTR Format, ...)
{
    CHAR text[512];
    va_list args;
    int n;
    va_start(args, Format);
    n = vsnprintf(text, sizeof(text), Format, args);
    va_end(args);
    Put(B, text, n < 0 ? 0 : (SIZE_T)n < sizeof(text) ? (SIZE_T)n : sizeof(text) - 1);
}

static VOID PutString(BUF *B, PCSTR S, SIZE_T N)
{
    SIZE_T i;
    Put(B, "\"", 1);
    for (i = 0; i < N; i++) {
        UCHAR c = (UCHAR)S[i];
        if (c == '"' || c == '\\')
            Putf(B, "\\%c", c);
        else if (c < 0x20 || c >= 0x7F)
            Putf(B, "\\u%04x", c);
        else
            Put(B, (PCSTR)&c, 1);
    }
    Put(B, "\"", 1);
}

static PCSTR VmFindingName(ULONG Code)
{
    switch (Code) {
    case 0x1000: return "SELF_DEADLOCK";
    case 0x1001: return "LOCK_HIERARCHY_VIOLATION";
    case 0x1003: return "OUT_OF_ORDER_RELEASE";
    case 0x1004: return "RELEASE_BY_ANOTHER_THREAD";
    case 0x1005: return "LOCK_INITIALIZED_TWICE";
    case 0x1007: return "RELEASE_OF_UNHELD_LOCK";
    case 0x1008: return "ACQUIRE_WITH_WRONG_ROUTINE";
    case 0x1009: return "RELEASE_WITH_WRONG_ROUTINE";
    case 0x100A: return "THREAD_EXIT_HOLDING_LOCK";
    case 0x100B: return "HELD_LOCK_FREED";
    default: return "DEADLOCK_DETECTION";
    }
}

static PCSTR OutcomeName(EMU_OUTCOME Outcome)
{
    static const PCSTR names[] = { "none", "completed", "bugcheck", "deadlock", "assertion", "budget",
                                   "replay-diverged" };
    return (ULONG)Outcome < sizeof(names) / sizeof(names[0]) ? names[Outcome] : "none";
}

/* The tag as a debugger shows it: the bytes in memory order. */
static VOID TagText(ULONG Tag, CHAR Out[5])
{
    ULONG i;
    for (i = 0; i < 4; i++) {
        UCHAR c = (UCHAR)(Tag >> (8 * i));
        Out[i] = (c >= 0x20 && c < 0x7F) ? (CHAR)c : ' ';
    }
    Out[4] = '\0';
}

/* The DbgPrint output as lines, without their '\n' (a last line without one counts). */
static VOID PutPrints(BUF *B)
{
    SIZE_T size, start, i;
    const CHAR *out = EmuOutput(&size);
    ULONG k = 0;
    Put(B, "[", 1);
    for (start = 0, i = 0; i <= size; i++) {
        if (i == size ? start < size : out[i] == '\n') {
            if (k++)
                Put(B, ",", 1);
            PutString(B, out + start, i - start);
            start = i + 1;
        }
    }
    Put(B, "]", 1);
}

static VOID PutBugcheck(BUF *B, const EMU_RESULT *R)
{
    if (R->Outcome != EmuOutcomeBugcheck) {
        Put(B, "null", 4);
        return;
    }
    Putf(B, "{\"code\":\"0x%08X\",\"name\":\"%s\",\"params\":[\"0x%016llX\",\"0x%016llX\",\"0x%016llX\","
            "\"0x%016llX\"],\"line\":%u}", R->BugcheckCode, EmuBugcheckName(R->BugcheckCode),
         (unsigned long long)R->BugcheckParams[0], (unsigned long long)R->BugcheckParams[1],
         (unsigned long long)R->BugcheckParams[2], (unsigned long long)R->BugcheckParams[3], VM_LINE(R->BugcheckLoc));
}

static VOID PutDeadlock(BUF *B, const EMU_RESULT *R)
{
    ULONG k;
    if (R->Outcome != EmuOutcomeDeadlock) {
        Put(B, "null", 4);
        return;
    }
    Put(B, "{\"threads\":[", 12);
    for (k = 0; k < R->DeadlockCount; k++) {
        const EMU_DEADLOCK_ENTRY *e = &R->Deadlock[k];
        Putf(B, "%s{\"thread\":\"thread %u\",\"waitingOn\":", k ? "," : "", e->Thread);
        if (e->Object)
            Putf(B, "\"%s #%u\"", EmuObjectTypeName(e->ObjectType), e->Object);
        else
            Put(B, "null", 4);
        if (e->Owner)
            Putf(B, ",\"ownedBy\":\"thread %u\"", e->Owner);
        else
            Put(B, ",\"ownedBy\":null", 15);
        Putf(B, ",\"line\":%u,\"inCycle\":%s}", VM_LINE(e->Loc), e->InCycle ? "true" : "false");
    }
    Put(B, "]}", 2);
}

static VOID PutAssertion(BUF *B, const EMU_RESULT *R)
{
    if (R->Outcome != EmuOutcomeAssertion) {
        Put(B, "null", 4);
        return;
    }
    Putf(B, "{\"line\":%u,\"expression\":", VM_LINE(R->AssertLoc));
    PutString(B, R->AssertExpr, strlen(R->AssertExpr));
    Put(B, "}", 1);
}

static VOID PutLeaks(BUF *B)
{
    ULONG k;
    Put(B, "[", 1);
    for (k = 0; k < EmuLeakCount(); k++) {
        CHAR tag[5];
        TagText(EmuLeaks()[k].Tag, tag);
        Putf(B, "%s{\"tag\":", k ? "," : "");
        PutString(B, tag, 4);
        Putf(B, ",\"bytes\":%llu,\"line\":%u}", (unsigned long long)EmuLeaks()[k].Bytes, VM_LINE(EmuLeaks()[k].Loc));
    }
    Put(B, "]", 1);
}

/* The keys that say what happened to one schedule, outcome to leaks, without
   the braces: the same keys and values as web/src/trace/result.ts derives for
   a run (cli/explore.test.ts replays each witness and compares). */
static VOID PutOutcomeFields(BUF *B)
{
    const EMU_RESULT *r = EmuResult();
    Putf(B, "\"outcome\":\"%s\",\"status\":", OutcomeName(r->Outcome));
    if (r->EntryReturned)
        Putf(B, "\"0x%08X\"", (ULONG)r->EntryStatus);
    else
        Put(B, "null", 4);
    Put(B, ",\"prints\":", 10);
    PutPrints(B);
    Put(B, ",\"bugcheck\":", 12);
    PutBugcheck(B, r);
    Put(B, ",\"deadlock\":", 12);
    PutDeadlock(B, r);
    Put(B, ",\"assertion\":", 13);
    PutAssertion(B, r);
    Put(B, ",\"leaks\":", 9);
    PutLeaks(B);
}

static VOID PutFinding(BUF *B, const EMU_FINDING *F)
{
    Putf(B, "{\"code\":\"0x%X\",\"name\":\"%s\",\"message\":", F->Code, VmFindingName(F->Code));
    PutString(B, F->Message, strlen(F->Message));
    Putf(B, ",\"lines\":[%u", VM_LINE(F->Locs[0]));
    if (F->Locs[1] != 0 && VM_LINE(F->Locs[1]) != VM_LINE(F->Locs[0]))
        Putf(B, ",%u", VM_LINE(F->Locs[1]));
    Put(B, "]}", 2);
}

/* One outcome's keys for `explore --json` (the explorer keeps the text). */
CHAR *VmOutcomeFieldsJson(VOID)
{
    BUF b = { NULL, 0, 0 };
    PutOutcomeFields(&b);
    return b.Data;
}

static VOID PutSchedule(BUF *B, ULONG Cpus, const USHORT *Choices, ULONG Count)
{
    ULONG k = 0, run;
    Putf(B, "\"x%u:", Cpus);
    while (k < Count) {
        for (run = 1; k + run < Count && Choices[k + run] == Choices[k]; run++)
            ;
        Putf(B, run > 1 ? "%s%u*%u" : "%s%u", k ? "." : "", Choices[k], run);
        k += run;
    }
    Put(B, "\"", 1);
}

/* The exploration as `explore --json` prints it (docs/explorer.md). */
CHAR *VmExploreJson(ULONG Cpus, BOOLEAN Complete)
{
    const EMU_EXPLORE_STATS *st = EmuExploreStats();
    BUF b = { NULL, 0, 0 };
    ULONG k;

    Putf(&b, "{\"complete\":%s,\"schedules\":%llu,\"pruned\":%llu,\"outcomes\":[", Complete ? "true" : "false",
         (unsigned long long)st->Schedules, (unsigned long long)st->Pruned);
    for (k = 0; k < st->OutcomeCount; k++) {
        const EMU_EXPLORE_OUTCOME *o = EmuExploreOutcome(k);
        Put(&b, k ? ",{" : "{", k ? 2 : 1);
        if (o->Description != NULL)        /* long: Putf would cut it */
            Put(&b, o->Description, strlen(o->Description));
        Putf(&b, ",\"count\":%u,\"schedule\":", o->Count);
        PutSchedule(&b, Cpus, o->Witness, o->WitnessCount);
        Put(&b, "}", 1);
    }
    Put(&b, "],\"races\":[", 11);
    for (k = 0; k < st->RaceCount; k++) {
        const EMU_EXPLORE_RACE *r = EmuExploreRace(k);
        ULONG l0 = VM_LINE(r->Locs[0]), l1 = VM_LINE(r->Locs[1]);
        PCSTR k0 = r->Writes[0] ? "write" : "read", k1 = r->Writes[1] ? "write" : "read";
        Putf(&b, "%s{\"lines\":[%u,%u],\"address\":\"0x%016llX\",\"bytes\":%u,\"kinds\":[\"%s\",\"%s\"],"
                 "\"message\":\"data race: the %s at line %u and the %s at line %u touch the same %u bytes "
                 "(0x%016llX) from different threads, and no lock, interlocked operation, wait or thread "
                 "start or end orders them\"}",
             k ? "," : "", l0, l1, (unsigned long long)r->Address, r->Bytes, k0, k1, k0, l0, k1, l1, r->Bytes,
             (unsigned long long)r->Address);
    }
    Put(&b, "],\"findings\":[", 14);
    for (k = 0; k < st->FindingCount; k++) {
        if (k)
            Put(&b, ",", 1);
        PutFinding(&b, EmuExploreFinding(k));
    }
    Putf(&b, "],\"runs\":%llu,\"events\":%llu,\"maxDepth\":%u,\"cut\":%s,\"error\":", (unsigned long long)st->Runs,
         (unsigned long long)st->Events, st->MaxDepth, st->Cut ? "true" : "false");
    if (st->Error[0])
        PutString(&b, st->Error, strlen(st->Error));
    else
        Put(&b, "null", 4);
    Put(&b, "}", 1);
    return b.Data;
}
