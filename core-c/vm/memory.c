/*++
Module Name: memory.c
Abstract: The scenario's guest memory: its regions (rodata, globals, the
          driver object, one stack per thread), translation between guest and
          host addresses, and the checked loads and stores. Accesses to shared
          memory (globals and pool) are scheduling points, so unlocked
          read-modify-write races really happen.
--*/
#include "vmp.h"
#include <stdlib.h>
#include <string.h>

VM_STATE VmS;

#define VM_CODE_VA 0xFFFFF80150000000ull       /* instruction addresses in bug check parameters */
#define USER_LIMIT 0x0000800000000000ull

VOID VmRegionInit(VM_REGION *Region, ULONG64 Base, ULONG64 Size, BOOLEAN Writable, BOOLEAN Shared)
{
    Region->Base = Base;
    Region->Size = Size;
    Region->Writable = Writable;
    Region->Shared = Shared;
    Region->Host = (UCHAR *)calloc(1, (size_t)Size + VM_SLACK);
    if (Region->Host == NULL)
        abort();
}

/* Thread stacks are kept between runs (an explorer runs thousands), cleared
   up to where the last run used them, so every run starts on zeroed stacks. */
#define VM_STACK_CACHE 64
static UCHAR *StackCache[VM_STACK_CACHE];
static ULONG StackCached;

VOID VmStackInit(VM_REGION *Region, ULONG64 Base)
{
    if (StackCached == 0) {
        VmRegionInit(Region, Base, VM_GUEST_STACK, TRUE, FALSE);
        return;
    }
    Region->Base = Base;
    Region->Size = VM_GUEST_STACK;
    Region->Writable = TRUE;
    Region->Shared = FALSE;
    Region->Dirty = 0;
    Region->Host = StackCache[--StackCached];
}

VOID VmStackFree(VM_REGION *Region)
{
    if (Region->Host != NULL && StackCached < VM_STACK_CACHE) {
        memset(Region->Host, 0, (size_t)(Region->Dirty < Region->Size ? Region->Dirty : Region->Size));
        StackCache[StackCached++] = Region->Host;
        memset(Region, 0, sizeof(*Region));
        return;
    }
    VmRegionFree(Region);
}

VOID VmRegionFree(VM_REGION *Region)
{
    free(Region->Host);
    memset(Region, 0, sizeof(*Region));
}

static VM_REGION *RegionOf(ULONG64 Guest)
{
    if (Guest >= VmS.Rodata.Base && Guest - VmS.Rodata.Base < VmS.Rodata.Size)
        return &VmS.Rodata;
    if (Guest >= VmS.Globals.Base && Guest - VmS.Globals.Base < VmS.Globals.Size)
        return &VmS.Globals;
    if (Guest >= VmS.Driver.Base && Guest - VmS.Driver.Base < VmS.Driver.Size)
        return &VmS.Driver;
    if (Guest >= VM_STACK_BASE && Guest < VM_STACK_BASE + (EMU_MAX_THREADS + 1) * VM_STACK_STRIDE) {
        VM_THREAD *t = VmS.Threads[(Guest - VM_STACK_BASE) / VM_STACK_STRIDE];
        if (t != NULL && Guest - t->Stack.Base < t->Stack.Size)
            return &t->Stack;
    }
    return NULL;
}

/* Faults name the line of the instruction that made the access. */
static VOID Here(VOID)
{
    VmFlushSteps();
    EmuSetLocation(VmS.Module->Locs[VmS.Pc]);
}

static DECLSPEC_NORETURN VOID Fault(ULONG64 Guest, BOOLEAN Write)
{
    ULONG64 pc = VM_CODE_VA + VmS.Pc;
    KIRQL irql = KeGetCurrentIrql();
    Here();
    if (irql >= DISPATCH_LEVEL)                 /* any bad address at DISPATCH_LEVEL */
        EmuBugCheck(0xD1, Guest, irql, Write, pc);
    if (Guest < USER_LIMIT)                     /* NULL or a user address: an access violation */
        EmuBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, pc, 0, Guest);
    EmuBugCheck(0x50, Guest, Write, pc, 0);
}

