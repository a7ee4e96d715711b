/*++
Module Name: interp_fuzz.c
Abstract: libFuzzer target for the interpreter and the emulated kernel under
          it. An input is 4 bytes of run settings (CPUs, policy, seed) and a
          module; seeds are the compiled examples, mutated by module_mutator.c
          so most inputs still verify and run. Each module that verifies runs
          twice with the trace on: it must end in an outcome, within its
          budget, and give the same trace both times (determinism).
--*/
#include "vmp.h"
#include <stdlib.h>
#include <string.h>

#define SETTINGS 4

size_t WdkmMutateModule(unsigned char *Data, size_t Size, size_t MaxSize, unsigned int Seed, size_t Skip);

size_t LLVMFuzzerCustomMutator(unsigned char *Data, size_t Size, size_t MaxSize, unsigned int Seed)
{
    return WdkmMutateModule(Data, Size, MaxSize, Seed, SETTINGS);
}

static ULONG64 Hash(const UCHAR *Data, SIZE_T Size)
{
    ULONG64 h = 1469598103934665603ull;
    for (SIZE_T i = 0; i < Size; i++)
        h = (h ^ Data[i]) * 1099511628211ull;
    return h;
}

static ULONG64 RunOnce(VM_MODULE *M, const UCHAR *S, EMU_OUTCOME *Outcome)
{
    EMU_CONFIG config;
    SIZE_T size;
    const UCHAR *trace;
    EmuDefaultConfig(&config);
    config.Cpus = 1 + S[0] % EMU_MAX_CPUS;
    config.Policy = (EMU_POLICY)(S[1] % 4);
    config.Seed = S[2] | (S[3] << 8);
    config.StepBudget = 50000;
    VmRun(M, &config);
    *Outcome = EmuResult()->Outcome;
    if (*Outcome == EmuOutcomeNone)
        abort();                                        /* every run ends in an outcome */
    trace = EmuTrace(&size);
    return Hash(trace, size) ^ (ULONG64)*Outcome;
}

int LLVMFuzzerTestOneInput(const UCHAR *Data, size_t Size)
{
    CHAR error[256] = "";
    VM_MODULE *m;
    EMU_OUTCOME a, b;
    if (Size < SETTINGS)
        return 0;
    m = VmLoad(Data + SETTINGS, Size - SETTINGS, error, sizeof(error));
    if (m == NULL) {
        if (error[0] == '\0')
            abort();                                    /* a rejection always says why */
        return 0;
    }
    if (RunOnce(m, Data, &a) != RunOnce(m, Data, &b) || a != b)
        abort();                                        /* same module and settings, same trace */
    VmFree(m);
    return 0;
}
