/*++
Module Name: explore_hb.c
Abstract: The order of a run's events (docs/explorer.md): dependence,
          vector clocks of happens-before (by dependence, for the reduction;
          by synchronisation, for data races), the races that add an
          alternative (source-set DPOR: an initial of the reversed order at
          the earlier event), deferred waits' races with whoever closed their
          object, and data races. An index by object and 8-byte granule keeps
          the latest step of each thread, so each event is compared with
          those only.
--*/
#include "explorep.h"
#include <stdlib.h>
#include <string.h>

/* ---- dependence ------------------------------------------------------------ */

static BOOLEAN Overlap(const X_ACC *A, const X_ACC *B)
{
    return A->Addr < B->Addr + B->Bytes && B->Addr < A->Addr + A->Bytes;
}

/* Two steps are dependent when they touch one object, or the same memory with
   at least one write (an interlocked operation writes), or either changes
   what the machine as a whole can do (Global). */
BOOLEAN EmupXDependent(const X_ACC *A, ULONG Na, BOOLEAN Ga, const X_ACC *B, ULONG Nb, BOOLEAN Gb)
{
    ULONG i, k;
    if (Ga || Gb)
        return TRUE;
    for (i = 0; i < Na; i++)
        for (k = 0; k < Nb; k++) {
            if ((A[i].Kind & X_OBJECT) || (B[k].Kind & X_OBJECT)) {
                if ((A[i].Kind & X_OBJECT) && (B[k].Kind & X_OBJECT) && A[i].Addr == B[k].Addr)
                    return TRUE;
            } else if (((A[i].Kind | B[k].Kind) & X_WRITE) && Overlap(&A[i], &B[k])) {
                return TRUE;
            }
        }
    return FALSE;
}

/* ---- after a run: clocks, reversals, data races ----------------------------- */

static ULONG *VcDep(ULONG E) { return Xs.Vc + (SIZE_T)E * 2 * X_WIDTH; }
static ULONG *VcSync(ULONG E) { return Xs.Vc + (SIZE_T)E * 2 * X_WIDTH + X_WIDTH; }

/* Threads of this run: clock entries from Width on are zero. */
static ULONG Width = X_WIDTH;

static VOID Join(ULONG *Into, const ULONG *From)
{
    ULONG i;
    for (i = 0; i < Width; i++)
        if (From[i] > Into[i])
            Into[i] = From[i];
}

static BOOLEAN Before(ULONG I, const ULONG *Clock)   /* event I happens before Clock */
{
    return Clock[Xs.Nodes[I].Tid] > Xs.Nodes[I].Seq;
}

/* Race (I, J) of the reduction: J's thread (Tid), or whatever must run first
   for it to, may run before I. Adds one initial of that sequence at I. J may
   be the step a thread has not taken when the run ended (J = the run's
   length); ClockJ is what J happens after. */
static VOID Reverse(ULONG I, ULONG J, ULONG Tid, const ULONG *ClockJ)
{
    X_NODE *ni = &Xs.Nodes[I];
    ULONG first[X_MAX_TID + 1];
    ULONG64 initials = 0;
    ULONG k, p, q;

    if (!ni->IsChoice || ni->Top)
        return;
    memset(first, 0, sizeof(first));
    for (k = I + 1; k < J; k++) {
        if (Before(I, VcDep(k)))
            continue;                     /* must stay after I */
        if (first[Xs.Nodes[k].Tid] == 0)
            first[Xs.Nodes[k].Tid] = k + 1;
    }
    if (first[Tid] == 0)
        first[Tid] = J + 1;
    for (p = 0; p <= X_MAX_TID; p++) {
        BOOLEAN initial = first[p] != 0;
        const ULONG *clock = first[p] == J + 1 ? ClockJ : first[p] != 0 ? VcDep(first[p] - 1) : NULL;
        for (q = 0; initial && q <= X_MAX_TID; q++)
            if (q != p && first[q] != 0 && first[q] < first[p] && Before(first[q] - 1, clock))
                initial = FALSE;
        if (initial)
            initials |= 1ull << p;
    }
    initials &= ni->Enabled;
    if (initials == 0 || (initials & (ni->Backtrack | ni->Sleep)))
        return;
    ni->Backtrack |= (initials & (1ull << Tid)) ? 1ull << Tid : 1ull << Lowest(initials);
}

