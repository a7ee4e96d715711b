/*++
Module Name: machine.c
Abstract: One emulated machine: its object table, the current thread and CPU
          clocks, and the driver's lifecycle (DriverEntry, then DriverUnload,
          then the leak report).
--*/
#include "emup.h"
#include <stdlib.h>
#include <string.h>

EMU_MACHINE *EmupM;
static EMU_GUEST_ADDRESS_FN *GuestHook;

VOID EmuDefaultConfig(EMU_CONFIG *Config)
{
    memset(Config, 0, sizeof(*Config));
    Config->Cpus = 2;
    Config->Policy = EmuPolicyTimed;
    Config->Seed = 1;
    Config->PctDepth = 3;
    Config->QuantumUs = 100;
}

EMU_THREAD *EmupCurrent(VOID)
{
    return EmupM != NULL ? EmupM->Current : NULL;
}

ULONG EmupTid(EMU_THREAD *Thread)
{
    return Thread != NULL ? Thread->Tid : 0;
}

/* The virtual time every effect of the current step is dated at: steps and
   scheduler events are applied in time order (sched.c), so it never goes back. */
ULONG64 EmupNow(VOID)
{
    return EmupM->Now;
}

VOID EmupCharge(ULONG64 Ns)
{
    EMU_THREAD *cur = EmupCurrent();
    if (cur != NULL && cur->Cpu >= 0)
        EmupM->Cpus[cur->Cpu].Clock += Ns;
}

VOID EmupObjectRegister(EMU_OBJECT *Object, ULONG Type, PVOID Address, ULONG *Tag, ULONG *Id)
{
    EMU_POOL_BLOCK *block;

    if (EmupM->ObjectCount == EmupM->ObjectCap) {
        ULONG cap = EmupM->ObjectCap ? EmupM->ObjectCap * 2 : 64;
        EMU_OBJECT **grown = (EMU_OBJECT **)realloc(EmupM->Objects, cap * sizeof(*grown));
        if (grown == NULL)
            abort();
        EmupM->Objects = grown;
        EmupM->ObjectCap = cap;
    }
    Object->Type = Type;
    Object->Id = ++EmupM->ObjectCount;
    EmupM->Objects[Object->Id - 1] = Object;   /* before the explorer looks it up */
    EMUP_X(EmupXPseudo(EMU_X_OBJECTS));
    EMUP_X(EmupXObject(Object->Id));
    Object->Address = Address;
    Object->InitLoc = EmupCurrent() ? EmupCurrent()->Loc : 0;
    *Tag = EMU_TAG_BASE | Type;
    *Id = Object->Id;
    block = EmupPoolBlockOf(Address);
    if (block != NULL)
        block->HasObjects = TRUE;
    if (!EmupM->Config.NoTrace)       /* the guest address costs a search: only for the trace */
    EmupTraceEx(EMU_EV_OBJECT, EmupNow(), EMUP_CPU_OF(EmupCurrent()), EmupCurrent(), Object->Id, Type,
                EmuGuestAddress(Address), Object->InitLoc, NULL, 0);
}

EMU_OBJECT *EmupObjectCreate(ULONG Type, PVOID Address, ULONG *Tag, ULONG *Id)
{
    EMU_OBJECT *o = (EMU_OBJECT *)calloc(1, sizeof(*o));
    if (o == NULL)
        abort();
    EmupObjectRegister(o, Type, Address, Tag, Id);
    return o;
}

EMU_OBJECT *EmupObjectLookup(PVOID Address, ULONG Type, const ULONG *Tag, const ULONG *Id)
{
    EMU_OBJECT *o;
    if (*Tag != (EMU_TAG_BASE | Type) || *Id == 0 || *Id > EmupM->ObjectCount)
        return NULL;
    o = EmupM->Objects[*Id - 1];
    if (o->Address != Address || o->Type != Type || o->Deleted)
        return NULL;
    EMUP_X(EmupXObject(o->Id));
    return o;
}

EMU_OBJECT *EmupObjectAny(PVOID Address)
{
    const ULONG *header = (const ULONG *)Address;
    ULONG type;
    if (Address == NULL || (header[0] & 0xFFFFFF00u) != EMU_TAG_BASE)
        return NULL;
    type = header[0] & 0xFF;
    return EmupObjectLookup(Address, type, &header[0], &header[1]);
}

VOID EmuSetGuestAddressHook(EMU_GUEST_ADDRESS_FN *Hook)
{
    GuestHook = Hook;
}

/* Host memory outside pool (a native driver's globals and stacks) gets a
   stand-in address in order of first use, so reports and traces do not
   depend on where the host happened to place it. */
