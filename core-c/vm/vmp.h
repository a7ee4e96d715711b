/*++
Module Name: vmp.h
Abstract: The VM's private structures: the loaded module, guest memory
          regions, per-thread interpreter state and the native bindings.
--*/
#pragma once
#include "vm.h"
#include <ntddk.h>
#include <wdkm.h>

#define VM_MAX_STACK 72           /* operand slots per call               */
#define VM_MAX_DEPTH 160          /* nested calls per thread: deeper is a kernel stack overflow */
#define VM_GUEST_STACK (128u * 1024) /* bytes of frames per thread        */
#define VM_SLACK 256              /* zeroed bytes after every region: native code may read a struct's tail */

/* Guest address space (x64 kernel addresses). */
#define VM_RODATA_BASE  0xFFFFF80100000000ull
#define VM_GLOBALS_BASE 0xFFFFF80110000000ull
#define VM_DRIVER_BASE  0xFFFFF80120000000ull   /* DRIVER_OBJECT, registry path, data imports, status names */
#define VM_STACK_BASE   0xFFFFD00000000000ull   /* + thread id * VM_STACK_STRIDE */
#define VM_STACK_STRIDE 0x0000000001000000ull
#define VM_FUNC_BASE    0xFFFFF80130000000ull   /* function references: base + index * 16 */

enum { K_VOID, K_I8, K_U8, K_I16, K_U16, K_I32, K_U32, K_I64, K_U64, K_PTR, K_FUNC, K_STR, K_COUNT };

typedef struct _VM_FUNC {
    ULONG CodeOffset, CodeLength, FrameSize;
    UCHAR RetKind, ParamCount;
    ULONG ParamOffset[32];
    UCHAR ParamKind[32];
    ULONG Line;
} VM_FUNC;

struct _VM_NATIVE;
typedef struct _VM_IMPORT {
    const struct _VM_NATIVE *Native;   /* NULL for a data import          */
    UCHAR RetKind, ParamCount, Variadic, IsData;
    ULONG DataOffset;                  /* data import: offset in the driver region */
} VM_IMPORT;

typedef struct _VM_REGION {
    ULONG64 Base;
    UCHAR *Host;
    ULONG64 Size;
    BOOLEAN Writable;
    BOOLEAN Shared;                    /* accesses are scheduling points  */
    ULONG64 Dirty;                     /* bytes from Base ever written: what a reuse must clear */
} VM_REGION;

struct _VM_MODULE {
    VM_FUNC *Funcs;
    ULONG FuncCount;
    VM_IMPORT *Imports;
    ULONG ImportCount;
    UCHAR *Code;
    ULONG CodeSize;
    ULONG *Locs;                       /* per code byte: EMU_LOC of its instruction */
    UCHAR *Rodata, *Globals;           /* initial images, relocations applied at run */
    ULONG RodataSize, GlobalsSize;
    ULONG RelocCount[2];
    struct { ULONG Offset; UCHAR Kind; ULONG Target; LONG Addend; } *Relocs[2];
    ULONG DriverEntry;
};

/* One call's registers: what its instructions read and change (interp.c). */
typedef struct _VM_REGS {
    const VM_FUNC *Func;
    struct _VM_THREAD *Thread;
    ULONG64 *S;                        /* operand stack                     */
    int Sp;
    ULONG Pc;
    ULONG64 Frame;                     /* guest address of the call's frame */
    ULONG64 Result;
    BOOLEAN Base;                      /* a system thread's start routine: VmCallThread */
    BOOLEAN PointDone;                 /* the instruction at Pc had its scheduling point */
    ULONG Points;                      /* base: scheduling points taken (BasePoint) */
} VM_REGS;

typedef struct _VM_THREAD {
    ULONG Tid;
    VM_REGION Stack;                   /* guest frames                     */
    ULONG64 Sp;                        /* next free guest stack byte        */
    ULONG Depth;                       /* nested interpreter calls          */
    /* The start routine's call lives here, not on the C stack, so that any
       thread's stack can carry it on (EmuVmSchedulePoint). */
    VM_REGS BaseRegs;
    ULONG64 BaseS[VM_MAX_STACK];
} VM_THREAD;

/* One native call: arguments as the guest passed them, normalised. */
typedef struct _VM_CALL {
    ULONG64 Args[24];
    UCHAR Kinds[24];                   /* variadic tail kinds               */
    ULONG Count;
    ULONG64 Ret;
} VM_CALL;

