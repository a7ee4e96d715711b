/*++
Module Name: explore_main.c
Abstract: wdkm_explore: explores a compiled scenario natively and prints the
          core's report (explore_report.c: counts, each distinct outcome's
          count and witness, races, findings; plus `seconds` and `cpu`, its
          wall-clock and processor time, on stderr) for `npm run bench`, which
          sets it beside WebAssembly. `wdkm explore` describes each outcome
          from its witness's replay (docs/explorer.md).
--*/
#include "vmp.h"
#include "vm_host.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif


int main(int argc, char **argv)
{
    ULONG cpus = 2, bound = EMU_EXPLORE_UNBOUNDED, shard = 0, shards = 1;
    ULONG64 budget = 0, maxSchedules = 0;
    BOOLEAN naive = FALSE;
    const char *file = NULL;
    struct timespec t0, t1, c0, c1;
    UCHAR *bytes;
    long size;
    FILE *f;
    int i;

#if defined(__GLIBC__)
    /* Every schedule allocates and frees the same stacks: keep them in the
       heap rather than mapping and unmapping them (page faults dominated). */
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--cpus") == 0 && i + 1 < argc) cpus = (ULONG)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--budget") == 0 && i + 1 < argc) budget = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--preemption-bound") == 0 && i + 1 < argc) bound = (ULONG)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--max-schedules") == 0 && i + 1 < argc) maxSchedules = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--shard") == 0 && i + 1 < argc && sscanf(argv[i + 1], "%u/%u", &shard, &shards) == 2) i++;
        else if (strcmp(argv[i], "--no-reduction") == 0) naive = TRUE;
        else file = argv[i];
    }
    if (file == NULL || (f = fopen(file, "rb")) == NULL) {
        fprintf(stderr, "usage: wdkm_explore MODULE [--cpus N] [--budget N] [--preemption-bound K] "
                        "[--max-schedules N] [--shard I/N] [--no-reduction]\n");
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
    if (VmExploreBegin(bytes, (SIZE_T)size, cpus, budget, bound, naive, shard, shards) != 0) {
        fprintf(stderr, "%s\n", VmExploreError());
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    for (;;) {
        const EMU_EXPLORE_STATS *st = EmuExploreStats();
        ULONG slice = 256;
        if (maxSchedules != 0 && st->Schedules >= maxSchedules)
            break;
        if (maxSchedules != 0 && maxSchedules - st->Schedules < slice)
            slice = (ULONG)(maxSchedules - st->Schedules);
        if (VmExploreSlice(slice))
            break;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    fprintf(stderr, "seconds %.6f cpu %.6f\n", (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
            (double)(c1.tv_sec - c0.tv_sec) + (double)(c1.tv_nsec - c0.tv_nsec) / 1e9);
    printf("%s\n", VmExploreResultJson());
    VmExploreEnd();
    free(bytes);
    return 0;
}