#define STANDIN_BASE 0xFFFFF80140000000ull
static ULONG64 StandIn(const VOID *Host)
{
    ULONG i;
    for (i = 0; i < EmupM->StandInCount; i++)
        if (EmupM->StandIns[i] == Host)
            return STANDIN_BASE + (ULONG64)i * 0x40;
    if (EmupM->StandInCount == EmupM->StandInCap) {
        ULONG cap = EmupM->StandInCap ? EmupM->StandInCap * 2 : 64;
        const VOID **grown = (const VOID **)realloc((VOID *)EmupM->StandIns, cap * sizeof(*grown));
        if (grown == NULL)
            return STANDIN_BASE - 0x40;
        EmupM->StandIns = grown;
        EmupM->StandInCap = cap;
    }
    EmupM->StandIns[EmupM->StandInCount] = Host;
    return STANDIN_BASE + (ULONG64)EmupM->StandInCount++ * 0x40;
}

PVOID EmuStandInHost(ULONG64 Guest)
{
    ULONG64 index;
    if (EmupM == NULL || Guest < STANDIN_BASE || (Guest - STANDIN_BASE) % 0x40 != 0)
        return NULL;
    index = (Guest - STANDIN_BASE) / 0x40;
    return index < EmupM->StandInCount ? (PVOID)EmupM->StandIns[index] : NULL;
}

ULONG64 EmuGuestAddress(const VOID *Host)
{
    ULONG64 va;
    if (Host == NULL)
        return 0;
    if (EmupM != NULL && (va = EmuPoolGuestAddress(Host)) != 0)
        return va;
    if (GuestHook != NULL && (va = GuestHook(Host)) != 0)
        return va;
    return EmupM != NULL ? StandIn(Host) : (ULONG64)(ULONG_PTR)Host;
}

/* The explorer's name for memory: the guest address, without handing out a
   stand-in (which would change the addresses a replay reports). */
ULONG64 EmupXAddress(const VOID *Host)
{
    ULONG64 va = EmuPoolGuestAddress(Host);
    if (va == 0 && GuestHook != NULL)
        va = GuestHook(Host);
    return va != 0 ? va : (ULONG64)(ULONG_PTR)Host;
}

__attribute__((noinline)) static VOID DriverEntryThread(PVOID Context)
{
    NTSTATUS status;
    (VOID)Context;
    status = EmupM->Entry(&EmupM->Driver, &EmupM->RegistryPath);
    EmupVerifierRoutineReturned((PVOID)(ULONG_PTR)EmupM->Entry);    /* KM-14, CR-6 */
    EmupM->Result.EntryReturned = TRUE;
    EmupM->Result.EntryStatus = status;
}

/* DPC-8, BC-38: once DriverUnload has returned, a DPC still queued or a
   timer still set with a DPC would call a routine of the unloaded driver;
   stop at once with 0xCE, p1 = the KDPC or KTIMER the driver left behind. */
static VOID CheckPendingAtUnload(VOID)
{
    ULONG i;
    for (i = 0; i < EmupM->ObjectCount; i++) {
        EMU_OBJECT *o = EmupM->Objects[i];
        if ((o->Type == EMU_OBJ_DPC && o->DpcQueued) ||
            (o->Type == EMU_OBJ_TIMER && o->TimerSet && o->TimerDpc != NULL))
            EmupBugCheck(0xCE, EmuGuestAddress(o->Address), 0, 0, 0);
    }
}

__attribute__((noinline)) static VOID UnloadThread(PVOID Context)
{
    (VOID)Context;
    EmupM->Driver.DriverUnload(&EmupM->Driver);
    EmupVerifierRoutineReturned((PVOID)(ULONG_PTR)EmupM->Driver.DriverUnload);
    CheckPendingAtUnload();
}

VOID EmuFreeMachine(VOID)
{
    ULONG i;
    if (EmupM == NULL)
        return;
    for (i = 0; i < EmupM->ObjectCount; i++)
        if (EmupM->Objects[i]->Type != EMU_OBJ_THREAD)      /* threads embed theirs */
            free(EmupM->Objects[i]);
    for (i = 0; i < EmupM->ThreadCount; i++) {
        EmupFiberDestroy(&EmupM->Threads[i]->Fiber);
        free(EmupM->Threads[i]);
    }
    free(EmupM->Objects);
    free((VOID *)EmupM->StandIns);
    free(EmupM->Choices);
    free(EmupM->Output);
    free(EmupM->Blocks);
    free(EmupM->Leaks);
    free(EmupM->EdgeFrom);
    free(EmupM->EdgeTo);
    free(EmupM->EdgeLoc);
    EmupTraceFree(&EmupM->Trace);
    EmupFiberDestroy(&EmupM->MainFiber);
    free(EmupM);
    EmupM = NULL;
}

ULONG64 EmuFiberSwitches(VOID)
{
    return EmupFiberSwitchCount();
}

