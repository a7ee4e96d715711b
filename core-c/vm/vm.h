/*++
Module Name: vm.h
Abstract: The scenario VM: loads a bytecode module (docs/bytecode.md),
          validates it, and runs it as a driver on the emulated kernel with
          the real wdkm core. Every memory access is checked.
--*/
#pragma once
#include "emu.h"

typedef struct _VM_MODULE VM_MODULE;

/* Parses and validates Bytes. NULL with a message in Error (NUL-terminated,
   at most ErrorSize bytes) when the module is malformed or names a routine
   the VM does not provide. The module keeps no pointer into Bytes. */
VM_MODULE *VmLoad(const UCHAR *Bytes, SIZE_T Size, CHAR *Error, SIZE_T ErrorSize);
VOID VmFree(VM_MODULE *Module);

/* Runs the module's DriverEntry on a fresh machine (EmuRunDriver); the
   outcome and details are then read through emu.h. Scheduling points are
   the kernel calls and every access to shared memory (globals and pool). */
EMU_OUTCOME VmRun(VM_MODULE *Module, const EMU_CONFIG *Config);

/* For comparing with the driver compiled natively: no scheduling points at
   memory accesses and no virtual time for instructions (kept until changed). */
VOID VmSetKernelCallsOnly(BOOLEAN On);

/* The source line of a location in the trace or a result. */
#define VM_LINE(Loc) EMU_LOC_LINE(Loc)
