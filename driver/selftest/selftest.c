/*++
Module Name: selftest.c
Abstract: The wdkm kernel self-test driver: DriverEntry runs the core's
          conformance tests (selftest_tests.c) on the real kernel and prints
          a pass/fail summary with DbgPrint. A run that fails returns
          STATUS_UNSUCCESSFUL, so `sc start` reports it too and the driver is
          unloaded at once; a run that passes stays loaded until `sc stop`.
Environment: Kernel mode, PASSIVE_LEVEL.
--*/
#include <ntddk.h>
#include <wdkm.h>
#include "selftest_tests.h"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD SelftestUnload;

/* Nothing to undo: every test frees what it made before it returns. */
_Use_decl_annotations_
VOID SelftestUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    DbgPrint("wdkm selftest: unloaded\n");
}

_Use_decl_annotations_
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    SELFTEST_CONTEXT results;

    UNREFERENCED_PARAMETER(RegistryPath);

    DbgPrint("wdkm selftest: %lu cases\n", SelftestCaseCount);
    SelftestRunAll(&results);
    DbgPrint("wdkm selftest: %lu passed, %lu failed: %s\n", results.Passed, results.Failed,
             results.Failed == 0 ? "PASS" : "FAIL");
    if (results.Failed != 0)
        return STATUS_UNSUCCESSFUL;
    DriverObject->DriverUnload = SelftestUnload;
    return STATUS_SUCCESS;
}
