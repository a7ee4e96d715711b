/*++
Module Name: pool.c
Abstract: Non-paged pool (POOL-n) with tags and Verifier's pool tracking.
          Blocks come from one arena by a bump pointer and are never reused,
          so every block has a fixed guest address in the x64 system range,
          the same in every build, and a use after free is always caught.
--*/
#include "emup.h"
#include <stdlib.h>
#include <string.h>

#define POOL_BASE 0xFFFFA88000000000ull
#define POOL_ARENA (32u << 20)
#define POOL_ALIGN 16u
#define POOL_CLEAN_SLACK 4096u      /* zeroed bytes past the last block, for native reads of a tail */
#define POOL_FLAG_TYPES (POOL_FLAG_NON_PAGED | POOL_FLAG_NON_PAGED_EXECUTE | POOL_FLAG_PAGED)

static UCHAR *ArenaAlloc;              /* kept across machines: WASM memory never shrinks */
static UCHAR *Arena;                   /* ArenaAlloc aligned to 16 bytes, as pool is */
static ULONG64 ArenaDirty;             /* bytes handed out since the arena was last zeroed */
static ULONG64 ArenaZeroed;            /* bytes from the start ever zeroed: the rest is as malloc left it */

/* Zeroes fresh arena up to End the first time a block reaches it: a calloc of
   the whole arena costs about 100 ms in WebAssembly, on the first run. */
static VOID ZeroFresh(ULONG64 End)
{
    End = End + POOL_CLEAN_SLACK > POOL_ARENA ? POOL_ARENA : End + POOL_CLEAN_SLACK;
    if (End > ArenaZeroed) {
        memset(Arena + ArenaZeroed, 0, (size_t)(End - ArenaZeroed));
        ArenaZeroed = End;
    }
}

VOID EmupPoolReset(VOID)
{
    if (Arena == NULL) {
        ArenaAlloc = (UCHAR *)malloc(POOL_ARENA + POOL_ALIGN);
        if (ArenaAlloc == NULL)
            abort();
        Arena = (UCHAR *)(((ULONG_PTR)ArenaAlloc + POOL_ALIGN - 1) & ~(ULONG_PTR)(POOL_ALIGN - 1));
    }
    else if (ArenaDirty != 0)
        memset(Arena, 0, (size_t)ArenaDirty);
    ArenaDirty = 0;
}

static EMU_POOL_BLOCK *FindVa(ULONG64 Va)
{
    ULONG lo = 0, hi = EmupM->BlockCount;
    while (lo < hi) {
        ULONG mid = (lo + hi) / 2;
        EMU_POOL_BLOCK *b = &EmupM->Blocks[mid];
        if (Va < b->Va)
            hi = mid;
        else if (Va >= b->Va + (b->Size ? b->Size : 1))
            lo = mid + 1;
        else
            return b;
    }
    return NULL;
}

EMU_POOL_BLOCK *EmupPoolBlockOf(const VOID *Host)
{
    const UCHAR *p = (const UCHAR *)Host;
    if (EmupM == NULL || Arena == NULL || p < Arena || p >= Arena + POOL_ARENA)
        return NULL;
    return FindVa(POOL_BASE + (ULONG64)(p - Arena));
}

ULONG64 EmuPoolGuestAddress(const VOID *Host)
{
    const UCHAR *p = (const UCHAR *)Host;
    if (Arena == NULL || p < Arena || p >= Arena + POOL_ARENA)
        return 0;
    return POOL_BASE + (ULONG64)(p - Arena);
}

/* Where the pool block holding Va was allocated (0 when none does), for
   naming a data race's memory in the user's words. */
ULONG EmupPoolAllocLoc(ULONG64 Va, ULONG *Offset)
{
    EMU_POOL_BLOCK *b = EmupM != NULL && Va >= POOL_BASE ? FindVa(Va) : NULL;
    if (b == NULL)
        return 0;
    *Offset = (ULONG)(Va - b->Va);
    return b->Loc;
}