/* J's thread was waiting (deferred) before I, I opened the object J's wait
   passes on, and that is all they share: J could not run before I, nor
   before what I's thread did earlier, so the pair is no race to reverse (J's
   race is with whoever closed the object before: GateRace). A J whose thread
   had yet to reach its wait may run its first steps before I: a race. */
static BOOLEAN Enables(ULONG I, ULONG J)
{
    const X_NODE *a = &Xs.Nodes[I], *b = &Xs.Nodes[J];
    ULONG x, y;
    if (!b->Gated || a->Global || b->Global || !(a->Deferred & (1ull << b->Tid)))
        return FALSE;
    for (x = a->AccFirst; x < a->AccFirst + a->AccCount; x++)
        for (y = b->AccFirst; y < b->AccFirst + b->AccCount; y++) {
            const X_ACC *p = &Xs.Acc[x], *q = &Xs.Acc[y];
            if (!EmupXDependent(p, 1, FALSE, q, 1, FALSE))
                continue;
            if (!(p->Kind & X_OBJECT) || (p->Kind & X_PSEUDO) || (p->Open & X_OPEN_BEFORE) ||
                !(p->Open & X_OPEN_AFTER) || !(q->Open & X_GATE))
                return FALSE;
        }
    return TRUE;
}

static VOID AddRace(const X_ACC *A, const X_ACC *B)
{
    ULONG i, la = EMU_LOC_LINE(A->Loc), lb = EMU_LOC_LINE(B->Loc);
    EMU_EXPLORE_RACE *r;
    for (i = 0; i < Xs.Stats.RaceCount; i++) {
        r = &Xs.Races[i];
        if (r->Address == (A->Addr > B->Addr ? A->Addr : B->Addr) &&
            ((EMU_LOC_LINE(r->Locs[0]) == la && EMU_LOC_LINE(r->Locs[1]) == lb) ||
             (EMU_LOC_LINE(r->Locs[0]) == lb && EMU_LOC_LINE(r->Locs[1]) == la)))
            return;
    }
    if (Xs.Stats.RaceCount == X_MAX_RACES)
        return;
    r = &Xs.Races[Xs.Stats.RaceCount++];
    r->Locs[0] = A->Loc;
    r->Locs[1] = B->Loc;
    r->Writes[0] = (A->Kind & X_WRITE) != 0;
    r->Writes[1] = (B->Kind & X_WRITE) != 0;
    r->Address = A->Addr > B->Addr ? A->Addr : B->Addr;
    r->Bytes = A->Bytes < B->Bytes ? A->Bytes : B->Bytes;
    r->AllocOffset = 0;
    r->AllocLoc = EmupPoolAllocLoc(r->Address, &r->AllocOffset);
}

/* The analysis indexes what each thread last did to each object and each
   8-byte granule of memory, so each event is compared with the latest
   conflicting event of every other thread only: an earlier one of the same
   thread is ordered before that one anyway. */
#define X_GRANULE_SHIFT 3
#define X_WIDE_GRANULES 16                /* wider accesses are compared one by one */
#define X_OBJECT_KEY (1ull << 63)

typedef struct _X_SLOT {
    ULONG64 Key;                          /* 0: free                          */
    ULONG Any[X_WIDTH], Write[X_WIDTH], Plain[X_WIDTH], PlainWrite[X_WIDTH], Atomic[X_WIDTH];
    ULONG Opened[X_WIDTH];                /* objects: the latest step that found it open */
} X_SLOT;

static X_SLOT *Slots;
static ULONG SlotCap, SlotUsed, *SlotList;   /* SlotList: the used slots, to free only them */

/* A slot taken: its entries for this run's threads cleared (no others are read). */
static VOID Claim(X_SLOT *S, ULONG64 Key)
{
    SIZE_T n = Width * sizeof(ULONG);
    S->Key = Key;
    memset(S->Any, 0, n);
    memset(S->Write, 0, n);
    memset(S->Plain, 0, n);
    memset(S->PlainWrite, 0, n);
    memset(S->Atomic, 0, n);
    memset(S->Opened, 0, n);
}

