/*++
Module Name: host_run.c
Abstract: One entry for hosts (vm_host.h): load a module, run it with the
          given settings; the trace stays readable until the next call.
--*/
#include "vmp.h"
#include "vm_host.h"
#include <stdlib.h>
#include <string.h>

static CHAR LastError[512];

int VmHostRun(const UCHAR *Module, SIZE_T Size, ULONG Cpus, ULONG Policy, ULONG64 Seed, ULONG64 Budget,
              const USHORT *Schedule, ULONG ScheduleCount, BOOLEAN NoTrace)
{
    EMU_CONFIG config;
    VM_MODULE *m;

    LastError[0] = '\0';
    m = VmLoad(Module, Size, LastError, sizeof(LastError));
    if (m == NULL)
        return 2;
    EmuDefaultConfig(&config);
    config.Cpus = Cpus ? Cpus : 2;
    config.Policy = (EMU_POLICY)(Policy <= EmuPolicyExplore ? Policy : EmuPolicyTimed);
    config.Seed = Seed;
    config.StepBudget = Budget; /* 0: the emulator's default */
    config.Replay = Schedule;
    config.ReplayCount = ScheduleCount;
    config.NoTrace = NoTrace;
    if (config.Policy == EmuPolicyPct) {
        /* PCT draws its change points over the run's length in choices: a
           first pass with the same seed and no change point measures it. */
        EMU_CONFIG measure = config;
        measure.PctDepth = 1;
        measure.NoTrace = TRUE;
        VmRun(m, &measure);
        config.PctLength = EmuResult()->Choices ? EmuResult()->Choices : 1;
    }
    VmRun(m, &config);
    VmFree(m);
    return 0;
}

const CHAR *VmHostError(VOID) { return LastError; }