BOOLEAN EmuPoolContains(const VOID *Host, SIZE_T Bytes)
{
    EMU_POOL_BLOCK *b = EmupPoolBlockOf(Host);
    ULONG64 va = EmuPoolGuestAddress(Host);
    return b != NULL && b->Live && va + Bytes <= b->Va + b->Size;
}

PVOID EmuPoolHostRaw(ULONG64 Guest)
{
    if (Arena == NULL || Guest < POOL_BASE || Guest - POOL_BASE >= POOL_ARENA)
        return NULL;
    return Arena + (Guest - POOL_BASE);
}

PVOID EmuPoolHostAddress(ULONG64 Guest, SIZE_T Bytes, BOOLEAN Write)
{
    EMU_POOL_BLOCK *b = Guest >= POOL_BASE ? FindVa(Guest) : NULL;
    ULONG irql = EmupCurrent() ? EmupCurrent()->Irql : 0;
    if (b == NULL || Guest + Bytes > b->Va + b->Size) {
        /* Past the block or never pool: special pool's page fault. */
        if (irql >= DISPATCH_LEVEL)
            EmupBugCheck(0xD1, Guest, irql, Write, 0);
        EmupBugCheck(0x50, Guest, Write, 0, 0);
    }
    if (!b->Live)
        EmupBugCheck(0xD5, Guest, Write, 0, 0);                       /* POOL-7: freed special pool */
    if ((b->Flags & POOL_FLAG_PAGED) && irql >= DISPATCH_LEVEL)       /* IRQL-7: Verifier forces IRQL checking */
        EmupBugCheck(0xD1, Guest, irql, Write, 0);
    return Arena + (Guest - POOL_BASE);
}

static BOOLEAN TagValid(ULONG Tag)
{
    ULONG i;
    if (Tag == 0)
        return FALSE;
    for (i = 0; i < 4; i++) {
        UCHAR c = (UCHAR)(Tag >> (8 * i));
        if (c != 0 && (c < 0x20 || c > 0x7E))
            return FALSE;
    }
    return TRUE;
}

static PVOID Allocate(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag)
{
    EMU_THREAD *t = EmupCurrent();
    POOL_FLAGS type = Flags & POOL_FLAG_TYPES;
    ULONG64 size = NumberOfBytes, offset;
    EMU_POOL_BLOCK *b;

    if (type != POOL_FLAG_NON_PAGED && type != POOL_FLAG_NON_PAGED_EXECUTE && type != POOL_FLAG_PAGED)
        return NULL;                                                  /* POOL-1: exactly one pool type */
    if (type == POOL_FLAG_PAGED && t->Irql > APC_LEVEL)               /* POOL-5 */
        EmupBugCheck(0xC4, 0x01, t->Irql, 1, size);
    if (type != POOL_FLAG_PAGED && t->Irql > DISPATCH_LEVEL)
        EmupBugCheck(0xC4, 0x02, t->Irql, 0, size);
    if (size == 0)                                                    /* POOL-4 */
        EmupBugCheck(0xC4, 0x00, t->Irql, type == POOL_FLAG_PAGED, 0);
    if (!TagValid(Tag))                                               /* POOL-2, POOL-3 */
        return NULL;
    EmupM->AllocCount++;
    offset = (EmupM->PoolUsed + POOL_ALIGN - 1) & ~(ULONG64)(POOL_ALIGN - 1);
    if ((EmupM->Config.FailAllocNth != 0 && EmupM->AllocCount == EmupM->Config.FailAllocNth) ||
        size > POOL_ARENA || offset + size > POOL_ARENA) {
        if (Flags & POOL_FLAG_RAISE_ON_FAILURE)
            EmupRaise(STATUS_INSUFFICIENT_RESOURCES);
        return NULL;
    }
    if (EmupM->BlockCount == EmupM->BlockCap) {
        ULONG cap = EmupM->BlockCap ? EmupM->BlockCap * 2 : 256;
        EMU_POOL_BLOCK *grown = (EMU_POOL_BLOCK *)realloc(EmupM->Blocks, cap * sizeof(*grown));
        if (grown == NULL)
            return NULL;
        EmupM->Blocks = grown;
        EmupM->BlockCap = cap;
    }
    EmupM->PoolUsed = offset + size;
    ZeroFresh(EmupM->PoolUsed);
    if (EmupM->PoolUsed > ArenaDirty)
        ArenaDirty = EmupM->PoolUsed;
    b = &EmupM->Blocks[EmupM->BlockCount++];
    memset(b, 0, sizeof(*b));
    b->Va = POOL_BASE + offset;
    b->Size = size;
    b->Tag = Tag;
    b->Loc = t->Loc;
    b->Id = EmupM->BlockCount;
    b->Flags = (ULONG)Flags;
    b->Live = TRUE;
    /* POOL-1: zeroed unless asked otherwise; uninitialised memory gets a pattern. */
    memset(Arena + offset, (Flags & POOL_FLAG_UNINITIALIZED) ? 0xCD : 0, (size_t)size);
    EmupTraceEx(EMU_EV_POOL_ALLOC, EmupNow(), EMUP_CPU_OF(t), t, b->Id, b->Size, b->Tag, t->Loc, NULL, 0);
    return Arena + offset;
}

