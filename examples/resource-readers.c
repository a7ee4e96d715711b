/* @title Readers and a writer @group beyond the crate @description A WDKM_RESOURCE (ERESOURCE) lets readers share the data while a writer takes it alone. */
/* @expect outcome=completed exit=0 print="reader 1 sees v1 = 100" print="reader 1 sees v1 = 100" */
/* @expect print="reader 1 sees v1 = 100" print="reader 2 sees v1 = 100" */
/* @expect print="reader 2 sees v1 = 100" print="reader 2 sees v2 = 200" */
#include <ntddk.h>
#include <wdkm.h>

typedef struct _CONFIG {
    ULONG Version;
    ULONG Value;
} CONFIG;

static WDKM_RESOURCE *Config;

static VOID Reader(PVOID Context)
{
    ULONG id = (ULONG)(ULONG_PTR)Context;
    PVOID data;
    for (int i = 0; i < 3; i++) {
        if (WdkmResourceLockShared(Config, &data) != WDKM_OK)
            return;
        CONFIG *c = (CONFIG *)data;
        DbgPrint("reader %lu sees v%lu = %lu\n", id, c->Version, c->Value);
        WdkmResourceUnlock(Config);
    }
}

static VOID Writer(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    PVOID data;
    for (ULONG v = 2; v <= 3; v++) {
        if (WdkmResourceLockExclusive(Config, &data) != WDKM_OK)
            return;
        ((CONFIG *)data)->Version = v;
        ((CONFIG *)data)->Value = v * 100;
        WdkmResourceUnlock(Config);
    }
}

/* Runs once every thread has ended, so nobody holds the resource any more. */
static VOID DriverUnloadRoutine(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    WdkmResourceFree(Config);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    CONFIG initial = { .Version = 1, .Value = 100 };
    HANDLE h;
    if (WdkmResourceNew(sizeof(CONFIG), &initial, &Config) != WDKM_OK)
        return STATUS_INSUFFICIENT_RESOURCES;
    DriverObject->DriverUnload = DriverUnloadRoutine;
    for (ULONG_PTR i = 1; i <= 2; i++) {
        PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, Reader, (PVOID)i);
        ZwClose(h);
    }
    PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, Writer, NULL);
    ZwClose(h);
    return STATUS_SUCCESS;
}
/* @explore outcomes=completed complete=false races=0 max-schedules=100 */
