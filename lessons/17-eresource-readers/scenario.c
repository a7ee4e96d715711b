#include <ntddk.h>
#include <wdkm.h>

static WDKM_RESOURCE *Table;   /* an ERESOURCE guarding a ULONG */
static KEVENT SecondIn;

static VOID WaitForThread(HANDLE Thread)
{
    PVOID object;
    if (NT_SUCCESS(ObReferenceObjectByHandle(Thread, SYNCHRONIZE, *PsThreadType, KernelMode, &object, NULL))) {
        KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL);
        ObDereferenceObject(object);
    }
    ZwClose(Thread);
}

/* The first reader waits, holding the resource shared, until the second is in too. */
static VOID FirstReader(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    PVOID data;
    if (WdkmResourceLockShared(Table, &data) != WDKM_OK)
        return;
    KeWaitForSingleObject(&SecondIn, Executive, KernelMode, FALSE, NULL);
    DbgPrint("first reader sees %lu\n", *(ULONG *)data);
    WdkmResourceUnlock(Table);
}

static VOID SecondReader(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    PVOID data;
    if (WdkmResourceLockShared(Table, &data) != WDKM_OK)
        return;
    KeSetEvent(&SecondIn, IO_NO_INCREMENT, FALSE);
    DbgPrint("second reader sees %lu\n", *(ULONG *)data);
    WdkmResourceUnlock(Table);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    ULONG initial = 42;
    HANDLE a, b;
    if (WdkmResourceNew(sizeof(ULONG), &initial, &Table) != WDKM_OK)
        return STATUS_INSUFFICIENT_RESOURCES;
    KeInitializeEvent(&SecondIn, NotificationEvent, FALSE);
    PsCreateSystemThread(&a, THREAD_ALL_ACCESS, NULL, NULL, NULL, FirstReader, NULL);
    PsCreateSystemThread(&b, THREAD_ALL_ACCESS, NULL, NULL, NULL, SecondReader, NULL);
    WaitForThread(a);
    WaitForThread(b);
    WdkmResourceFree(Table);
    return STATUS_SUCCESS;
}
