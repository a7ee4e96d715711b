/*++
Module Name: record.c
Abstract: The one way the emulator's files record an event in the run's
          trace (trace.c writes the bytes). Most events are the acting
          thread's, now: EmupTrace; the rest give every field: EmupTraceEx.
--*/
#include "emup.h"

VOID EmupTraceEx(EMU_EVENT Kind, ULONG64 Time, ULONG Cpu, EMU_THREAD *Thread, ULONG ObjectId, ULONG64 A, ULONG64 B,
                 ULONG Loc, const VOID *Payload, SIZE_T PayloadSize)
{
    EmupTraceEvent(&EmupM->Trace, Kind, Time, Cpu, EmupTid(Thread), ObjectId, A, B, Loc, Payload, PayloadSize);
}

VOID EmupTrace(EMU_EVENT Kind, EMU_THREAD *Thread, EMU_OBJECT *Object, ULONG64 A, ULONG64 B)
{
    EmupTraceEx(Kind, EmupNow(), EMUP_CPU_OF(Thread), Thread, Object != NULL ? Object->Id : 0, A, B, EMUP_LOC_OF(Thread), NULL, 0);
}
