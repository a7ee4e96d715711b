/*++
Module Name: explore_report.c
Abstract: What the explorer alone knows, as JSON for the TypeScript side
          (web/src/explore/explore.ts, docs/explorer.md): how many schedules
          and which were pruned, each distinct outcome's count and witness
          schedule, the data races and the findings over every schedule.
          What happened in an outcome is not written here: TypeScript replays
          its witness and derives it from the trace like any run
          (web/src/trace/result.ts), so no C code writes a run's result.
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

/* A finding as the explorer merged it; TypeScript names its code (trace/kinds.ts). */
static VOID PutFinding(BUF *B, const EMU_FINDING *F)
{
    Putf(B, "{\"code\":\"0x%X\",\"message\":", F->Code);
    PutString(B, F->Message, strlen(F->Message));
    Putf(B, ",\"lines\":[%u", VM_LINE(F->Locs[0]));
    if (F->Locs[1] != 0 && VM_LINE(F->Locs[1]) != VM_LINE(F->Locs[0]))
        Putf(B, ",%u", VM_LINE(F->Locs[1]));
    Put(B, "]}", 2);
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

/* The exploration's report: `explore --json` once TypeScript has described
   each outcome (docs/explorer.md). */
CHAR *VmExploreJson(ULONG Cpus, BOOLEAN Complete)
{
    const EMU_EXPLORE_STATS *st = EmuExploreStats();
    BUF b = { NULL, 0, 0 };
    ULONG k;

    Putf(&b, "{\"complete\":%s,\"schedules\":%llu,\"pruned\":%llu,\"outcomes\":[", Complete ? "true" : "false",
         (unsigned long long)st->Schedules, (unsigned long long)st->Pruned);
    for (k = 0; k < st->OutcomeCount; k++) {
        const EMU_EXPLORE_OUTCOME *o = EmuExploreOutcome(k);
        Putf(&b, "%s{\"count\":%u,\"schedule\":", k ? "," : "", o->Count);
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
                 "start or end orders them\"",
             k ? "," : "", l0, l1, (unsigned long long)r->Address, r->Bytes, k0, k1, k0, l0, k1, l1, r->Bytes,
             (unsigned long long)r->Address);
        if (r->AllocLoc != 0)   /* the pool block the address falls in, for naming it */
            Putf(&b, ",\"pool\":{\"line\":%u,\"offset\":%u}", VM_LINE(r->AllocLoc), r->AllocOffset);
        Put(&b, "}", 1);
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
