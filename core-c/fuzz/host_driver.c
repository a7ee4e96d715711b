/*++
Module Name: host_driver.c
Abstract: For the differential check (scripts/fuzz): a scenario compiled by
          gcc as ordinary C against the emulated kernel's headers, run on the
          emulator natively; its DbgPrint output goes to stdout, then the
          outcome on stderr. The VM's output for the same source must match.
--*/
#include <stdio.h>
#include <ntddk.h>
#include "emu.h"

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath);

int main(void)
{
    EMU_CONFIG config;
    SIZE_T size;
    const CHAR *out;
    EMU_OUTCOME outcome;
    EmuDefaultConfig(&config);
    config.Cpus = 1;
    outcome = EmuRunDriver(&config, DriverEntry);
    out = EmuOutput(&size);
    fwrite(out, 1, size, stdout);
    fprintf(stderr, "outcome %d\n", (int)outcome);
    EmuFreeMachine();
    return 0;
}
