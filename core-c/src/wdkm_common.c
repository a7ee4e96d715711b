/*++
Module Name: wdkm_common.c
Abstract: Status names and the small helpers every wdkm object uses.
--*/
#include "wdkmp.h"

static const PCSTR StatusNames[] = {
    "WDKM_OK", "WDKM_IRQL_TOO_HIGH", "WDKM_IRQL_NOT_APC_LEVEL", "WDKM_POOL_ALLOC_FAILED",
    "WDKM_GRT_ALREADY_EXISTS", "WDKM_GRT_IS_NULL", "WDKM_GRT_IS_EMPTY", "WDKM_KEY_NOT_FOUND",
    "WDKM_KEY_EXISTS", "WDKM_DOWNCAST_ERROR", "WDKM_NOT_ACQUIRED", "WDKM_INVALID_PARAMETER",
};

PCSTR WdkmStatusName(WDKM_STATUS Status)
{
    if ((ULONG)Status >= sizeof(StatusNames) / sizeof(StatusNames[0]))
        return "WDKM_UNKNOWN_STATUS";
    return StatusNames[Status];
}

PVOID WdkmpAllocWithData(SIZE_T HeaderSize, SIZE_T DataSize, const VOID *Initial, ULONG Tag)
{
    SIZE_T offset = (HeaderSize + 15) & ~(SIZE_T)15;
    PUCHAR block;

    if (DataSize > ((SIZE_T)-1) - offset)
        return NULL;
    block = (PUCHAR)ExAllocatePool2(POOL_FLAG_NON_PAGED, offset + DataSize, Tag);
    if (block == NULL)
        return NULL;
    if (DataSize != 0 && Initial != NULL)
        RtlCopyMemory(block + offset, Initial, DataSize);
    return block;
}

VOID WdkmpBadHandle(const VOID *Handle)
{
    UNREFERENCED_PARAMETER(Handle);
    KeBugCheckEx(0x7E, (ULONG_PTR)STATUS_ACCESS_VIOLATION, 0, 0, 0);
}

SIZE_T WdkmpStrLen(PCSTR S)
{
    SIZE_T n = 0;
    while (S[n] != '\0')
        n++;
    return n;
}

BOOLEAN WdkmpStrEqual(PCSTR A, PCSTR B)
{
    while (*A != '\0' && *A == *B) {
        A++;
        B++;
    }
    return *A == *B;
}

BOOLEAN WdkmpTypeEqual(const WDKM_TYPE_INFO *A, PCSTR Name, SIZE_T Size)
{
    return A->Size == Size && WdkmpStrEqual(A->Name, Name);
}
