// Templates: src/mingw/, what the mingw-w64 build adds to the WDK sources.
// The compat header is forced in by the Makefile (-include) and never seen
// by Visual Studio, whose WDK headers declare all of it. The .def lists the
// kernel exports mingw-w64's import libraries lack; the generator fills it
// from driver/later-exports.json, the one list of such exports.

export const compatHeaderTemplate = String.raw`/*++
Module Name: wdkm_mingw_compat.h
Abstract: What the WDK declares and mingw-w64 (10.x) does not, for the
          mingw build. The Makefile forces it into every file with -include;
          Visual Studio never sees it. The same in every exported project.
Environment: Kernel mode, mingw-w64 only.
--*/
/* An include guard, not #pragma once: the Makefile also compiles this
   header on its own, as a precompiled header. */
#ifndef WDKM_MINGW_COMPAT_H
#define WDKM_MINGW_COMPAT_H
#if !defined(__MINGW32__)
#error "wdkm_mingw_compat.h is for mingw-w64 builds; the WDK declares all of this"
#endif
#include <ntddk.h>

/* ExAllocatePool2 and its flags came with Windows 10 version 2004 (WDK
   10.0.19041). The values are the WDK's (wdm.h). A newer mingw-w64 that
   declares them wins: this block is skipped. */
#ifndef POOL_FLAG_NON_PAGED
typedef ULONG64 POOL_FLAGS;

#define POOL_FLAG_USE_QUOTA         0x0000000000000001ULL /* charge the process   */
#define POOL_FLAG_UNINITIALIZED     0x0000000000000002ULL /* skip the zeroing     */
#define POOL_FLAG_SESSION           0x0000000000000004ULL /* session pool         */
#define POOL_FLAG_CACHE_ALIGNED     0x0000000000000008ULL /* cache-line aligned   */
#define POOL_FLAG_RAISE_ON_FAILURE  0x0000000000000020ULL /* raise, not NULL      */
#define POOL_FLAG_NON_PAGED         0x0000000000000040ULL /* non-paged, NX        */
#define POOL_FLAG_NON_PAGED_EXECUTE 0x0000000000000080ULL /* non-paged, X         */
#define POOL_FLAG_PAGED             0x0000000000000100ULL /* paged                */

/* Zeroed memory unless POOL_FLAG_UNINITIALIZED; NULL on failure. Imported
   through src/mingw/ntoskrnl_extra.def. */
NTKERNELAPI PVOID NTAPI ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag);
#endif

/* Exported since Windows Vista and in libntoskrnl.a, but not declared by
   mingw-w64's headers (the WDK declares them FASTCALL, which x64 ignores). */
NTKERNELAPI VOID ExEnterCriticalRegionAndAcquireFastMutexUnsafe(PFAST_MUTEX FastMutex);
NTKERNELAPI VOID ExReleaseFastMutexUnsafeAndLeaveCriticalRegion(PFAST_MUTEX FastMutex);
#endif /* WDKM_MINGW_COMPAT_H */
`;

export const extraDefTemplate = String.raw`; ntoskrnl_extra.def: kernel exports that mingw-w64's libntoskrnl.a lacks.
; The Makefile turns this into build/libntoskrnl_extra.a with dlltool.
; Each line names the Windows version that first exported the routine; the
; driver does not load on an older one.
LIBRARY ntoskrnl.exe
EXPORTS
{{exports}}
`;

/** One EXPORTS line of the .def; values are identifiers and version text. */
export const extraDefLine = String.raw`    {{name}} ; {{addedIn}}`;