EMU_OUTCOME EmuRunDriver(const EMU_CONFIG *Config, PDRIVER_INITIALIZE Entry)
{
    static WCHAR path[] = { '\\', 'R', 'E', 'G', 'I', 'S', 'T', 'R', 'Y', 0 };
    EMU_MACHINE *m;

    EmuFreeMachine();
    m = (EMU_MACHINE *)calloc(1, sizeof(*m));
    if (m == NULL)
        return EmuOutcomeNone;
    EmupM = m;
    m->Config = *Config;
    if (m->Config.Cpus < 1)
        m->Config.Cpus = 1;
    if (m->Config.Cpus > EMU_MAX_CPUS)
        m->Config.Cpus = EMU_MAX_CPUS;
    if (m->Config.QuantumUs == 0)
        m->Config.QuantumUs = 100;
    m->Entry = Entry;
    m->RegistryPath.Buffer = path;
    m->RegistryPath.Length = (USHORT)(sizeof(path) - sizeof(WCHAR));
    m->RegistryPath.MaximumLength = (USHORT)sizeof(path);
    m->Driver.Type = 4;
    m->Driver.Size = (SHORT)sizeof(DRIVER_OBJECT);
    m->InMain = TRUE;
    EmupTraceInit(&m->Trace, Config->NoTrace, Config->TraceLimit);
    EmupPoolReset();
    EmupSchedInit();
    EmupFiberInitMain(&m->MainFiber);

    EmupStartScheduling(EmupThreadCreate(DriverEntryThread, NULL, 8));
    if (!m->Stopped && m->Driver.DriverUnload != NULL) {
        m->Unloading = TRUE;
        EmupTrace(EMU_EV_UNLOAD, NULL, NULL, 0, 0);
        EmupStartScheduling(EmupThreadCreate(UnloadThread, NULL, 8));
    }
    if (!m->Stopped) {
        EmupPoolReportLeaks();
        if (m->Result.Outcome == EmuOutcomeNone)
            m->Result.Outcome = EmuOutcomeCompleted;
    }
    m->Result.Steps = m->Steps;
    m->Result.TimeNs = EmupNow();
    m->Result.Choices = m->ChoiceCount;
    {
        UCHAR payload[16];
        SIZE_T n = EmupTraceVarint(payload, m->Result.Steps);
        n += EmupTraceVarint(payload + n, m->Result.EntryReturned);
        EmupTraceEx(EMU_EV_RUN_END, m->Result.TimeNs, 0xFF, NULL, 0, m->Result.Outcome, (ULONG)m->Result.EntryStatus, 0,
                    payload, n);
    }
    return m->Result.Outcome;
}

const EMU_RESULT *EmuResult(VOID) { return &EmupM->Result; }
const UCHAR *EmuTrace(SIZE_T *Size) { *Size = EmupM->Trace.Size; return EmupM->Trace.Data; }
const CHAR *EmuOutput(SIZE_T *Size) { *Size = EmupM->OutputSize; return EmupM->Output ? EmupM->Output : ""; }
ULONG EmuLeakCount(VOID) { return EmupM->LeakCount; }
const EMU_LEAK *EmuLeaks(VOID) { return EmupM->Leaks; }
const USHORT *EmuChoices(ULONG *Count) { *Count = EmupM->ChoiceCount; return EmupM->Choices; }

VOID EmuSetLocation(ULONG Loc)
{
    EMU_THREAD *cur = EmupCurrent();
    if (cur != NULL)
        cur->Loc = Loc;
}

ULONG EmuGetLocation(VOID)
{
    EMU_THREAD *cur = EmupCurrent();
    return cur != NULL ? cur->Loc : 0;
}

ULONG EmuCurrentThreadId(VOID)
{
    return EmupTid(EmupCurrent());
}

VOID EmuSchedulePoint(ULONG CostNs)
{
    EmupSchedPoint(CostNs);
}

BOOLEAN EmuVmSchedulePoint(ULONG CostNs)
{
    EMU_THREAD *cur = EmupCurrent();
    if (cur == NULL)
        return TRUE;
    EmupM->VmPoint = TRUE;             /* consumed by EmupSchedPoint at once */
    EmupSchedPoint(CostNs);
    return EmupM->Current == cur;
}

VOID EmuChargeSteps(ULONG64 Steps, ULONG64 CostNs)
{
    if (EmupCurrent() == NULL || EmupM->Stopped)
        return;
    EmupCharge(CostNs);
    EmupM->Steps += Steps;
    if (EmupM->Steps > EmupM->Config.StepBudget)
        EmupStop(EmuOutcomeBudget);
}

VOID EmuTraceWdkmError(ULONG Status)
{
    EMU_THREAD *cur = EmupCurrent();
    if (cur == NULL)
        return;
    EmupTrace(EMU_EV_WDKM_ERROR, cur, NULL, Status, 0);
}
