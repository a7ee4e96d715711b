/*++
Module Name: main_native.c
Abstract: wdkm_vm_run: runs a compiled scenario natively and writes its
          binary trace (--trace-out), from which the tests, the fuzz differ
          and the bench derive the result as the app does (cli/native-vm.ts):
          the trace is the run's one result. Exit 0 after a run, 2 when the
          module is refused (the reason on stderr).
--*/
#include "vmp.h"
#include "vm_host.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
    ULONG cpus = 2, policy = 0;
    ULONG64 seed = 1, budget = 0, switches, swaps;
    const char *file = NULL, *traceOut = NULL;
    int timed = 0;
    struct timespec t0, t1;
    UCHAR *bytes;
    long size;
    FILE *f;
    int i, rc;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--cpus") == 0 && i + 1 < argc) cpus = (ULONG)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--policy") == 0 && i + 1 < argc) policy = (ULONG)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) seed = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--budget") == 0 && i + 1 < argc) budget = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--trace-out") == 0 && i + 1 < argc) traceOut = argv[++i];
        else if (strcmp(argv[i], "--time") == 0) timed = 1;      /* benchmarks: host seconds on stderr */
        else if (strcmp(argv[i], "--kernel-calls-only") == 0) VmSetKernelCallsOnly(TRUE);
        else if (strcmp(argv[i], "--no-exchange") == 0) EmuSetStackExchange(FALSE); /* tests: fiber switches only */
        else file = argv[i];
    }
    if (file == NULL || (f = fopen(file, "rb")) == NULL) {
        fprintf(stderr, "usage: wdkm_vm_run MODULE [--cpus N] [--policy 0-3] [--seed N] [--budget N] [--trace-out F] [--kernel-calls-only] [--no-exchange] [--time]\n");
        return 2;
    }
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    bytes = (UCHAR *)malloc(size > 0 ? (size_t)size : 1);
    if (bytes == NULL || fread(bytes, 1, (size_t)size, f) != (size_t)size) {
        fclose(f);
        return 2;
    }
    fclose(f);
    switches = EmuFiberSwitches();
    swaps = EmuFiberSwaps();
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rc = VmHostRun(bytes, (SIZE_T)size, cpus, policy, seed, budget, NULL, 0, FALSE);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (timed)
        fprintf(stderr, "seconds %.6f switches %llu swaps %llu\n",
                (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
                (unsigned long long)(EmuFiberSwitches() - switches), (unsigned long long)(EmuFiberSwaps() - swaps));
    free(bytes);
    if (rc != 0) {
        fprintf(stderr, "%s\n", VmHostError());
        return 2;
    }
    if (traceOut != NULL) {
        SIZE_T n;
        const UCHAR *trace = EmuTrace(&n);
        FILE *out = fopen(traceOut, "wb");
        if (out == NULL || fwrite(trace, 1, n, out) != n)
            return 2;
        fclose(out);
    }
    EmuFreeMachine();
    return 0;
}
