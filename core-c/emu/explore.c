/*++
Module Name: explore.c
Abstract: The explorer's search (docs/explorer.md): stateless model checking
          over the explore policy's scheduling choices. Each run replays a
          prefix of the last one and extends it (explore_pick.c records it);
          after the run, explore_hb.c adds the alternatives source-set DPOR
          with sleep sets needs, and this file backtracks to the deepest one
          left, keeps the distinct outcomes with a witness each, and joins
          Verifier's findings.
--*/
#include "explorep.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

X_STATE Xs;
BOOLEAN EmupXOn;

VOID *EmupXGrow(VOID *Array, ULONG *Cap, ULONG Need, SIZE_T Size)
{
    ULONG cap = *Cap ? *Cap : 64;
    VOID *grown;
    if (Need <= *Cap)
        return Array;
    while (cap < Need)
        cap *= 2;
    grown = realloc(Array, (SIZE_T)cap * Size);
    if (grown == NULL)
        abort();
    *Cap = cap;
    return grown;
}


VOID EmupXFail(PCSTR Message)
{
    if (Xs.Stats.Error[0] == '\0')
        snprintf(Xs.Stats.Error, sizeof(Xs.Stats.Error), "%s", Message);
}

VOID EmuExploreFree(VOID)
{
    ULONG i;
    for (i = 0; i < Xs.Stats.OutcomeCount; i++) {
        free((VOID *)Xs.Outcomes[i].Public.Witness);
        free(Xs.Outcomes[i].Key);
    }
    free(Xs.Outcomes);
    free(Xs.Findings);
    free(Xs.Nodes);
    free(Xs.Acc);
    free(Xs.Sleepers);
    free(Xs.SleepAcc);
    free(Xs.SleepIdx);
    free(Xs.Vc);
    EmupXFreeSlots();
    memset(&Xs, 0, sizeof(Xs));
    EmupXOn = FALSE;
}

VOID EmuExploreBegin(const EMU_EXPLORE_OPTIONS *Options)
{
    ULONG shards;
    EmuExploreFree();
    Xs.Begun = TRUE;
    Xs.Opt = *Options;
    if (Xs.Opt.MaxEvents == 0)
        Xs.Opt.MaxEvents = X_DEFAULT_EVENTS;
    if (Xs.Opt.Shards == 0)
        Xs.Opt.Shards = 1;
    /* Sharding expands the first choices fully and splits the subtrees below
       them by a hash of those choices: every shard sees the same top. */
    for (shards = Xs.Opt.Shards, Xs.SplitDepth = 0; shards > 1; shards = (shards + 1) / 2)
        Xs.SplitDepth++;
    if (Xs.Opt.Shards > 1)
        Xs.SplitDepth += 3;
    Xs.Outcomes = (X_OUTCOME *)calloc(X_MAX_OUTCOMES, sizeof(X_OUTCOME));
    Xs.Findings = (EMU_FINDING *)calloc(X_MAX_FINDINGS, sizeof(EMU_FINDING));
    if (Xs.Outcomes == NULL || Xs.Findings == NULL)
        abort();
}

/* ---- after a run: outcomes ------------------------------------------------ */

static ULONG64 Fnv(const CHAR *S, SIZE_T N)
{
    ULONG64 h = 0xCBF29CE484222325ull;
    SIZE_T i;
    for (i = 0; i < N; i++)
        h = (h ^ (UCHAR)S[i]) * 0x100000001B3ull;
    return h;
}

/* Two runs are the same outcome when these agree: kind, DriverEntry's status,
   the output, the bug check's code and line, who deadlocked on what, and the
   assertion's line. */
static CHAR *OutcomeKey(SIZE_T *Length)
{
    const EMU_RESULT *r = EmuResult();
    SIZE_T outSize, size, n;
    const CHAR *out = EmuOutput(&outSize);
    CHAR *key;
    ULONG k;
    size = outSize + 128 + (SIZE_T)r->DeadlockCount * 48;
    key = (CHAR *)malloc(size);
    if (key == NULL)
        abort();
    n = (SIZE_T)snprintf(key, size, "%u|%u|%08X|", (unsigned)r->Outcome, (unsigned)r->EntryReturned,
                         r->EntryReturned ? (unsigned)r->EntryStatus : 0u);
    if (outSize != 0)
        memcpy(key + n, out, outSize);
    n += outSize;
    key[n] = '\0';
    if (r->Outcome == EmuOutcomeBugcheck)
        n += (SIZE_T)snprintf(key + n, size - n, "|B%08X@%u", (unsigned)r->BugcheckCode, EMU_LOC_LINE(r->BugcheckLoc));
    if (r->Outcome == EmuOutcomeDeadlock)
        for (k = 0; k < r->DeadlockCount; k++)
            n += (SIZE_T)snprintf(key + n, size - n, "|T%u:%u#%u", r->Deadlock[k].Thread, r->Deadlock[k].ObjectType,
                                  r->Deadlock[k].Object);
    if (r->Outcome == EmuOutcomeAssertion)
        n += (SIZE_T)snprintf(key + n, size - n, "|A%u", EMU_LOC_LINE(r->AssertLoc));
    *Length = n;
    return key;
}

