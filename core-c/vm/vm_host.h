/*++
Module Name: vm_host.h
Abstract: The scenario VM as a host calls it (the WebAssembly export layer,
          the native runner): load a module, run it with the given settings,
          and read the trace (EmuTrace) or the reason the module was refused.
--*/
#pragma once
#include <ntddk.h>

/* 0: ran (read EmuTrace and EmuResult); 2: the module was rejected (VmHostError). */
int VmHostRun(const UCHAR *Module, SIZE_T Size, ULONG Cpus, ULONG Policy, ULONG64 Seed, ULONG64 Budget,
              const USHORT *Schedule, ULONG ScheduleCount, BOOLEAN NoTrace);
const CHAR *VmHostError(VOID);
