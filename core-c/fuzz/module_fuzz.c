/*++
Module Name: module_fuzz.c
Abstract: libFuzzer target for the module loader and verifier (and a short
          run of what verifies): vm_fuzz.c's LLVMFuzzerTestOneInput, with the
          structure-aware mutator of module_mutator.c.
--*/
#include <stddef.h>

size_t WdkmMutateModule(unsigned char *Data, size_t Size, size_t MaxSize, unsigned int Seed, size_t Skip);

size_t LLVMFuzzerCustomMutator(unsigned char *Data, size_t Size, size_t MaxSize, unsigned int Seed)
{
    return WdkmMutateModule(Data, Size, MaxSize, Seed, 0);
}