PVOID VmHost(ULONG64 Guest, ULONG64 Bytes, BOOLEAN Write)
{
    VM_REGION *r = RegionOf(Guest);
    if (r != NULL) {
        if (Guest - r->Base + Bytes > r->Size)
            Fault(Guest + Bytes - 1 < Guest ? Guest : r->Base + r->Size, Write);
        if (Write && !r->Writable) {
            Here();
            EmuBugCheck(0xBE, Guest, 0, VM_CODE_VA + VmS.Pc, 0xA);
        }
        if (Write && Guest - r->Base + Bytes > r->Dirty)
            r->Dirty = Guest - r->Base + Bytes;
        return r->Host + (Guest - r->Base);
    }
    if (Guest >= 0xFFFFA88000000000ull && Guest < 0xFFFFA88100000000ull) {
        if (!EmuPoolContains(EmuPoolHostRaw(Guest), (SIZE_T)Bytes))
            Here();
        return EmuPoolHostAddress(Guest, (SIZE_T)Bytes, Write);   /* bug checks unless live */
    }
    Fault(Guest, Write);
    return NULL;
}

/* The host address of Bytes readable guest bytes, or NULL where reading them
   would fault; never bug checks (callers that cannot fault, such as the
   formatter's argument sources, probe first and fault afterwards). */
const VOID *VmProbe(ULONG64 Guest, ULONG64 Bytes)
{
    VM_REGION *r = RegionOf(Guest);
    PVOID raw;
    if (r != NULL)
        return Guest - r->Base + Bytes <= r->Size ? r->Host + (Guest - r->Base) : NULL;
    raw = EmuPoolHostRaw(Guest);
    return raw != NULL && EmuPoolContains(raw, (SIZE_T)Bytes) ? raw : NULL;
}

PVOID VmHostOrNull(ULONG64 Guest, ULONG64 Bytes, BOOLEAN Write)
{
    return Guest == 0 ? NULL : VmHost(Guest, Bytes, Write);
}

/* A pointer the kernel routine dereferences whatever it is: NULL is an
   access violation there (0x7E, or 0xD1 at DISPATCH_LEVEL), not a host crash. */
PVOID VmHostAlignedNonNull(ULONG64 Guest, ULONG64 Bytes, BOOLEAN Write)
{
    PVOID host = VmHostAligned(Guest, Bytes, Write);
    return host != NULL ? host : VmHost(Guest, Bytes, Write);
}

/* A kernel object or a value the kernel reads as a whole (a spin lock, a
   LONG, a pointer-sized out-parameter) must be naturally aligned: the
   emulator reads it as the C type it is. A misaligned one is bug check 0x7E
   with STATUS_DATATYPE_MISALIGNMENT, as an alignment fault would raise. */
PVOID VmHostAligned(ULONG64 Guest, ULONG64 Bytes, BOOLEAN Write)
{
    ULONG64 align = Bytes >= 8 ? 8 : Bytes >= 4 ? 4 : Bytes >= 2 ? 2 : 1;
    if ((Guest & (align - 1)) != 0) {
        Here();
        EmuBugCheck(0x7E, 0x80000002ull, VM_CODE_VA + VmS.Pc, 0, Guest);
    }
    return VmHostOrNull(Guest, Bytes, Write);
}

/* An opaque kernel pointer (a thread object) the kernel handed out before,
   or any pointer into guest memory. */
PVOID VmHostObject(ULONG64 Guest)
{
    PVOID host = EmuStandInHost(Guest);
    return host != NULL ? host : VmHostAligned(Guest, 8, FALSE);
}

PCSTR VmHostString(ULONG64 Guest)
{
    const CHAR *s = (const CHAR *)VmHost(Guest, 1, FALSE);
    ULONG64 n = 0;
    /* The string must end inside its region or pool block. */
    while (s[n] != '\0') {
        n++;
        VmHost(Guest + n, 1, FALSE);
    }
    return s;
}

