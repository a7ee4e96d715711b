/*++
Module Name: exports.c
Abstract: The WebAssembly export layer (web/src/engine/core.ts binds it).
          Emscripten loses the return value of an export during which fibers
          switched, so results are read back by separate calls. The run's
          result is the trace: web/src/trace/result.ts derives it.
--*/
#include <emscripten.h>
#include "emu.h"
#include "../vm/vm_host.h"

static int LastRc;

EMSCRIPTEN_KEEPALIVE void WdkmRun(const UCHAR *Module, unsigned Size, unsigned Cpus, unsigned Policy,
                                  unsigned SeedLo, unsigned SeedHi, unsigned BudgetLo, unsigned BudgetHi,
                                  const USHORT *Schedule, unsigned ScheduleCount)
{
    LastRc = VmHostRun(Module, Size, Cpus, Policy, ((ULONG64)SeedHi << 32) | SeedLo,
                       ((ULONG64)BudgetHi << 32) | BudgetLo, Schedule, ScheduleCount, FALSE);
}

EMSCRIPTEN_KEEPALIVE int WdkmLastRc(void) { return LastRc; }
EMSCRIPTEN_KEEPALIVE const char *WdkmError(void) { return VmHostError(); }

EMSCRIPTEN_KEEPALIVE const unsigned char *WdkmTrace(void)
{
    SIZE_T n;
    return EmuTrace(&n);
}

EMSCRIPTEN_KEEPALIVE unsigned WdkmTraceSize(void)
{
    SIZE_T n;
    EmuTrace(&n);
    return (unsigned)n;
}

/* The explorer (docs/explorer.md): begin, then slices of schedules, so the
   worker can post progress and stop between slices; the result as JSON. */
static int ExploreFinished;

EMSCRIPTEN_KEEPALIVE void WdkmExploreBegin(const UCHAR *Module, unsigned Size, unsigned Cpus, unsigned BudgetLo,
                                           unsigned BudgetHi, unsigned PreemptionBound, unsigned NoReduction,
                                           unsigned Shard, unsigned Shards)
{
    LastRc = VmExploreBegin(Module, Size, Cpus, ((ULONG64)BudgetHi << 32) | BudgetLo, PreemptionBound,
                            (BOOLEAN)(NoReduction != 0), Shard, Shards);
    ExploreFinished = LastRc != 0;
}

EMSCRIPTEN_KEEPALIVE void WdkmExploreSlice(unsigned Runs) { ExploreFinished = VmExploreSlice(Runs); }
EMSCRIPTEN_KEEPALIVE int WdkmExploreFinished(void) { return ExploreFinished; }
EMSCRIPTEN_KEEPALIVE double WdkmExploreSchedules(void) { return (double)EmuExploreStats()->Schedules; }
EMSCRIPTEN_KEEPALIVE double WdkmExplorePruned(void) { return (double)EmuExploreStats()->Pruned; }
EMSCRIPTEN_KEEPALIVE unsigned WdkmExploreOutcomes(void) { return EmuExploreStats()->OutcomeCount; }
EMSCRIPTEN_KEEPALIVE const char *WdkmExploreJson(void) { return VmExploreResultJson(); }
EMSCRIPTEN_KEEPALIVE const char *WdkmExploreError(void) { return VmExploreError(); }
EMSCRIPTEN_KEEPALIVE void WdkmExploreEnd(void) { VmExploreEnd(); }