typedef VOID VM_THUNK(VM_CALL *Call);
typedef struct _VM_NATIVE {
    PCSTR Name;
    UCHAR Params;                      /* fixed parameter count            */
    BOOLEAN Wdkm;                      /* returns a WDKM_STATUS to trace   */
    VM_THUNK *Thunk;
} VM_NATIVE;

/* The state of the run in progress (one at a time, like the emulator). */
typedef struct _VM_STATE {
    VM_MODULE *Module;
    VM_REGION Rodata, Globals, Driver;
    VM_THREAD *Threads[EMU_MAX_THREADS + 1];   /* by thread id */
    ULONG ThreadMax;                   /* highest thread id with a VM_THREAD */
    ULONG64 StatusNames;               /* guest address of WdkmStatusName's strings */
    ULONG64 Boxes[4096];               /* 64-bit values passed through kernel PVOIDs */
    ULONG BoxCount;
    ULONG64 PendingSteps;              /* instructions not yet charged      */
    ULONG Pc;                          /* code offset of the instruction running */
    BOOLEAN KernelCallsOnly;           /* schedule only at kernel calls, instructions cost no time
                                          (to compare with the same driver compiled natively) */
    ULONG Loc;                         /* its source location               */
} VM_STATE;

extern VM_STATE VmS;

/* memory.c */
PVOID VmHost(ULONG64 Guest, ULONG64 Bytes, BOOLEAN Write);          /* checked; bug checks */
PVOID VmHostOrNull(ULONG64 Guest, ULONG64 Bytes, BOOLEAN Write);    /* NULL stays NULL */
PVOID VmHostAligned(ULONG64 Guest, ULONG64 Bytes, BOOLEAN Write);   /* and naturally aligned, or 0x7E */
PVOID VmHostAlignedNonNull(ULONG64 Guest, ULONG64 Bytes, BOOLEAN Write); /* and NULL faults */
PCSTR VmHostString(ULONG64 Guest);
ULONG VmKindBytes(UCHAR Kind);                                      /* a parameter's bytes in its frame */
const VOID *VmProbe(ULONG64 Guest, ULONG64 Bytes);                  /* NULL where it would fault */
PVOID VmHostObject(ULONG64 Guest);
VOID VmCopy(ULONG64 Dst, ULONG64 Src, ULONG Bytes);
VOID VmZero(ULONG64 Dst, ULONG Bytes);
VOID VmInstallGuestHook(VOID);
ULONG64 VmGuest(const VOID *Host);
BOOLEAN VmSharedAt(ULONG64 Guest);                                  /* an access there is a scheduling point */
/* A scenario's load or store, checked; Shared = VmSharedAt(Guest), its point
   taken here unless PointDone. */
ULONG64 VmLoadAt(ULONG64 Guest, ULONG Bytes, BOOLEAN Shared, BOOLEAN PointDone);
VOID VmStoreAt(ULONG64 Guest, ULONG Bytes, ULONG64 Value, BOOLEAN Shared, BOOLEAN PointDone);
VOID VmFlushSteps(VOID);
VM_THREAD *VmCurrentThread(VOID);
VOID VmRegionInit(VM_REGION *Region, ULONG64 Base, ULONG64 Size, BOOLEAN Writable, BOOLEAN Shared);
VOID VmRegionFree(VM_REGION *Region);
VOID VmStackInit(VM_REGION *Region, ULONG64 Base);
VOID VmStackFree(VM_REGION *Region);

/* interp.c */
ULONG64 VmCall(ULONG Func, const ULONG64 *Args, ULONG Count);
VOID VmCallThread(ULONG Func, const ULONG64 *Args, ULONG Count);   /* a system thread's start routine */
ULONG64 VmNormalise(ULONG64 Value, UCHAR Kind);

/* natives*.c */
const VM_NATIVE *VmFindNative(PCSTR Name, SIZE_T Length);
PVOID VmBox(ULONG64 Value);
ULONG64 VmUnbox(PVOID Host);

/* explore_report.c: the exploration's counts, witnesses, races and findings as JSON (malloc'd). */
CHAR *VmExploreJson(ULONG Cpus, BOOLEAN Complete);

/* format.c */
SIZE_T VmFormat(CHAR *Out, SIZE_T Size, PCSTR Format, const ULONG64 *Args, ULONG Count);

/* verify.c */
BOOLEAN VmVerify(VM_MODULE *Module, CHAR *Error, SIZE_T ErrorSize);
