/* The scenario a first-time visitor sees. */
export const DEFAULT_SOURCE = `#include <ntddk.h>
#include <wdkm.h>

/* Two system threads add to one counter under a KMutex. */
static WDKM_KMUTEX *Total;
static KEVENT Done[2];

static VOID AddTen(PVOID Context)
{
    KEVENT *done = (KEVENT *)Context;
    for (int i = 0; i < 10; i++) {
        PVOID data;
        if (WdkmKMutexLock(Total, &data) != WDKM_OK)
            break;
        *(ULONG *)data += 1;
        WdkmKMutexUnlock(Total);
    }
    KeSetEvent(done, IO_NO_INCREMENT, FALSE);
    PsTerminateSystemThread(STATUS_SUCCESS);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    HANDLE thread;
    ULONG result = 0;

    if (WdkmKMutexNew(sizeof(ULONG), NULL, &Total) != WDKM_OK)
        return STATUS_INSUFFICIENT_RESOURCES;
    for (int i = 0; i < 2; i++) {
        KeInitializeEvent(&Done[i], NotificationEvent, FALSE);
        PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, AddTen, &Done[i]);
        ZwClose(thread);
    }
    for (int i = 0; i < 2; i++)
        KeWaitForSingleObject(&Done[i], Executive, KernelMode, FALSE, NULL);

    WdkmKMutexIntoOwned(Total, &result);
    DbgPrint("total = %lu\\n", result);
    return STATUS_SUCCESS;
}
`;