static ULONG64 GuestHook(const VOID *Host)
{
    const UCHAR *h = (const UCHAR *)Host;
    VM_REGION *regions[3] = { &VmS.Rodata, &VmS.Globals, &VmS.Driver };
    ULONG i;
    for (i = 0; i < 3; i++)
        if (regions[i]->Host != NULL && h >= regions[i]->Host && h < regions[i]->Host + regions[i]->Size)
            return regions[i]->Base + (ULONG64)(h - regions[i]->Host);
    for (i = 0; i <= VmS.ThreadMax && i <= EMU_MAX_THREADS; i++) {
        VM_THREAD *t = VmS.Threads[i];
        if (t != NULL && h >= t->Stack.Host && h < t->Stack.Host + t->Stack.Size)
            return t->Stack.Base + (ULONG64)(h - t->Stack.Host);
    }
    return 0;
}

VOID VmInstallGuestHook(VOID)
{
    EmuSetGuestAddressHook(GuestHook);
}

ULONG64 VmGuest(const VOID *Host)
{
    return EmuGuestAddress(Host);
}

VOID VmFlushSteps(VOID)
{
    if (VmS.PendingSteps != 0) {
        ULONG64 n = VmS.PendingSteps;
        VmS.PendingSteps = 0;
        EmuChargeSteps(n, VmS.KernelCallsOnly ? 0 : n);   /* 1 ns of virtual time per instruction */
    }
}

BOOLEAN VmSharedAt(ULONG64 Guest)
{
    VM_REGION *r = RegionOf(Guest);
    return (r == NULL || r->Shared) && !VmS.KernelCallsOnly;
}

/* A load or store the scenario makes: checked, and a scheduling point when
   the memory is shared (Shared: VmSharedAt, as the caller found it), unless
   the caller took it already (PointDone). */
static PVOID AccessAt(ULONG64 Guest, ULONG Bytes, BOOLEAN Write, BOOLEAN Shared, BOOLEAN PointDone)
{
    if (Shared) {
        if (!PointDone) {
            VmFlushSteps();
            EmuSetLocation(VmS.Module->Locs[VmS.Pc]);
            EmuSchedulePoint(2);
        }
        EmuExploreAccess(Guest, Bytes, Write);
    }
    return VmHost(Guest, Bytes, Write);
}

static PVOID Access(ULONG64 Guest, ULONG Bytes, BOOLEAN Write)
{
    return AccessAt(Guest, Bytes, Write, VmSharedAt(Guest), FALSE);
}

ULONG64 VmLoadAt(ULONG64 Guest, ULONG Bytes, BOOLEAN Shared, BOOLEAN PointDone)
{
    const UCHAR *p = (const UCHAR *)AccessAt(Guest, Bytes, FALSE, Shared, PointDone);
    ULONG64 v = 0;
    ULONG i;
    for (i = 0; i < Bytes; i++)
        v |= (ULONG64)p[i] << (8 * i);
    return v;
}

VOID VmStoreAt(ULONG64 Guest, ULONG Bytes, ULONG64 Value, BOOLEAN Shared, BOOLEAN PointDone)
{
    UCHAR *p = (UCHAR *)AccessAt(Guest, Bytes, TRUE, Shared, PointDone);
    ULONG i;
    for (i = 0; i < Bytes; i++)
        p[i] = (UCHAR)(Value >> (8 * i));
}


VOID VmCopy(ULONG64 Dst, ULONG64 Src, ULONG Bytes)
{
    UCHAR *d;
    const UCHAR *s;
    if (Bytes == 0)
        return;
    s = (const UCHAR *)Access(Src, Bytes, FALSE);
    d = (UCHAR *)Access(Dst, Bytes, TRUE);
    memmove(d, s, Bytes);
}

VOID VmZero(ULONG64 Dst, ULONG Bytes)
{
    if (Bytes != 0)
        memset(Access(Dst, Bytes, TRUE), 0, Bytes);
}