PVOID ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag)
{
    EmupCheckWaitNext("ExAllocatePool2");
    EmupSchedPoint(EMU_COST_POOL);
    EMUP_X(EmupXPseudo(EMU_X_POOL));
    return Allocate(Flags, NumberOfBytes, Tag);
}

/* The older routine: a POOL_TYPE (odd values are paged pool), memory not
   zeroed, and a zero tag is a bug check rather than NULL (POOL-2). */
PVOID ExAllocatePoolWithTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    POOL_FLAGS type = ((ULONG)PoolType & 1) ? POOL_FLAG_PAGED : POOL_FLAG_NON_PAGED;
    EmupCheckWaitNext("ExAllocatePoolWithTag");
    EmupSchedPoint(EMU_COST_POOL);
    EMUP_X(EmupXPseudo(EMU_X_POOL));
    if (Tag == 0)
        EmupBugCheck(0xC2, 0x9B, (ULONG64)PoolType, NumberOfBytes, 0);
    return Allocate(type | POOL_FLAG_UNINITIALIZED, NumberOfBytes, Tag);
}

/* Objects living in a block that is freed: Verifier's checks (BC-7, DV-11). */
static VOID FreeObjectsIn(EMU_POOL_BLOCK *B)
{
    ULONG i;
    for (i = 0; i < EmupM->ObjectCount; i++) {
        EMU_OBJECT *o = EmupM->Objects[i];
        ULONG64 va = EmuPoolGuestAddress(o->Address);
        if (o->Deleted || va < B->Va || va >= B->Va + B->Size)
            continue;
        if (o->Type == EMU_OBJ_RESOURCE)
            EmupBugCheck(0xC4, 0xD2, va, B->Va, B->Size);
        if (EmupKTimerActive(o))                                      /* BC-7: a timer still set */
            EmupBugCheck(0xC4, 0x15, va, B->Va, B->Size);
        EmupVerifierObjectFreed(o);
        o->Deleted = TRUE;
    }
}

