/* @title A raw bug check @group bug checks @description KeBugCheckEx stops the machine with a code and four parameters, as a blue screen shows them. */
/* @expect outcome=bugcheck exit=1 bugcheck=0xDEAD0001 print="about to bug check" */
#include <ntddk.h>

#define MY_BUGCHECK_CODE 0xDEAD0001

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    ULONG_PTR state = 42;
    DbgPrint("about to bug check\n");
    KeBugCheckEx(MY_BUGCHECK_CODE, (ULONG_PTR)DriverObject, state, 0, 0);
}
/* @explore outcomes=bugcheck complete=true */
