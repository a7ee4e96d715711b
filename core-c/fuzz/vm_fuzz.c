/*++
Module Name: vm_fuzz.c
Abstract: Fuzz target for the VM: any bytes given to VmLoad are rejected with
          a message or, when they verify, run to an outcome within a small
          budget; never a crash, a hang or a sanitizer report. `main` mutates
          every module in a folder deterministically (npm test runs it under
          ASan + UBSan); LLVMFuzzerTestOneInput serves the libFuzzer build
          (scripts/fuzz.mts), with module_mutator.c's structure-aware
          mutations.
--*/
#include "vmp.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ULONG Accepted, Rejected;

int LLVMFuzzerTestOneInput(const UCHAR *Data, size_t Size)
{
    CHAR error[256] = "";
    EMU_CONFIG config;
    VM_MODULE *m = VmLoad(Data, Size, error, sizeof(error));
    if (m == NULL) {
        if (error[0] == '\0')
            abort();                                   /* a rejection always says why */
        Rejected++;
        return 0;
    }
    Accepted++;
    EmuDefaultConfig(&config);
    config.StepBudget = 20000;
    config.NoTrace = TRUE;
    VmRun(m, &config);
    if (EmuResult()->Outcome == EmuOutcomeNone)
        abort();                                       /* every run ends in an outcome */
    VmFree(m);
    return 0;
}

#ifndef WDKM_LIBFUZZER      /* libFuzzer brings its own main and mutations */
static ULONG64 Rng = 0x2545F4914F6CDD1Dull;
static ULONG64 Next(void)
{
    Rng ^= Rng << 13;
    Rng ^= Rng >> 7;
    Rng ^= Rng << 17;
    return Rng;
}

static void Mutate(UCHAR *Bytes, size_t *Size, size_t Cap)
{
    ULONG kind = (ULONG)(Next() % 6), n, i;
    size_t at;
    if (*Size == 0)
        return;
    at = (size_t)(Next() % *Size);
    switch (kind) {
    case 0: Bytes[at] ^= (UCHAR)(1u << (Next() % 8)); break;               /* bit flip */
    case 1: Bytes[at] = (UCHAR)Next(); break;                              /* random byte */
    case 2: *Size = at; break;                                             /* truncation */
    case 3:                                                                /* interesting value */
        n = (ULONG)(Next() % 4);
        for (i = 0; i < 4 && at + i < *Size; i++)
            Bytes[at + i] = (UCHAR)((n == 0 ? 0xFFFFFFFFu : n == 1 ? 0x80000000u : n == 2 ? 0u : 0x7FFFu) >> (8 * i));
        break;
    case 4:                                                                /* duplicate a run of bytes */
        n = (ULONG)(Next() % 16);
        if (*Size + n <= Cap) {
            memmove(Bytes + at + n, Bytes + at, *Size - at);
            *Size += n;
        }
        break;
    default:                                                               /* an opcode in the code */
        Bytes[at] = (UCHAR)(1 + Next() % 90);
        break;
    }
}

int main(int argc, char **argv)
{
    DIR *dir;
    struct dirent *e;
    ULONG rounds = argc > 2 ? (ULONG)strtoul(argv[2], NULL, 10) : 300, files = 0, r;
    if (argc < 2 || (dir = opendir(argv[1])) == NULL) {
        fprintf(stderr, "usage: wdkm_vm_fuzz DIR_OF_MODULES [ROUNDS]\n");
        return 2;
    }
    while ((e = readdir(dir)) != NULL) {
        char path[1024];
        UCHAR *orig, *work;
        size_t size, cap;
        FILE *f;
        if (strstr(e->d_name, ".wdkb") == NULL)
            continue;
        snprintf(path, sizeof(path), "%s/%s", argv[1], e->d_name);
        if ((f = fopen(path, "rb")) == NULL)
            continue;
        fseek(f, 0, SEEK_END);
        size = (size_t)ftell(f);
        fseek(f, 0, SEEK_SET);
        cap = size + 256;
        orig = (UCHAR *)malloc(cap);
        work = (UCHAR *)malloc(cap);
        if (orig == NULL || work == NULL || fread(orig, 1, size, f) != size)
            return 2;
        fclose(f);
        files++;
        LLVMFuzzerTestOneInput(orig, size);                          /* the seed itself runs */
        for (r = 0; r < rounds; r++) {
            size_t n = size;
            ULONG k, edits = 1 + (ULONG)(Next() % 4);
            memcpy(work, orig, size);
            for (k = 0; k < edits; k++)
                Mutate(work, &n, cap);
            LLVMFuzzerTestOneInput(work, n);
        }
        free(orig);
        free(work);
    }
    closedir(dir);
    EmuFreeMachine();
    printf("fuzzed %u modules: %u inputs accepted and run, %u rejected with a message\n", files, Accepted, Rejected);
    if (files == 0 || Accepted == 0 || Rejected == 0) {
        printf("0 passed, 1 failed\n");
        return 1;
    }
    printf("1 passed, 0 failed\n");
    return 0;
}
#endif