static X_SLOT *Slot(ULONG64 Key)
{
    ULONG64 h;
    ULONG i;
    if (SlotUsed * 2 >= SlotCap) {
        X_SLOT *old = Slots;
        ULONG oldCap = SlotCap, k;
        SlotCap = SlotCap ? SlotCap * 2 : 256;
        Slots = (X_SLOT *)calloc(SlotCap, sizeof(X_SLOT));
        free(SlotList);
        SlotList = (ULONG *)malloc(SlotCap * sizeof(ULONG));
        if (Slots == NULL || SlotList == NULL)
            abort();
        SlotUsed = 0;
        for (k = 0; k < oldCap; k++)
            if (old[k].Key != 0) {
                X_SLOT *n = Slot(old[k].Key - 1);
                memcpy(n, &old[k], sizeof(X_SLOT));
            }
        free(old);
    }
    h = (Key + 1) * 0x9E3779B97F4A7C15ull;
    for (i = (ULONG)(h >> 40) & (SlotCap - 1);; i = (i + 1) & (SlotCap - 1)) {
        if (Slots[i].Key == Key + 1)
            return &Slots[i];
        if (Slots[i].Key == 0) {
            Claim(&Slots[i], Key + 1);
            SlotList[SlotUsed++] = i;
            return &Slots[i];
        }
    }
}

VOID EmupXFreeSlots(VOID)
{
    free(Slots);
    free(SlotList);
    Slots = NULL;
    SlotList = NULL;
    SlotCap = SlotUsed = 0;
}

static VOID ResetSlots(VOID)
{
    ULONG i;
    for (i = 0; i < SlotUsed; i++)
        Slots[SlotList[i]].Key = 0;
    SlotUsed = 0;
}

static BOOLEAN Wide(const X_ACC *A)
{
    return !(A->Kind & X_OBJECT) && A->Bytes > (X_WIDE_GRANULES - 1) << X_GRANULE_SHIFT;
}

static VOID Latest(ULONG *Best, const ULONG *From, ULONG Self, ULONG Width)
{
    ULONG u;
    for (u = 0; u < Width; u++)
        if (u != Self && From[u] > Best[u])
            Best[u] = From[u];
}

/* The plain access of event I that overlaps Q, to name its line. */
static const X_ACC *PlainOverlap(ULONG I, const X_ACC *Q)
{
    const X_NODE *a = &Xs.Nodes[I];
    ULONG x;
    for (x = 0; x < a->AccCount; x++) {
        const X_ACC *p = &Xs.Acc[a->AccFirst + x];
        if (!(p->Kind & (X_OBJECT | X_ATOMIC)) && ((p->Kind | Q->Kind) & X_WRITE) && Overlap(p, Q))
            return p;
    }
    return NULL;
}

/* J's wait on object Id passed (or would, for a step not taken: J = the run's
   length). Whoever last found the object open before, in another thread, may
   have closed it: J running first is the other order, which the release
   between them hides from the races above (exact DPOR's lock race). Po: what
   J happens after in its own thread; Clock: all that J happens after. */
static VOID GateRace(ULONG64 Id, ULONG J, ULONG Tid, const ULONG *Po, const ULONG *Clock)
{
    const X_SLOT *slot = Slot(X_OBJECT_KEY | Id);
    ULONG u, i = 0;
    for (u = 0; u < Width; u++)
        if (u != Tid && slot->Opened[u] > i)
            i = slot->Opened[u];
    if (i != 0 && !Before(i - 1, Po))
        Reverse(i - 1, J, Tid, Clock);
}

