/*++
Module Name: sched_switch.c
Abstract: Handing the CPU from one kernel thread to another: a fiber switch,
          or, between two VM threads stopped at the VM's own scheduling point,
          an exchange of their stacks (docs/performance.md); and stopping the
          run, which leaves the stopped thread's stack for good.
--*/
#include "emup.h"
#include "schedp.h"
#include <stdlib.h>

VOID EmupsReapDeadFiber(VOID)
{
    if (EmupM->DeadFiber != NULL) {
        EmupFiberDestroy(EmupM->DeadFiber);
        EmupM->DeadFiber = NULL;
    }
}

static ULONG64 Swaps;
static BOOLEAN NoExchange;

ULONG64 EmuFiberSwaps(VOID)
{
    return Swaps;
}

VOID EmuSetStackExchange(BOOLEAN On)
{
    NoExchange = !On;
}

/* AtVmPoint: the current thread is at EmuVmSchedulePoint. If Next stopped
   there too, their stacks are interchangeable: this one goes on as Next, and
   Next's becomes the current thread's, with no fiber switch. */
VOID EmupsSwitchTo(EMU_THREAD *Next, BOOLEAN AtVmPoint)
{
    EMU_THREAD *prev = EmupM->Current;
    if (Next == prev)
        return;
    EmupM->Current = Next;
    if (AtVmPoint && Next->VmParked && !NoExchange) {
        EMU_FIBER stack = prev->Fiber;
        prev->Fiber = Next->Fiber;
        Next->Fiber = stack;
        prev->VmParked = TRUE;
        Next->VmParked = FALSE;
        Swaps++;
        return;
    }
    prev->VmParked = AtVmPoint;
    EmupFiberSwitch(&prev->Fiber, &Next->Fiber);
    EmupM->Current->VmParked = FALSE;  /* whichever thread this stack runs now */
    EmupsReapDeadFiber();
}

VOID EmupStop(EMU_OUTCOME Outcome)
{
    EMU_THREAD *prev = EmupM->Current;

    if (EmupM->Result.Outcome == EmuOutcomeNone)
        EmupM->Result.Outcome = Outcome;
    EmupM->Stopped = TRUE;
    EmupM->Current = NULL;
    EmupM->InMain = TRUE;
    if (prev == NULL)
        abort(); /* only driver threads stop the machine */
    EmupFiberAbandon(&prev->Fiber, &EmupM->MainFiber);
}
