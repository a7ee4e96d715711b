/*++
Module Name: run.c
Abstract: Running a module as a driver: guest regions with relocations
          applied, DriverEntry in the emulator's system thread, the scenario's
          DriverUnload, and an interpreter state per kernel thread.
--*/
#include "natives.h"
#include "wdkm_host.h"
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#define DRIVER_OBJECT_OFFSET 0
#define DRIVER_UNLOAD_FIELD 104      /* offsetof(DRIVER_OBJECT, DriverUnload) on x64 */
#define REGISTRY_OFFSET 384          /* UNICODE_STRING, then its text */
#define STATUS_NAMES_OFFSET 1024
#define DRIVER_REGION_SIZE 2048

VOID VmNativesReset(VOID);
static VOID InitDataImports(VOID);

VM_THREAD *VmCurrentThread(VOID)
{
    ULONG tid = EmuCurrentThreadId();
    VM_THREAD *t;
    if (tid == 0 || tid > 256)
        EmuBugCheck(0x7E, (ULONG64)(LONG64)STATUS_UNSUCCESSFUL, 0, 0, 0);
    t = VmS.Threads[tid];
    if (t == NULL) {
        t = (VM_THREAD *)calloc(1, sizeof(*t));
        if (t == NULL)
            abort();
        t->Tid = tid;
        VmStackInit(&t->Stack, VM_STACK_BASE + (ULONG64)tid * VM_STACK_STRIDE);
        t->Sp = t->Stack.Base;
        VmS.Threads[tid] = t;
        if (tid > VmS.ThreadMax)
            VmS.ThreadMax = tid;
    }
    return t;
}

static VOID Put64(UCHAR *P, ULONG64 V)
{
    ULONG i;
    for (i = 0; i < 8; i++)
        P[i] = (UCHAR)(V >> (8 * i));
}

static VOID Relocate(VM_REGION *Region, int Which)
{
    VM_MODULE *m = VmS.Module;
    ULONG i;
    for (i = 0; i < m->RelocCount[Which]; i++) {
        ULONG64 base = m->Relocs[Which][i].Kind == 1 ? VmS.Globals.Base :
                       m->Relocs[Which][i].Kind == 2 ? VmS.Rodata.Base : VM_FUNC_BASE;
        ULONG64 target = m->Relocs[Which][i].Kind == 3 ? (ULONG64)m->Relocs[Which][i].Target * 16
                                                      : m->Relocs[Which][i].Target;
        Put64(Region->Host + m->Relocs[Which][i].Offset, base + target + (ULONG64)(LONG64)m->Relocs[Which][i].Addend);
    }
}

static VOID UnloadTrampoline(PDRIVER_OBJECT Driver)
{
    ULONG64 unload = 0, arg = VmS.Driver.Base + DRIVER_OBJECT_OFFSET;
    ULONG i;
    (VOID)Driver;
    for (i = 0; i < 8; i++)
        unload |= (ULONG64)VmS.Driver.Host[DRIVER_UNLOAD_FIELD + i] << (8 * i);
    VmCall(VmFunctionOf(unload), &arg, 1);
    VmFlushSteps();
}

static NTSTATUS EntryTrampoline(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    ULONG64 args[2], unload = 0, status;
    ULONG i;
    (VOID)Path;
    InitDataImports();
    args[0] = VmS.Driver.Base + DRIVER_OBJECT_OFFSET;
    args[1] = VmS.Driver.Base + REGISTRY_OFFSET;
    status = VmCall(VmS.Module->DriverEntry, args, 2);
    VmFlushSteps();
    /* The scenario set DriverObject->DriverUnload in guest memory. */
    for (i = 0; i < 8; i++)
        unload |= (ULONG64)VmS.Driver.Host[DRIVER_UNLOAD_FIELD + i] << (8 * i);
    if (unload != 0) {
        VmFunctionOf(unload);
        Driver->DriverUnload = UnloadTrampoline;
    }
    return (NTSTATUS)status;
}

