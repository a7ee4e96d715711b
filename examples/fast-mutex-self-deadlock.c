/* @title FastMutex self-deadlock @group deadlocks @description A FAST_MUTEX is not recursive: locking it twice on one thread waits forever. */
/* @expect outcome=deadlock exit=1 deadlock=1 finding=SELF_DEADLOCK print="locked once; locking again on the same thread..." */
#include <ntddk.h>
#include <wdkm.h>

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    WDKM_FAST_MUTEX *mutex;
    PVOID data;
    if (WdkmFastMutexNew(0, NULL, &mutex) != WDKM_OK)
        return STATUS_INSUFFICIENT_RESOURCES;
    WdkmFastMutexLock(mutex, &data);
    DbgPrint("locked once; locking again on the same thread...\n");
    WdkmFastMutexLock(mutex, &data);   /* never returns */
    WdkmFastMutexUnlock(mutex);
    WdkmFastMutexUnlock(mutex);
    WdkmFastMutexFree(mutex);
    return STATUS_SUCCESS;
}
/* @explore outcomes=deadlock complete=true */
