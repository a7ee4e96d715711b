#include <ntddk.h>
#include <wdkm.h>

static KDPC Dpc;
static KEVENT Done;
static WDKM_STATUS InDpc;

/* A DPC runs at DISPATCH_LEVEL, on whatever thread the CPU was running. */
static VOID Tick(PKDPC Dpc, PVOID DeferredContext, PVOID SystemArgument1, PVOID SystemArgument2)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(DeferredContext);
    UNREFERENCED_PARAMETER(SystemArgument1);
    UNREFERENCED_PARAMETER(SystemArgument2);
    WDKM_KMUTEX *ticks;
    PVOID data;
    InDpc = WdkmGrtGetKMutex("ticks", WDKM_TYPE(ULONG), &ticks);
    if (InDpc == WDKM_OK) {
        InDpc = WdkmKMutexLock(ticks, &data);
        if (InDpc == WDKM_OK) {
            *(ULONG *)data += 1;
            WdkmKMutexUnlock(ticks);
        }
    }
    KeSetEvent(&Done, IO_NO_INCREMENT, FALSE);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    ULONG zero = 0;
    WdkmGrtInit();
    WdkmGrtRegisterKMutex("ticks", WDKM_TYPE(ULONG), &zero);
    KeInitializeEvent(&Done, NotificationEvent, FALSE);
    KeInitializeDpc(&Dpc, Tick, NULL);
    KeInsertQueueDpc(&Dpc, NULL, NULL);
    KeWaitForSingleObject(&Done, Executive, KernelMode, FALSE, NULL);
    DbgPrint("in the DPC: %s\n", WdkmStatusName(InDpc));
    WdkmGrtDestroy();
    return STATUS_SUCCESS;
}
