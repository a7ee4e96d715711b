/* @title DPC with a spin lock @group IRQL @description A DPC at DISPATCH_LEVEL and a thread share a counter under a KSPIN_LOCK. */
/* @expect outcome=completed exit=0 print="shared = 11" */
#include <ntddk.h>

static KSPIN_LOCK Lock;
static KDPC Dpc;
static KEVENT DpcDone;
static ULONG Shared;

static VOID DpcRoutine(PKDPC Dpc, PVOID DeferredContext, PVOID SystemArgument1, PVOID SystemArgument2)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(SystemArgument1);
    UNREFERENCED_PARAMETER(SystemArgument2);
    ULONG add = *(ULONG *)DeferredContext;
    KeAcquireSpinLockAtDpcLevel(&Lock);
    Shared += add;
    KeReleaseSpinLockFromDpcLevel(&Lock);
    KeSetEvent(&DpcDone, IO_NO_INCREMENT, FALSE);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    static ULONG amount = 10;
    KIRQL old;

    KeInitializeSpinLock(&Lock);
    KeInitializeEvent(&DpcDone, NotificationEvent, FALSE);
    KeInitializeDpc(&Dpc, DpcRoutine, &amount);
    KeInsertQueueDpc(&Dpc, NULL, NULL);

    KeAcquireSpinLock(&Lock, &old);
    Shared += 1;
    KeReleaseSpinLock(&Lock, old);

    KeWaitForSingleObject(&DpcDone, Executive, KernelMode, FALSE, NULL);
    DbgPrint("shared = %lu\n", Shared);
    return STATUS_SUCCESS;
}
/* @explore outcomes=completed complete=true */
