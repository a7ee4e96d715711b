/*++
Module Name: wdkmp.h
Abstract: Private helpers shared by the wdkm core's files. WDK API only.
--*/
#pragma once
#include <wdkm.h>

/* A handle's first field; cleared on free so a stale handle is caught. */
#define WDKMP_SIG_KMUTEX        0x584D4B57u  /* "WKMX" */
#define WDKMP_SIG_FAST_MUTEX    0x584D4657u  /* "WFMX" */
#define WDKMP_SIG_SPIN_LOCK     0x4C535057u  /* "WPSL" */
#define WDKMP_SIG_GUARDED_MUTEX 0x584D4757u  /* "WGMX" */
#define WDKMP_SIG_RESOURCE      0x53455257u  /* "WRES" */
#define WDKMP_SIG_FREED         0x45455246u  /* "FREE" */

/* Header size rounded so T's data is 16-byte aligned, as pool blocks are. */
#define WDKMP_DATA_OFFSET(HeaderType) ((sizeof(HeaderType) + 15) & ~(SIZE_T)15)

/* Allocates HeaderSize (rounded) + DataSize bytes of non-paged pool and copies
   Initial (DataSize bytes) after the header; a NULL Initial leaves T zeroed,
   as ExAllocatePool2 returns it. Returns NULL when the pool is exhausted. */
PVOID WdkmpAllocWithData(SIZE_T HeaderSize, SIZE_T DataSize, const VOID *Initial, ULONG Tag);

/* What a NULL or stale handle does in a VOID routine: what dereferencing it
   in a system thread does on Windows, an unhandled access violation (0x7E). */
DECLSPEC_NORETURN VOID WdkmpBadHandle(const VOID *Handle);

BOOLEAN WdkmpStrEqual(PCSTR A, PCSTR B);
SIZE_T WdkmpStrLen(PCSTR S);
BOOLEAN WdkmpTypeEqual(const WDKM_TYPE_INFO *A, PCSTR Name, SIZE_T Size);

