/*++
Module Name: vm_host.h
Abstract: The scenario VM as a host calls it (the WebAssembly export layer,
          the native runner and explorer): load a module, run it with the
          given settings, and read the trace (EmuTrace) or the reason the
          module was refused; or explore it.
--*/
#pragma once
#include <ntddk.h>

/* 0: ran (read EmuTrace and EmuResult); 2: the module was rejected (VmHostError). */
int VmHostRun(const UCHAR *Module, SIZE_T Size, ULONG Cpus, ULONG Policy, ULONG64 Seed, ULONG64 Budget,
              const USHORT *Schedule, ULONG ScheduleCount, BOOLEAN NoTrace);
const CHAR *VmHostError(VOID);

/* The explorer (explore_host.c, docs/explorer.md): begin (0: ready; 2: the
   module was rejected, VmExploreError), run slices of schedules until
   VmExploreSlice says none is left, read the result as `explore --json`
   prints it, end. */
int VmExploreBegin(const UCHAR *Bytes, SIZE_T Size, ULONG CpuCount, ULONG64 Budget, ULONG PreemptionBound,
                   BOOLEAN NoReduction, ULONG Shard, ULONG Shards);
BOOLEAN VmExploreSlice(ULONG Runs);
const CHAR *VmExploreResultJson(VOID);
const CHAR *VmExploreError(VOID);
VOID VmExploreEnd(VOID);