static VOID Free(PVOID P, ULONG Tag, BOOLEAN CheckTag)
{
    EMU_THREAD *t = EmupCurrent();
    ULONG64 va = EmuPoolGuestAddress(P);
    EMU_POOL_BLOCK *b = va ? FindVa(va) : NULL;

    EmupCheckWaitNext("ExFreePool");
    EmupSchedPoint(EMU_COST_POOL);
    if (b == NULL || b->Va != va)                                     /* POOL-6, BC-4 */
        EmupBugCheck(0xC4, 0x10, EmuGuestAddress(P), 0, 0);
    if (!b->Live)                                                     /* BC-6: double free */
        EmupBugCheck(0xC4, 0x13, 0, va - 16, ((ULONG64)b->Tag << 32) | ((((b->Size + 31) / 16) & 0xFF) << 16));
    if (t->Irql > ((b->Flags & POOL_FLAG_PAGED) ? APC_LEVEL : DISPATCH_LEVEL))
        EmupBugCheck(0xC4, (b->Flags & POOL_FLAG_PAGED) ? 0x11 : 0x12, t->Irql, (b->Flags & POOL_FLAG_PAGED) != 0, va);
    if (CheckTag && Tag != b->Tag)                                    /* BC-47: wrong tag */
        EmupBugCheck(0xC2, 0x0A, va, b->Tag, Tag);
    if (b->HasObjects)
        FreeObjectsIn(b);
    /* A free writes the whole block: any access to it is ordered against it. */
    EMUP_X(EmupXMemory(b->Va, (ULONG)b->Size, TRUE, FALSE));
    EMUP_X(EmupXPseudo(EMU_X_POOL));
    b->Live = FALSE;
    memset(P, 0xFE, (size_t)b->Size);
    EmupTraceEx(EMU_EV_POOL_FREE, EmupNow(), EMUP_CPU_OF(t), t, b->Id, b->Size, b->Tag, EMUP_LOC_OF(t), NULL, 0);
}

/* A kernel routine was given an object it does not know. Inside a freed pool
   block it is a use after free, which special pool catches as 0xD5 (BC-39) at
   the caller's line, whoever the caller is (a scenario or the wdkm core);
   anywhere else the object was never initialised (DV-4). */
VOID EmupUnknownObject(PVOID Object)
{
    EMU_POOL_BLOCK *b = EmupPoolBlockOf(Object);
    if (b != NULL && !b->Live)
        EmupBugCheck(0xD5, EmuPoolGuestAddress(Object), 0, 0, 0);
    EmupBugCheck(0xC4, 0x1002, EmuGuestAddress(Object), 0, 0);
}

/* BC-24: Verifier wants synchronization objects resident: one in paged pool
   is 0xC4/0xE1 when it is initialised (or first used, for a spin lock). */
VOID EmupCheckResident(PVOID Object)
{
    EMU_POOL_BLOCK *b = EmupPoolBlockOf(Object);
    if (b != NULL && b->Live && (b->Flags & POOL_FLAG_PAGED))
        EmupBugCheck(0xC4, 0xE1, EmuPoolGuestAddress(Object), 0, 0);
}

VOID ExFreePoolWithTag(PVOID P, ULONG Tag)
{
    Free(P, Tag, TRUE);
}

VOID ExFreePool(PVOID P)
{
    Free(P, 0, FALSE);
}

VOID EmupPoolReportLeaks(VOID)
{
    ULONG i, n = 0;
    for (i = 0; i < EmupM->BlockCount; i++)
        n += EmupM->Blocks[i].Live;
    if (n == 0)
        return;
    EmupM->Leaks = (EMU_LEAK *)calloc(n, sizeof(EMU_LEAK));
    if (EmupM->Leaks == NULL)
        return;
    for (i = 0; i < EmupM->BlockCount; i++) {
        EMU_POOL_BLOCK *b = &EmupM->Blocks[i];
        EMU_LEAK *l;
        if (!b->Live)
            continue;
        l = &EmupM->Leaks[EmupM->LeakCount++];
        l->Tag = b->Tag;
        l->Bytes = b->Size;
        l->Loc = b->Loc;
        l->Address = b->Va;
        EmupTraceEx(EMU_EV_LEAK, EmupNow(), EMUP_CPU_OF(EmupCurrent()), EmupCurrent(), b->Id, b->Size, b->Tag, b->Loc, NULL, 0);
    }
    if (EmupM->Config.LeaksFatal) {                                   /* POOL-8 */
        EMU_RESULT *r = &EmupM->Result;
        r->Outcome = EmuOutcomeBugcheck;
        r->BugcheckCode = 0xC4;
        r->BugcheckParams[0] = 0x62;
        r->BugcheckParams[1] = 0;
        r->BugcheckParams[2] = 0;
        r->BugcheckParams[3] = EmupM->LeakCount;
    }
}