static VOID MergeFindings(VOID)
{
    const EMU_RESULT *r = EmuResult();
    ULONG k, i;
    for (k = 0; k < r->FindingCount; k++) {
        const EMU_FINDING *f = &r->Findings[k];
        for (i = 0; i < Xs.Stats.FindingCount; i++)
            if (Xs.Findings[i].Code == f->Code && EMU_LOC_LINE(Xs.Findings[i].Locs[0]) == EMU_LOC_LINE(f->Locs[0]) &&
                EMU_LOC_LINE(Xs.Findings[i].Locs[1]) == EMU_LOC_LINE(f->Locs[1]))
                break;
        if (i == Xs.Stats.FindingCount && i < X_MAX_FINDINGS)
            Xs.Findings[Xs.Stats.FindingCount++] = *f;
    }
}

BOOLEAN EmuExploreEnd(VOID)
{
    SIZE_T length;
    CHAR *key;
    ULONG64 hash;
    ULONG i, count;
    const USHORT *choices;
    X_OUTCOME *o;
    BOOLEAN stopped;

    EmupXEndEvent();
    EmupXOn = FALSE;
    Xs.Active = FALSE;
    Xs.Stats.Runs++;
    Xs.Stats.Events += Xs.RunEvents;
    if (Xs.RunEvents > Xs.Stats.MaxDepth)
        Xs.Stats.MaxDepth = Xs.RunEvents;
    if (Xs.Diverged) {
        Xs.NodeCount = 0;
        return FALSE;
    }
    Xs.NodeCount = Xs.RunEvents;
    if (!Xs.OwnedKnown) {
        Xs.OwnedKnown = TRUE;
        Xs.Owned = Xs.TopHash % Xs.Opt.Shards == Xs.Opt.Shard;
    }
    stopped = !Xs.Blocked && !Xs.Cut && Xs.RunEvents != 0 && (EmuResult()->Outcome == EmuOutcomeBugcheck ||
              EmuResult()->Outcome == EmuOutcomeAssertion || EmuResult()->Outcome == EmuOutcomeBudget);
    if (stopped)
        Xs.Nodes[Xs.RunEvents - 1].Global = TRUE;   /* what the outcome shows depends on every step before */
    if (Xs.Owned) {
        ULONG from = Xs.PrefixLen ? Xs.PrefixLen - 1 : 0;
        EmupXAnalyze(from < Xs.VcValid ? from : Xs.VcValid, Xs.RunEvents);
        Xs.VcValid = Xs.RunEvents;
        if (stopped)
            Xs.EndDeferred = Xs.Nodes[Xs.RunEvents - 1].Deferred;
        if ((stopped || Xs.Blocked) && Reduction())
            EmupXPending(stopped);
    } else if (Xs.PrefixLen == 0 || Xs.VcValid > Xs.PrefixLen - 1) {
        Xs.VcValid = Xs.PrefixLen ? Xs.PrefixLen - 1 : 0;
    }
    if (Xs.Cut)
        Xs.Stats.Cut = TRUE;
    if (Xs.Blocked) {
        Xs.Stats.Pruned++;
        return FALSE;
    }
    if (!Xs.Owned || Xs.Cut)
        return FALSE;
    Xs.Stats.Schedules++;
    MergeFindings();
    key = OutcomeKey(&length);
    hash = Fnv(key, length);
    for (i = 0; i < Xs.Stats.OutcomeCount; i++) {
        o = &Xs.Outcomes[i];
        if (o->Hash == hash && strlen(o->Key) == length && memcmp(o->Key, key, length) == 0) {
            o->Public.Count++;
            free(key);
            return FALSE;
        }
    }
    if (Xs.Stats.OutcomeCount == X_MAX_OUTCOMES) {
        free(key);
        EmupXFail("more than 1024 distinct outcomes");
        return FALSE;
    }
    o = &Xs.Outcomes[Xs.Stats.OutcomeCount++];
    o->Key = key;
    o->Hash = hash;
    o->Public.Count = 1;
    o->Public.Outcome = EmuResult()->Outcome;
    choices = EmuChoices(&count);
    o->Public.Witness = (USHORT *)malloc((count ? count : 1) * sizeof(USHORT));
    if (o->Public.Witness == NULL)
        abort();
    if (count != 0)
        memcpy((VOID *)o->Public.Witness, choices, count * sizeof(USHORT));
    o->Public.WitnessCount = count;
    return TRUE;
}

/* ---- the next schedule ------------------------------------------------------ */

