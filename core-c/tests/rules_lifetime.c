/*++
Module Name: rules_lifetime.c
Abstract: Rules about what outlives its owner or its memory: returning from
          DriverEntry or the unload routine still owning a mutex or inside a
          region (KM-14, CR-6), freed objects and pool (BC-39, BC-6), a DPC
          that ends the thread it interrupted (BC-36), and a lock released by
          another thread (DV-6), with their bug checks' parameters.
--*/
#include "harness.h"

#define STANDIN_LOW 0xFFFFF80140000000ull   /* the emulator's stand-in addresses start here */

static KMUTEX M;
static KEVENT E, E2;
static FAST_MUTEX F;
static KDPC D;
static ULONG64 Where;

/* KM-14, CR-6, BC-20: DriverEntry (or the unload routine) returns owning a
   KMUTEX or inside a critical region. */
static ULONG ReturnMode;

static VOID UnloadInRegion(PDRIVER_OBJECT Dr)
{
    (VOID)Dr;
    KeEnterGuardedRegion();
}

static NTSTATUS ReturnOwningEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)P;
    KeInitializeMutex(&M, 0);
    if (ReturnMode == 0)
        KeWaitForSingleObject(&M, Executive, KernelMode, FALSE, NULL);
    else if (ReturnMode == 1)
        KeEnterCriticalRegion();
    else
        Dr->DriverUnload = UnloadInRegion;
    return STATUS_SUCCESS;
}

void TestKM14ReturnOwningMutex(void)
{
    ReturnMode = 0;
    CHECK_EQ(Run(ReturnOwningEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0xC5);
    CHECK(BugcheckParam(1) != 0);                                     /* the routine */
    CHECK_EQ(BugcheckParam(2), 0xFFFF);                               /* KernelApcDisable -1 */
    CHECK_EQ(BugcheckParam(3), 0);
    CHECK(!EmuResult()->EntryReturned);
}

void TestCR6ReturnInRegion(void)
{
    ReturnMode = 1;
    CHECK_EQ(Run(ReturnOwningEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0xC5);
    CHECK_EQ(BugcheckParam(2), 0xFFFF);
    ReturnMode = 2;
    CHECK_EQ(Run(ReturnOwningEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0xC5);
    CHECK_EQ(BugcheckParam(2), 0xFFFF0000);                           /* SpecialApcDisable -1 */
    CHECK(EmuResult()->EntryReturned);
}

/* BC-39: a freed kernel object passed to a kernel routine is a use after free. */
static NTSTATUS FreedObjectEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    PKMUTEX m;
    (VOID)Dr; (VOID)P;
    m = (PKMUTEX)ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(KMUTEX), 'xtuM');
    Where = EmuPoolGuestAddress(m);
    KeInitializeMutex(m, 0);
    ExFreePoolWithTag(m, 'xtuM');
    KeReadStateMutex(m);
    return STATUS_SUCCESS;
}

/* ... and the Grt's reader: the crate's re-register frees the mutex Get gave out. */
static NTSTATUS GrtReaderEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    WDKM_KMUTEX *k;
    ULONG one = 1;
    (VOID)Dr; (VOID)P;
    WdkmGrtInit();
    WdkmGrtRegisterKMutex("counter", WDKM_TYPE(ULONG), &one);
    WdkmGrtGetKMutex("counter", WDKM_TYPE(ULONG), &k);
    Where = EmuPoolGuestAddress(k);
    WdkmGrtRegisterKMutex("counter", WDKM_TYPE(ULONG), &one);        /* frees k */
    KeWaitForSingleObject((PKMUTEX)k, Executive, KernelMode, FALSE, NULL);   /* the KMUTEX is k's first field */
    return STATUS_SUCCESS;
}

void TestBC39FreedObject(void)
{
    CHECK_EQ(Run(FreedObjectEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xD5);
    CHECK_EQ(BugcheckParam(0), Where);
    CHECK_EQ(Run(GrtReaderEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xD5);
    CHECK_EQ(BugcheckParam(0), Where);
}

/* BC-6: the double free's p3 is the pool header, p4 its contents (tag, block size). */
static NTSTATUS DoubleFreeEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    PVOID a;
    (VOID)Dr; (VOID)P;
    a = ExAllocatePool2(POOL_FLAG_NON_PAGED, 40, 'elbD');
    Where = EmuPoolGuestAddress(a);
    ExFreePoolWithTag(a, 'elbD');
    ExFreePoolWithTag(a, 'elbD');
    return STATUS_SUCCESS;
}

void TestBC6DoubleFreeHeader(void)
{
    CHECK_EQ(Run(DoubleFreeEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckParam(0), 0x13);
    CHECK_EQ(BugcheckParam(2), Where - 16);
    CHECK_EQ(BugcheckParam(3), ((ULONG64)'elbD' << 32) | (4u << 16));  /* 16 + 40 bytes = 4 blocks */
}

/* BC-36: a DPC routine that ends the thread it interrupted tries to switch. */
static VOID TerminatingDpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
    (VOID)Dpc; (VOID)Context; (VOID)A1; (VOID)A2;
    PsTerminateSystemThread(STATUS_SUCCESS);
}

static NTSTATUS TerminateInDpcEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    (VOID)Dr; (VOID)P;
    KeInitializeDpc(&D, TerminatingDpc, NULL);
    KeInsertQueueDpc(&D, NULL, NULL);
    return STATUS_SUCCESS;
}

void TestBC36SwitchFromDpc(void)
{
    CHECK_EQ(Run(TerminateInDpcEntry), EmuOutcomeBugcheck);
    CHECK_EQ(BugcheckCode(), 0xB8);
    CHECK(BugcheckParam(0) >= STANDIN_LOW);                           /* the original thread */
    CHECK(BugcheckParam(2) >= STANDIN_LOW && BugcheckParam(2) != BugcheckParam(0));   /* its stack */
    CHECK_EQ(BugcheckParam(3), 0);
}

/* DV-6: 0x1004's p2 and p3 are the acquiring and the current thread, not ids. */
static PKTHREAD Acquirer;

static VOID TakeAndKeep(PVOID C)
{
    (VOID)C;
    Acquirer = KeGetCurrentThread();
    ExAcquireFastMutex(&F);
    KeSetEvent(&E, 0, FALSE);
    KeWaitForSingleObject(&E2, Executive, KernelMode, FALSE, NULL);
    ExReleaseFastMutex(&F);
}

static NTSTATUS OtherReleaseEntry(PDRIVER_OBJECT Dr, PUNICODE_STRING P)
{
    HANDLE h;
    KIRQL old;
    (VOID)Dr; (VOID)P;
    ExInitializeFastMutex(&F);
    KeInitializeEvent(&E, NotificationEvent, FALSE);
    KeInitializeEvent(&E2, NotificationEvent, FALSE);
    h = StartThread(TakeAndKeep, NULL);
    KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL);
    Where = EmuGuestAddress(KeGetCurrentThread());
    KeRaiseIrql(APC_LEVEL, &old);
    ExReleaseFastMutex(&F);                                           /* not ours */
    KeSetEvent(&E2, 0, FALSE);
    JoinThreads(&h, 1);
    return STATUS_SUCCESS;
}

void TestDV6ReleaseByAnotherThread(void)
{
    const EMU_FINDING *f;
    Run(OtherReleaseEntry);
    CHECK((f = Finding(0x1004)) != NULL);
    if (f != NULL) {
        CHECK_EQ(f->Params[0], EmuGuestAddress(&F));
        CHECK_EQ(f->Params[1], EmuGuestAddress(Acquirer));
        CHECK_EQ(f->Params[2], Where);
    }
}
