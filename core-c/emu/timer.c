/*++
Module Name: timer.c
Abstract: KTIMER: a dispatcher object signalled at its due time on the
          virtual clock, once or every Period ms, with an optional DPC queued
          when it expires. Notification timers stay signalled until set again;
          a satisfied wait resets a synchronization timer (WAIT-2). Timers are
          kept in due-time order; the scheduler fires them (EmupKTimersFire).
--*/
#include "emup.h"

static EMU_OBJECT *Lookup(PKTIMER Timer)
{
    EMU_OBJECT *o;
    if (Timer == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, 0, 0, 0);
    o = EmupObjectLookup(Timer, EMU_OBJ_TIMER, &Timer->EmuTag, &Timer->EmuId);
    if (o == NULL)
        EmupBugCheck(0xC4, 0x1002, EmuGuestAddress(Timer), 0, 0);     /* never initialised */
    return o;
}

/* A timeout or due time in 100 ns units: negative relative to now, positive
   absolute system time (WAIT-3); a time in the past is now. Saturates rather
   than wrapping for the most negative value. */
ULONG64 EmupDueTime(LONGLONG Value)
{
    ULONG64 now = EmupNow();
    LARGE_INTEGER sys;
    if (Value < 0) {
        ULONG64 ticks = (ULONG64)0 - (ULONG64)Value;                 /* |Value|, LLONG_MIN included */
        return ticks > (~0ull - now) / 100 ? ~0ull : now + ticks * 100;
    }
    KeQuerySystemTime(&sys);
    if (Value <= sys.QuadPart)
        return now;
    return (ULONG64)(Value - sys.QuadPart) > (~0ull - now) / 100 ? ~0ull : now + (ULONG64)(Value - sys.QuadPart) * 100;
}

static VOID Unlink(EMU_OBJECT *O)
{
    EMU_OBJECT **link = &EmupM->KTimerHead;
    while (*link != NULL && *link != O)
        link = &(*link)->TimerNext;
    if (*link != NULL)
        *link = O->TimerNext;
    O->TimerNext = NULL;
    O->TimerSet = FALSE;
}

/* Due-time order; equal times in order of creation, so runs are deterministic. */
static VOID Insert(EMU_OBJECT *O, ULONG64 Due)
{
    EMU_OBJECT **link = &EmupM->KTimerHead;
    O->TimerDue = Due;
    O->TimerSet = TRUE;
    while (*link != NULL && ((*link)->TimerDue < Due || ((*link)->TimerDue == Due && (*link)->Id < O->Id)))
        link = &(*link)->TimerNext;
    O->TimerNext = *link;
    *link = O;
}

VOID KeInitializeTimerEx(PKTIMER Timer, TIMER_TYPE Type)
{
    EMU_OBJECT *old, *o;
    EmupCheckWaitNext("KeInitializeTimerEx");
    EmupSchedPoint(EMU_COST_CALL);
    if (Timer == NULL)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_ACCESS_VIOLATION, 0, 0, 0);
    if (Type != NotificationTimer && Type != SynchronizationTimer)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_INVALID_PARAMETER, 0, 0, 0);
    old = EmupObjectLookup(Timer, EMU_OBJ_TIMER, &Timer->EmuTag, &Timer->EmuId);
    if (old != NULL) {
        if (old->TimerSet)
            Unlink(old);
        old->Deleted = TRUE;
    }
    o = EmupObjectCreate(EMU_OBJ_TIMER, Timer, &Timer->EmuTag, &Timer->EmuId);
    o->EventType = (UCHAR)Type;                                       /* not signalled, not set */
}

VOID KeInitializeTimer(PKTIMER Timer)
{
    KeInitializeTimerEx(Timer, NotificationTimer);
}

BOOLEAN KeSetTimerEx(PKTIMER Timer, LARGE_INTEGER DueTime, LONG Period, PKDPC Dpc)
{
    EMU_THREAD *t = EmupCurrent();
    EMU_OBJECT *o, *dpc = NULL;
    BOOLEAN wasSet;
    EmupCheckWaitNext("KeSetTimerEx");
    EmupSchedPoint(EMU_COST_CALL);
    o = Lookup(Timer);
    if (t->Irql > DISPATCH_LEVEL)
        EmupBugCheck(0xC4, 0x31, t->Irql, DISPATCH_LEVEL, 0);
    if (Period < 0)
        EmupBugCheck(0x7E, (ULONG64)(LONG64)STATUS_INVALID_PARAMETER, 0, 0, 0);
    if (Dpc != NULL) {
        dpc = EmupObjectLookup(Dpc, EMU_OBJ_DPC, &Dpc->EmuTag, &Dpc->EmuId);
        if (dpc == NULL)
            EmupBugCheck(0xC4, 0x1002, EmuGuestAddress(Dpc), 0, 0);
    }
    EMUP_X(EmupXGlobal());                                            /* the timer list and the clock */
    wasSet = o->TimerSet;
    if (wasSet)
        Unlink(o);                                                    /* setting again cancels first */
    EmupCharge(EMU_COST_SIGNAL);
    o->SignalState = 0;
    o->TimerPeriod = Period;
    o->TimerDpc = dpc;
    o->TimerCpu = (UCHAR)(t->Cpu >= 0 ? t->Cpu : 0);
    Insert(o, EmupDueTime(DueTime.QuadPart));
    EmupTrace(EMU_EV_SIGNAL, t, o, 0, 0);
    return wasSet;
}

