/*++
Module Name: host_main.c
Abstract: Runs a scenario compiled natively (the exported src/<name>.c, built
          with the host compiler against core-c/emu) on the emulated kernel,
          and writes its trace (--trace-out); driver/tests/native-vs-vm.test.ts
          derives both results from the traces, as the app does, and compares.
          Usage: scenario_host [--cpus N] [--policy 0-3] [--seed N] [--trace-out F]
--*/
#include <wdkm.h>
#include "emu.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DRIVER_INITIALIZE DriverEntry;

int main(int argc, char **argv)
{
    EMU_CONFIG config;
    const char *traceOut = NULL;
    int i;

    EmuDefaultConfig(&config);
    for (i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--cpus") == 0) config.Cpus = (ULONG)strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--policy") == 0) config.Policy = (EMU_POLICY)strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--seed") == 0) config.Seed = strtoull(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--trace-out") == 0) traceOut = argv[i + 1];
    }
    EmuRunDriver(&config, DriverEntry);
    if (traceOut != NULL) {
        SIZE_T n;
        const UCHAR *trace = EmuTrace(&n);
        FILE *f = fopen(traceOut, "wb");
        if (f == NULL || fwrite(trace, 1, n, f) != n)
            return 2;
        fclose(f);
    }
    EmuFreeMachine();
    return 0;
}