static VOID Pop(VOID)
{
    X_NODE *n = &Xs.Nodes[--Xs.NodeCount];
    Xs.SleeperCount = n->MarkSleepers;
    Xs.SleepAccCount = n->MarkSleepAcc;
    Xs.SleepIdxCount = n->SleepFirst;
}

/* The step just explored from node K goes to sleep there: a sibling that does
   not touch what it touches will not run it again first. */
static VOID Sleep(ULONG K)
{
    X_NODE *n = &Xs.Nodes[K];
    X_SLEEPER *z;
    Xs.Sleepers = (X_SLEEPER *)EmupXGrow(Xs.Sleepers, &Xs.SleeperCap, Xs.SleeperCount + 1, sizeof(X_SLEEPER));
    Xs.SleepAcc = (X_ACC *)EmupXGrow(Xs.SleepAcc, &Xs.SleepAccCap, Xs.SleepAccCount + n->AccCount, sizeof(X_ACC));
    Xs.SleepIdx = (ULONG *)EmupXGrow(Xs.SleepIdx, &Xs.SleepIdxCap, Xs.SleepIdxCount + 1, sizeof(ULONG));
    z = &Xs.Sleepers[Xs.SleeperCount];
    z->Tid = n->Tid;
    z->Global = n->Global;
    z->AccFirst = Xs.SleepAccCount;
    z->AccCount = n->AccCount;
    if (n->AccCount != 0)
        memcpy(Xs.SleepAcc + Xs.SleepAccCount, Xs.Acc + n->AccFirst, n->AccCount * sizeof(X_ACC));
    Xs.SleepAccCount += n->AccCount;
    Xs.SleepIdx[Xs.SleepIdxCount++] = Xs.SleeperCount++;
    n->SleepCount++;
    n->Sleep |= 1ull << n->Tid;
}

BOOLEAN EmuExploreNext(EMU_CONFIG *Config)
{
    if (!Xs.Begun || Xs.Stats.Error[0] != '\0' || Xs.Stats.Complete)
        return FALSE;
    if (Xs.Stats.Runs > 0) {
        /* Deepest node first with an alternative left to run. */
        for (;;) {
            X_NODE *n;
            ULONG64 left;
            ULONG k;
            if (Xs.NodeCount == 0) {
                Xs.Stats.Complete = TRUE;
                return FALSE;
            }
            k = Xs.NodeCount - 1;
            n = &Xs.Nodes[k];
            n->Done |= 1ull << n->Tid;
            if (n->IsChoice && !n->Top && Reduction())
                Sleep(k);
            left = n->Backtrack & ~n->Done & ~n->Sleep;
            if (left != 0) {
                n->Tid = (USHORT)Lowest(left);
                n->Preemptions = PreemptionsBefore(k) + (n->Prev != 0 && n->Tid != n->Prev);
                Xs.PrefixLen = k + 1;
                break;
            }
            Xs.Stats.Pruned += Count(n->Enabled & ~n->Done);
            Pop();
        }
    }
    EmuDefaultConfig(Config);
    Config->Cpus = Xs.Opt.Cpus ? Xs.Opt.Cpus : 2;
    Config->StepBudget = Xs.Opt.StepBudget;
    Config->Policy = EmuPolicyExplore;
    Config->NoTrace = TRUE;
    Xs.RunEvents = 0;
    Xs.CurEvent = -1;
    Xs.AccCount = 0;
    memset(Xs.Create, 0, sizeof(Xs.Create));
    memset(Xs.Wake, 0, sizeof(Xs.Wake));
    memset(Xs.Seq, 0, sizeof(Xs.Seq));
    memset(Xs.Last, 0, sizeof(Xs.Last));
    Xs.Blocked = Xs.Diverged = Xs.Cut = FALSE;
    Xs.EndDeferred = 0;
    Xs.ChoiceNodes = 0;
    Xs.TopHash = 0;
    Xs.OwnedKnown = Xs.Opt.Shards <= 1;
    Xs.Owned = Xs.Opt.Shards <= 1;
    Xs.Active = TRUE;
    EmupXOn = TRUE;
    return TRUE;
}

const EMU_EXPLORE_STATS *EmuExploreStats(VOID) { return &Xs.Stats; }

const EMU_EXPLORE_OUTCOME *EmuExploreOutcome(ULONG Index)
{
    return Index < Xs.Stats.OutcomeCount ? &Xs.Outcomes[Index].Public : NULL;
}

const EMU_EXPLORE_RACE *EmuExploreRace(ULONG Index)
{
    return Index < Xs.Stats.RaceCount ? &Xs.Races[Index] : NULL;
}

const EMU_FINDING *EmuExploreFinding(ULONG Index)
{
    return Index < Xs.Stats.FindingCount ? &Xs.Findings[Index] : NULL;
}

