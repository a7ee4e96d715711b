#include <ntddk.h>

static KSPIN_LOCK Lock;
static KDPC Dpc;
static KEVENT DpcDone;
static ULONG Shared;
static KIRQL InDpc, InThread;

static VOID DpcRoutine(PKDPC Dpc, PVOID DeferredContext, PVOID SystemArgument1, PVOID SystemArgument2)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(DeferredContext);
    UNREFERENCED_PARAMETER(SystemArgument1);
    UNREFERENCED_PARAMETER(SystemArgument2);
    KeAcquireSpinLockAtDpcLevel(&Lock);      /* already at DISPATCH_LEVEL */
    InDpc = KeGetCurrentIrql();
    Shared += 10;
    KeReleaseSpinLockFromDpcLevel(&Lock);
    KeSetEvent(&DpcDone, IO_NO_INCREMENT, FALSE);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    KIRQL old;
    KeInitializeSpinLock(&Lock);
    KeInitializeEvent(&DpcDone, NotificationEvent, FALSE);
    KeInitializeDpc(&Dpc, DpcRoutine, NULL);
    KeInsertQueueDpc(&Dpc, NULL, NULL);

    KeAcquireSpinLock(&Lock, &old);          /* raises to DISPATCH_LEVEL */
    InThread = KeGetCurrentIrql();
    Shared += 1;
    KeReleaseSpinLock(&Lock, old);

    KeWaitForSingleObject(&DpcDone, Executive, KernelMode, FALSE, NULL);
    DbgPrint("shared = %lu, IRQL under the lock: thread %u, DPC %u\n", Shared, InThread, InDpc);
    return STATUS_SUCCESS;
}