VOID EmupXAnalyze(ULONG From, ULONG To)
{
    ULONG last[X_WIDTH], lastGlobal[X_WIDTH], po[X_WIDTH], *wide = NULL, wideCount = 0, width = 1, j, u, x;
    memset(last, 0, sizeof(last));
    memset(lastGlobal, 0, sizeof(lastGlobal));
    Xs.Vc = (ULONG *)EmupXGrow(Xs.Vc, &Xs.VcCap, To * 2 * X_WIDTH, sizeof(ULONG));
    ResetSlots();
    for (j = 0; j < To; j++)
        if (Xs.Nodes[j].Tid + 1u > width)
            width = Xs.Nodes[j].Tid + 1u;
    Width = width;
    for (j = 0; j < To; j++) {
        X_NODE *n = &Xs.Nodes[j];
        ULONG t = n->Tid;
        BOOLEAN global = n->Global;
        for (x = 0; x < n->AccCount && !global; x++)
            global = Wide(&Xs.Acc[n->AccFirst + x]);
        if (j >= From) {
            ULONG best[X_WIDTH], sync[X_WIDTH], *d = VcDep(j), *s = VcSync(j), acc[X_WIDTH];
            memset(best, 0, width * sizeof(ULONG));
            memset(sync, 0, width * sizeof(ULONG));
            Latest(best, global ? last : lastGlobal, t, width);
            for (x = 0; x < n->AccCount; x++) {
                const X_ACC *a = &Xs.Acc[n->AccFirst + x];
                ULONG64 g, g0, g1;
                ULONG k;
                if (a->Kind & X_OBJECT) {
                    X_SLOT *slot = Slot(X_OBJECT_KEY | a->Addr);
                    Latest(best, slot->Any, t, width);
                    if (!(a->Kind & X_PSEUDO))
                        Latest(sync, slot->Any, t, width);
                    continue;
                }
                for (k = 0; k < wideCount; k++) {     /* earlier wide accesses */
                    const X_ACC *w = &Xs.Acc[wide[k * 2 + 1]];
                    ULONG e = wide[k * 2];
                    if (Xs.Nodes[e].Tid != t && Overlap(w, a) && e + 1 > best[Xs.Nodes[e].Tid])
                        best[Xs.Nodes[e].Tid] = e + 1;
                }
                if (Wide(a))
                    continue;
                g0 = a->Addr >> X_GRANULE_SHIFT;
                g1 = (a->Addr + a->Bytes - 1) >> X_GRANULE_SHIFT;
                for (g = g0; g <= g1; g++) {
                    X_SLOT *slot = Slot(g);
                    Latest(best, (a->Kind & X_WRITE) ? slot->Any : slot->Write, t, width);
                    if (a->Kind & X_ATOMIC)
                        Latest(sync, slot->Atomic, t, width);
                }
            }
            memset(d, 0, X_WIDTH * sizeof(ULONG));
            memset(s, 0, X_WIDTH * sizeof(ULONG));
            if (n->PoPrev) { Join(d, VcDep(n->PoPrev - 1)); Join(s, VcSync(n->PoPrev - 1)); }
            if (n->CreateFrom) { Join(d, VcDep(n->CreateFrom - 1)); Join(s, VcSync(n->CreateFrom - 1)); }
            if (n->WakeFrom) { Join(d, VcDep(n->WakeFrom - 1)); Join(s, VcSync(n->WakeFrom - 1)); }
            memcpy(acc, d, width * sizeof(ULONG));
            memcpy(po, d, width * sizeof(ULONG));
            for (u = 0; u < width; u++) {
                if (best[u])
                    Join(d, VcDep(best[u] - 1));
                if (sync[u])
                    Join(s, VcSync(sync[u] - 1));
            }
            d[t] = n->Seq + 1;
            s[t] = n->Seq + 1;
            for (x = 0; x < n->AccCount && n->Gated && Reduction(); x++)
                if (Xs.Acc[n->AccFirst + x].Open & X_GATE)
                    GateRace(Xs.Acc[n->AccFirst + x].Addr, j, t, po, d);
            /* A race is a dependent pair that nothing else orders: latest first. */
            for (;;) {
                ULONG pick = 0;
                for (u = 0; u < width; u++)
                    if (best[u] > pick)
                        pick = best[u];
                if (pick == 0)
                    break;
                best[Xs.Nodes[pick - 1].Tid] = 0;
                if (!Before(pick - 1, acc) && Reduction() && !Enables(pick - 1, j))
                    Reverse(pick - 1, j, t, d);
                Join(acc, VcDep(pick - 1));
            }
            /* Data races: plain accesses that synchronisation does not order. */
            for (x = 0; x < n->AccCount; x++) {
                const X_ACC *q = &Xs.Acc[n->AccFirst + x];
                ULONG64 g;
                if ((q->Kind & (X_OBJECT | X_ATOMIC)) || Wide(q))
                    continue;
                for (g = q->Addr >> X_GRANULE_SHIFT; g <= (q->Addr + q->Bytes - 1) >> X_GRANULE_SHIFT; g++) {
                    X_SLOT *slot = Slot(g);
                    const ULONG *other = (q->Kind & X_WRITE) ? slot->Plain : slot->PlainWrite;
                    for (u = 0; u < width; u++) {
                        const X_ACC *p;
                        if (u == t || other[u] == 0 || Before(other[u] - 1, s))
                            continue;
                        p = PlainOverlap(other[u] - 1, q);
                        if (p != NULL)
                            AddRace(p, q);
                    }
                }
            }
        }
        /* What this event did, for the events after it. */
        last[t] = j + 1;
        if (global)
            lastGlobal[t] = j + 1;
        for (x = 0; x < n->AccCount; x++) {
            const X_ACC *a = &Xs.Acc[n->AccFirst + x];
            ULONG64 g;
            X_SLOT *slot;
            if (a->Kind & X_OBJECT) {
                slot = Slot(X_OBJECT_KEY | a->Addr);
                slot->Any[t] = slot->Write[t] = j + 1;
                if (a->Open & X_OPEN_BEFORE)
                    slot->Opened[t] = j + 1;
                continue;
            }
            if (Wide(a)) {
                wide = (ULONG *)realloc(wide, (wideCount + 1) * 2 * sizeof(ULONG));
                if (wide == NULL)
                    abort();
                wide[wideCount * 2] = j;
                wide[wideCount * 2 + 1] = n->AccFirst + x;
                wideCount++;
                continue;
            }
            for (g = a->Addr >> X_GRANULE_SHIFT; g <= (a->Addr + a->Bytes - 1) >> X_GRANULE_SHIFT; g++) {
                slot = Slot(g);
                slot->Any[t] = j + 1;
                if (a->Kind & X_WRITE)
                    slot->Write[t] = j + 1;
                if (a->Kind & X_ATOMIC) {
                    slot->Atomic[t] = j + 1;
                } else {
                    slot->Plain[t] = j + 1;
                    if (a->Kind & X_WRITE)
                        slot->PlainWrite[t] = j + 1;
                }
            }
        }
    }
    free(wide);
}

