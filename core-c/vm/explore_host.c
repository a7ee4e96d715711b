/*++
Module Name: explore_host.c
Abstract: The explorer over a scenario module, for hosts (the WebAssembly
          export layer, the native explorer): load the module once, then run
          schedules in slices so the caller can report progress, stop at a
          time bound, or cancel between slices, keeping what was found.
--*/
#include "vmp.h"
#include "vm_host.h"
#include <stdlib.h>
#include <string.h>


static VM_MODULE *Module;
static ULONG Cpus;
static BOOLEAN Finished;
static CHAR *Json;
static CHAR Error[512];

VOID VmExploreEnd(VOID)
{
    if (Module != NULL)
        VmFree(Module);
    Module = NULL;
    free(Json);
    Json = NULL;
    EmuExploreFree();
    EmuFreeMachine();
}

/* 0: ready (VmExploreSlice); 2: the module was rejected (VmExploreError). */
int VmExploreBegin(const UCHAR *Bytes, SIZE_T Size, ULONG CpuCount, ULONG64 Budget, ULONG PreemptionBound,
                   BOOLEAN NoReduction, ULONG Shard, ULONG Shards)
{
    EMU_EXPLORE_OPTIONS options;
    VmExploreEnd();
    Error[0] = '\0';
    Module = VmLoad(Bytes, Size, Error, sizeof(Error));
    if (Module == NULL)
        return 2;
    memset(&options, 0, sizeof(options));
    Cpus = CpuCount ? CpuCount : 2;
    options.Cpus = Cpus;
    options.StepBudget = Budget ? Budget : 5000000;
    options.PreemptionBound = PreemptionBound;
    options.NoReduction = NoReduction;
    options.Shard = Shard;
    options.Shards = Shards ? Shards : 1;
    EmuExploreBegin(&options);
    Finished = FALSE;
    return 0;
}

/* Runs up to Runs schedules; TRUE when nothing is left to run. */
BOOLEAN VmExploreSlice(ULONG Runs)
{
    EMU_CONFIG config;
    ULONG i;
    for (i = 0; i < Runs && !Finished && Module != NULL; i++) {
        if (!EmuExploreNext(&config)) {
            Finished = TRUE;
            break;
        }
        VmRun(Module, &config);
        EmuExploreEnd();
    }
    return Finished || Module == NULL;
}

const CHAR *VmExploreResultJson(VOID)
{
    const EMU_EXPLORE_STATS *st = EmuExploreStats();
    free(Json);
    Json = VmExploreJson(Cpus, st->Complete && !st->Cut && st->Error[0] == '\0');
    return Json;
}

const CHAR *VmExploreError(VOID) { return Error; }
