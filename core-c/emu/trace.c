/*++
Module Name: trace.c
Abstract: Appends events to the binary trace: a header, then records of
          LEB128 fields with the time as a zigzag delta (docs/trace-format.md).
--*/
#include "trace.h"
#include <stdlib.h>
#include <string.h>

#define TRACE_LIMIT (256u << 20)
/* Past the limit, the events that make up the run's result are still
   written, so that a truncated trace still says how the run ended. Prints
   are capped at 16 MB by the console, findings and deadlock entries by
   count, leaks by the pool. */
#define RESULT_RESERVE (64u << 20)

size_t EmupTraceVarint(uint8_t *Out, uint64_t Value)
{
    size_t n = 0;
    while (Value >= 0x80) {
        Out[n++] = (uint8_t)(Value | 0x80);
        Value >>= 7;
    }
    Out[n++] = (uint8_t)Value;
    return n;
}

static void MarkTruncated(EMU_TRACE *Trace)
{
    Trace->Truncated = 1;
    if (Trace->Size >= 8)
        Trace->Data[5] |= EMU_TRACE_FLAG_TRUNCATED;
}

static int IsResultKind(EMU_EVENT Kind)
{
    switch (Kind) {
    case EMU_EV_PRINT: case EMU_EV_BUGCHECK: case EMU_EV_DEADLOCK: case EMU_EV_LEAK: case EMU_EV_FINDING:
    case EMU_EV_ASSERT: case EMU_EV_RUN_END: case EMU_EV_REPLAY_DIVERGED:
        return 1;
    default:
        return 0;
    }
}

static int Reserve(EMU_TRACE *Trace, size_t Bytes, size_t Limit)
{
    size_t cap;
    uint8_t *data;

    if (Trace->Size + Bytes > Limit) {
        MarkTruncated(Trace);
        return 0;
    }
    if (Trace->Size + Bytes <= Trace->Cap)
        return 1;
    cap = Trace->Cap ? Trace->Cap * 2 : 65536;
    while (cap < Trace->Size + Bytes)
        cap *= 2;
    data = (uint8_t *)realloc(Trace->Data, cap);
    if (data == NULL) {
        MarkTruncated(Trace);
        return 0;
    }
    Trace->Data = data;
    Trace->Cap = cap;
    return 1;
}

/* A freed trace's buffer, for the next run to write into without growing
   it again: in WebAssembly a realloc copies (natively it remaps), and the
   module's memory never shrinks anyway. */
static uint8_t *SpareData;
static size_t SpareCap;

void EmupTraceInit(EMU_TRACE *Trace, int Disabled, size_t Limit)
{
    Trace->Data = SpareData;
    Trace->Cap = SpareCap;
    SpareData = NULL;
    SpareCap = 0;
    Trace->Size = 0;
    Trace->LastTime = 0;
    Trace->Truncated = 0;
    Trace->Limit = Limit ? Limit : TRACE_LIMIT;
    Trace->Disabled = Disabled;
    if (Reserve(Trace, 8, Trace->Limit)) {
        memcpy(Trace->Data, EMU_TRACE_MAGIC, 4);
        Trace->Data[4] = EMU_TRACE_VERSION;
        Trace->Data[5] = Trace->Data[6] = Trace->Data[7] = 0;
        Trace->Size = 8;
    }
}

void EmupTraceFree(EMU_TRACE *Trace)
{
    if (Trace->Cap > SpareCap) {
        free(SpareData);
        SpareData = Trace->Data;
        SpareCap = Trace->Cap;
    } else {
        free(Trace->Data);
    }
    memset(Trace, 0, sizeof(*Trace));
}

void EmupTraceEvent(EMU_TRACE *Trace, EMU_EVENT Kind, uint64_t Time, unsigned Cpu, uint32_t Thread,
                    uint32_t Object, uint64_t A, uint64_t B, uint32_t Loc, const void *Payload,
                    size_t PayloadSize)
{
    uint8_t *p;
    int64_t delta;

    if (Trace->Disabled)
        return;
    if (Trace->Truncated || Trace->Size + 64 + PayloadSize > Trace->Cap ||
        Trace->Size + 64 + PayloadSize > Trace->Limit) {          /* else room for any kind */
        if (!IsResultKind(Kind) && (Trace->Truncated || !Reserve(Trace, 64 + PayloadSize, Trace->Limit)))
            return;
        if (IsResultKind(Kind) && !Reserve(Trace, 64 + PayloadSize, Trace->Limit + RESULT_RESERVE))
            return;
    }
    p = Trace->Data + Trace->Size;
    delta = (int64_t)(Time - Trace->LastTime);
    Trace->LastTime = Time;
    *p++ = (uint8_t)Kind;
    p += EmupTraceVarint(p, ((uint64_t)delta << 1) ^ (uint64_t)(delta >> 63));
    *p++ = (uint8_t)Cpu;
    p += EmupTraceVarint(p, Thread);
    p += EmupTraceVarint(p, Object);
    p += EmupTraceVarint(p, A);
    p += EmupTraceVarint(p, B);
    p += EmupTraceVarint(p, Loc);
    if (Payload != NULL) {
        p += EmupTraceVarint(p, PayloadSize);
        memcpy(p, Payload, PayloadSize);
        p += PayloadSize;
    }
    Trace->Size = (size_t)(p - Trace->Data);
}