BOOLEAN KeSetTimer(PKTIMER Timer, LARGE_INTEGER DueTime, PKDPC Dpc)
{
    return KeSetTimerEx(Timer, DueTime, 0, Dpc);
}

BOOLEAN KeCancelTimer(PKTIMER Timer)
{
    EMU_OBJECT *o;
    BOOLEAN wasSet;
    EmupCheckWaitNext("KeCancelTimer");
    EmupSchedPoint(EMU_COST_CALL);
    o = Lookup(Timer);
    if (EmupCurrent()->Irql > DISPATCH_LEVEL)
        EmupBugCheck(0xC4, 0x31, EmupCurrent()->Irql, DISPATCH_LEVEL, 0);
    EMUP_X(EmupXGlobal());
    wasSet = o->TimerSet;
    if (wasSet)
        Unlink(o);                                                    /* the state is left as it is */
    return wasSet;
}

BOOLEAN KeReadStateTimer(PKTIMER Timer)
{
    EmupSchedPoint(EMU_COST_CALL);
    return Lookup(Timer)->SignalState != 0;
}

BOOLEAN EmupKTimerActive(EMU_OBJECT *Timer)
{
    return Timer->Type == EMU_OBJ_TIMER && Timer->TimerSet;
}

/* The earliest due time of a set timer that could change something (a
   waiter, or a DPC not queued yet), or ~0: a timer nobody waits for cannot
   end a wait, and one whose DPC is still queued (it cannot run: a DPC run as
   an interrupt is spinning) would only try to queue it again, for ever,
   while no step is taken and the budget never ends the run. */
ULONG64 EmupKTimerNextUseful(VOID)
{
    EMU_OBJECT *o;
    for (o = EmupM->KTimerHead; o != NULL; o = o->TimerNext)
        if (o->WaitHead != NULL || (o->TimerDpc != NULL && !o->TimerDpc->DpcQueued))
            return o->TimerDue;
    return ~0ull;
}

/* Moves a periodic timer past Horizon, to its first period after it, as if
   it had expired at each one before: the scheduler calls it when nothing
   else happens before Horizon and nobody can see those expiries. */
VOID EmupKTimerSkipPast(EMU_OBJECT *Timer, ULONG64 Horizon)
{
    ULONG64 period = (ULONG64)Timer->TimerPeriod * 1000000ull, due = Timer->TimerDue, n;
    if (!Timer->TimerSet || Timer->TimerPeriod <= 0 || due > Horizon || Horizon == ~0ull)
        return;
    n = (Horizon - due) / period + 1;
    Unlink(Timer);
    Insert(Timer, n > (~0ull - due) / period ? ~0ull : due + n * period);
}

/* Expires every timer due at or before UpTo, in time order: signalled, its
   waiters woken at the due time, its DPC queued, a periodic one set again. */
VOID EmupKTimersFire(ULONG64 UpTo)
{
    while (EmupM->KTimerHead != NULL && EmupM->KTimerHead->TimerDue <= UpTo) {
        EMU_OBJECT *o = EmupM->KTimerHead;
        ULONG64 due = o->TimerDue;
        Unlink(o);
        o->SignalState = 1;
        EmupM->TimerFiring = TRUE;                                    /* the timer readies the waiters */
        EmupWaitTest(o);
        EmupM->TimerFiring = FALSE;
        /* A period past the end of virtual time (~0) leaves it set, never due:
           wrapping round would fire it again at every period back to now.
           So does a signalled notification timer with no DPC and no waiter:
           only KeSetTimer(Ex) changes it now, so its later expiries are not
           seen, and firing each one would cost a loop per period (a day's
           delay beside a 1 ms timer: 86 million) with no step charged. */
        if (o->TimerPeriod > 0) {
            ULONG64 period = (ULONG64)o->TimerPeriod * 1000000ull;
            BOOLEAN unseen = o->EventType == NotificationTimer && o->SignalState != 0 && o->TimerDpc == NULL &&
                             o->WaitHead == NULL;
            Insert(o, !unseen && ~0ull - due > period ? due + period : ~0ull);
        }
        if (o->TimerDpc != NULL)
            EmupDpcQueueAt(o->TimerDpc, o->TimerCpu, due, NULL, NULL);
    }
}
