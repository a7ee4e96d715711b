/*++
Module Name: sched_switch.c
Abstract: What switching threads needs besides the switch itself (sched.c's
          SwitchTo, kept there so that it is inlined: in WebAssembly every
          frame on a switching path costs): freeing a finished thread's
          fiber, counting the stack exchanges between VM threads
          (docs/performance.md), and stopping the run, which leaves the
          stopped thread's stack for good.
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

ULONG64 EmupsSwaps;
BOOLEAN EmupsNoExchange;

ULONG64 EmuFiberSwaps(VOID)
{
    return EmupsSwaps;
}

VOID EmuSetStackExchange(BOOLEAN On)
{
    EmupsNoExchange = !On;
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