static VOID InitDriverRegion(VOID)
{
    static const CHAR path[] = "\\REGISTRY\\MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Scenario";
    UCHAR *d = VmS.Driver.Host;
    ULONG i, len = (ULONG)sizeof(path) - 1;
    VM_MODULE *m = VmS.Module;

    d[0] = 4;                                   /* DRIVER_OBJECT: Type = IO_TYPE_DRIVER, Size = 336 */
    d[2] = 336 & 0xFF;
    d[3] = 336 >> 8;
    d[REGISTRY_OFFSET] = (UCHAR)(len * 2);      /* UNICODE_STRING { Length, MaximumLength, Buffer } */
    d[REGISTRY_OFFSET + 2] = (UCHAR)(len * 2 + 2);
    Put64(d + REGISTRY_OFFSET + 8, VmS.Driver.Base + REGISTRY_OFFSET + 16);
    for (i = 0; i < len; i++)
        d[REGISTRY_OFFSET + 16 + i * 2] = (UCHAR)path[i];
    for (i = 0; i <= WDKM_INVALID_PARAMETER + 1; i++) {
        PCSTR name = WdkmStatusName((WDKM_STATUS)i);
        memcpy(d + STATUS_NAMES_OFFSET + i * 32, name, strlen(name) + 1);
    }
    VmS.StatusNames = VmS.Driver.Base + STATUS_NAMES_OFFSET;
    (VOID)m;
}

/* Kernel variables get their values once the machine exists. */
static VOID InitDataImports(VOID)
{
    VM_MODULE *m = VmS.Module;
    ULONG i;
    for (i = 0; i < m->ImportCount; i++)
        if (m->Imports[i].IsData)
        {
            /* PsThreadType points at a POBJECT_TYPE: the variable, then its target. */
            Put64(VmS.Driver.Host + m->Imports[i].DataOffset, VmS.Driver.Base + m->Imports[i].DataOffset + 8);
            Put64(VmS.Driver.Host + m->Imports[i].DataOffset + 8, EmuGuestAddress(*PsThreadType));
        }
}

static VOID FreeState(VOID)
{
    ULONG i;
    VmRegionFree(&VmS.Rodata);
    VmRegionFree(&VmS.Globals);
    VmRegionFree(&VmS.Driver);
    for (i = 0; i <= EMU_MAX_THREADS; i++) {
        if (VmS.Threads[i] != NULL) {
            VmStackFree(&VmS.Threads[i]->Stack);
            free(VmS.Threads[i]);
        }
    }
    /* All but the boxes, 32 KiB each run: a box is written before it is handed out. */
    memset(&VmS, 0, offsetof(VM_STATE, Boxes));
    memset(&VmS.BoxCount, 0, sizeof(VmS) - offsetof(VM_STATE, BoxCount));
}

static BOOLEAN KernelCallsOnly;

VOID VmSetKernelCallsOnly(BOOLEAN On)
{
    KernelCallsOnly = On;
}

EMU_OUTCOME VmRun(VM_MODULE *Module, const EMU_CONFIG *Config)
{
    EMU_OUTCOME outcome;

    FreeState();
    VmS.KernelCallsOnly = KernelCallsOnly;
    VmS.Module = Module;
    VmRegionInit(&VmS.Rodata, VM_RODATA_BASE, Module->RodataSize ? Module->RodataSize : 1, FALSE, FALSE);
    VmRegionInit(&VmS.Globals, VM_GLOBALS_BASE, Module->GlobalsSize ? Module->GlobalsSize : 1, TRUE, TRUE);
    VmRegionInit(&VmS.Driver, VM_DRIVER_BASE, DRIVER_REGION_SIZE, TRUE, TRUE);
    memcpy(VmS.Rodata.Host, Module->Rodata, Module->RodataSize);
    memcpy(VmS.Globals.Host, Module->Globals, Module->GlobalsSize);
    Relocate(&VmS.Rodata, 0);
    Relocate(&VmS.Globals, 1);
    VmNativesReset();
    VmInstallGuestHook();
    WdkmGrtReset();                           /* a fresh machine: the last run's Grt is gone */
    InitDriverRegion();
    outcome = EmuRunDriver(Config, EntryTrampoline);
    EmuSetGuestAddressHook(NULL);
    return outcome;
}
