/* @title Grt-registered mutexes @group wdk-mutex crate @description Mutexes registered by label in the global reference tracker and reached from threads, as Grt::get_kmutex::<T> does. */
/* @expect outcome=completed exit=0 print="get hits as LONG: WDKM_DOWNCAST_ERROR" print="hits = 200" */
#include <ntddk.h>
#include <wdkm.h>

static VOID WaitForThread(HANDLE Thread)
{
    PVOID object;
    if (NT_SUCCESS(ObReferenceObjectByHandle(Thread, SYNCHRONIZE, *PsThreadType, KernelMode, &object, NULL))) {
        KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL);
        ObDereferenceObject(object);
    }
    ZwClose(Thread);
}

static VOID Worker(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    WDKM_KMUTEX *hits;
    WDKM_FAST_MUTEX *sum;
    PVOID data;

    if (WdkmGrtGetKMutex("hits", WDKM_TYPE(ULONG), &hits) != WDKM_OK ||
        WdkmGrtGetFastMutex("sum", WDKM_TYPE(LONG64), &sum) != WDKM_OK)
        return;
    for (int i = 1; i <= 100; i++) {
        if (WdkmKMutexLock(hits, &data) == WDKM_OK) {
            *(ULONG *)data += 1;
            WdkmKMutexUnlock(hits);
        }
        if (WdkmFastMutexLock(sum, &data) == WDKM_OK) {
            *(LONG64 *)data += i;
            WdkmFastMutexUnlock(sum);
        }
    }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    ULONG hits = 0;
    LONG64 sum = 0;
    HANDLE threads[2];
    WDKM_KMUTEX *wrong;
    WDKM_STATUS status;

    WdkmGrtInit();
    WdkmGrtRegisterKMutex("hits", WDKM_TYPE(ULONG), &hits);
    WdkmGrtRegisterFastMutex("sum", WDKM_TYPE(LONG64), &sum);

    /* A get with another type than the one registered is a downcast error, as in the crate. */
    status = WdkmGrtGetKMutex("hits", WDKM_TYPE(LONG), &wrong);
    DbgPrint("get hits as LONG: %s\n", WdkmStatusName(status));

    for (int i = 0; i < 2; i++)
        PsCreateSystemThread(&threads[i], THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, NULL);
    for (int i = 0; i < 2; i++)
        WaitForThread(threads[i]);

    WDKM_KMUTEX *h;
    PVOID data;
    if (WdkmGrtGetKMutex("hits", WDKM_TYPE(ULONG), &h) == WDKM_OK && WdkmKMutexLock(h, &data) == WDKM_OK) {
        DbgPrint("hits = %lu\n", *(ULONG *)data);
        WdkmKMutexUnlock(h);
    }
    WdkmGrtDestroy();
    return STATUS_SUCCESS;
}
/* @explore outcomes=completed complete=false races=0 max-schedules=5 */