/* The run ended while threads could still move: a bug check, an assertion or
   the budget stopped it (Stopped), or every thread that could go on slept.
   Each stopped thread's next step, had it run before the step that stopped
   the machine, could change what the outcome shows; a deferred wait races
   with whoever closed its object. */
VOID EmupXPending(BOOLEAN Stopped)
{
    X_NODE *last = &Xs.Nodes[Xs.RunEvents - 1];
    ULONG i, k;
    if (Stopped && last->IsChoice && !last->Top)
        last->Backtrack |= last->Enabled & ~last->Sleep;
    for (i = 0; i < EmupM->ThreadCount; i++) {
        const EMU_THREAD *t = EmupM->Threads[i];
        ULONG po[X_WIDTH];
        if (t->Tid > X_MAX_TID || !(Xs.EndDeferred & (1ull << t->Tid)) || t->XWaitCount == 0)
            continue;
        memset(po, 0, sizeof(po));
        if (Xs.Last[t->Tid])
            Join(po, VcDep(Xs.Last[t->Tid] - 1));
        if (Xs.Create[t->Tid])
            Join(po, VcDep(Xs.Create[t->Tid] - 1));
        po[t->Tid] = Xs.Seq[t->Tid] + 1;
        for (k = 0; k < t->XWaitCount; k++)
            GateRace(t->XWaitOn[k]->Id, Xs.RunEvents, t->Tid, po, po);
    }
}

