/* @title Periodic timer and a queued spin lock @group IRQL @description A KTIMER fires every millisecond; its DPC and two threads add to one counter under an in-stack queued spin lock, which hands the lock over in the order it was asked for. */
/* @expect outcome=completed exit=0 print="ticks = 3" print="total = 203" */
#include <ntddk.h>

static KTIMER Timer;
static KDPC TickDpc;
static KEVENT ThreeTicks;
static KSPIN_LOCK Lock;
static ULONG Ticks;
static ULONG Total;

static VOID OnTick(PKDPC Dpc, PVOID DeferredContext, PVOID SystemArgument1, PVOID SystemArgument2)
{
    KLOCK_QUEUE_HANDLE handle;
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(DeferredContext);
    UNREFERENCED_PARAMETER(SystemArgument1);
    UNREFERENCED_PARAMETER(SystemArgument2);
    KeAcquireInStackQueuedSpinLockAtDpcLevel(&Lock, &handle);     /* already at DISPATCH_LEVEL */
    Total += 1;
    Ticks += 1;
    KeReleaseInStackQueuedSpinLockFromDpcLevel(&handle);
    if (Ticks == 3)
        KeSetEvent(&ThreeTicks, IO_NO_INCREMENT, FALSE);
}

static VOID Adder(PVOID StartContext)
{
    ULONG i;
    UNREFERENCED_PARAMETER(StartContext);
    for (i = 0; i < 100; i++) {
        KLOCK_QUEUE_HANDLE handle;
        KeAcquireInStackQueuedSpinLock(&Lock, &handle);           /* raises to DISPATCH_LEVEL */
        Total += 1;
        KeReleaseInStackQueuedSpinLock(&handle);                  /* restores the saved IRQL */
    }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    HANDLE handles[2];
    PVOID threads[2];
    LARGE_INTEGER due;
    ULONG i;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);

    KeInitializeSpinLock(&Lock);
    KeInitializeEvent(&ThreeTicks, NotificationEvent, FALSE);
    KeInitializeDpc(&TickDpc, OnTick, NULL);
    KeInitializeTimer(&Timer);
    due.QuadPart = -10000;                                          /* 1 ms from now, in 100 ns units */
    KeSetTimerEx(&Timer, due, 1, &TickDpc);                         /* then every 1 ms */

    for (i = 0; i < 2; i++) {
        if (!NT_SUCCESS(PsCreateSystemThread(&handles[i], THREAD_ALL_ACCESS, NULL, NULL, NULL, Adder, NULL)))
            return STATUS_UNSUCCESSFUL;
        ObReferenceObjectByHandle(handles[i], SYNCHRONIZE, NULL, KernelMode, &threads[i], NULL);
        ZwClose(handles[i]);
    }
    for (i = 0; i < 2; i++) {
        KeWaitForSingleObject(threads[i], Executive, KernelMode, FALSE, NULL);
        ObDereferenceObject(threads[i]);
    }

    KeWaitForSingleObject(&ThreeTicks, Executive, KernelMode, FALSE, NULL);
    KeCancelTimer(&Timer);                                          /* no tick may come after unload */
    KeFlushQueuedDpcs();                                            /* nor a DPC still queued */
    DbgPrint("ticks = %lu\n", Ticks);
    DbgPrint("total = %lu\n", Total);
    return STATUS_SUCCESS;
}
/* @explore outcomes=completed complete=false races=0 max-schedules=50 */
