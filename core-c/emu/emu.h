/*++
Module Name: emu.h
Abstract: The host's view of the emulated kernel: configure a machine, run a
          driver on it, read the outcome, the trace and the findings. The
          kernel API itself is ntddk.h; this header is for the harness (tests,
          the scenario VM, the WebAssembly export layer), never for drivers.
--*/
#pragma once
#include <ntddk.h>

/* Explore (docs/explorer.md): every thread that could move is a candidate at
   every scheduling point, a pending timer fires only when its thread is
   chosen, and thread priorities and virtual time never decide. Beyond the
   replay list it keeps the current thread, else the lowest thread id, timers
   last. This is the policy the explorer runs and its witnesses replay under. */
typedef enum _EMU_POLICY { EmuPolicyTimed = 0, EmuPolicyRoundRobin, EmuPolicyRandom, EmuPolicyPct,
                           EmuPolicyExplore } EMU_POLICY;

typedef enum _EMU_OUTCOME {
    EmuOutcomeNone = 0,        /* still running, or never run             */
    EmuOutcomeCompleted,       /* DriverEntry and every thread ended      */
    EmuOutcomeBugcheck,
    EmuOutcomeDeadlock,
    EmuOutcomeAssertion,
    EmuOutcomeBudget,
    EmuOutcomeReplayDivergedRetired /* no longer produced: a diverged replay runs on freely (ReplayDivergedAt) */
} EMU_OUTCOME;

typedef struct _EMU_CONFIG {
    ULONG Cpus;                /* 1..8, default 2                          */
    EMU_POLICY Policy;
    ULONG64 Seed;              /* random and PCT                           */
    ULONG64 StepBudget;        /* 0: EMU_DEFAULT_BUDGET, the playground's  */
    ULONG PctDepth;            /* PCT bug depth d, default 3               */
    ULONG64 PctLength;         /* PCT: the run's length in choices, over which the
                                  change points are drawn; 0: 1000 (VmHostRun
                                  measures it with a first pass)            */
    ULONG QuantumUs;           /* timed policy's quantum, default 100 us   */
    ULONG FailAllocNth;        /* fail the Nth ExAllocatePool2 (1-based); 0 none */
    BOOLEAN FindingsFatal;     /* Verifier deadlock findings bug-check      */
    BOOLEAN LeaksFatal;        /* leaks at unload bug-check 0xC4/0x62       */
    BOOLEAN NoTrace;           /* skip the trace (benchmarks)               */
    const USHORT *Replay;      /* thread ids to choose, one per choice      */
    ULONG ReplayCount;
    SIZE_T TraceLimit;         /* 0: 256 MiB; past it the trace is truncated */
} EMU_CONFIG;

#define EMU_MAX_CPUS 8
#define EMU_MAX_THREADS 256       /* thread ids run 1..EMU_MAX_THREADS; hosts index by id */
#define EMU_MAX_FINDINGS 64
#define EMU_MAX_DEADLOCK 32

typedef struct _EMU_FINDING {
    ULONG Code;                /* 0xC4 subcode: 0x1000 self-deadlock, ...  */
    ULONG64 Params[3];
    ULONG Locs[2];             /* where the involved acquisitions were     */
    CHAR Message[160];
} EMU_FINDING;

typedef struct _EMU_DEADLOCK_ENTRY {
    ULONG Thread;              /* thread id                                */
    ULONG Object;              /* object id it waits for (0: none)         */
    ULONG ObjectType;          /* EMU_OBJ_* of that object                 */
    ULONG Owner;               /* thread id that owns it (0: none)         */
    ULONG Loc;                 /* where the thread waits                   */
    BOOLEAN InCycle;
} EMU_DEADLOCK_ENTRY;

typedef struct _EMU_LEAK {
    ULONG Tag;
    ULONG64 Bytes;
    ULONG Loc;
    ULONG64 Address;           /* the block's virtual address              */
} EMU_LEAK;

typedef struct _EMU_RESULT {
    EMU_OUTCOME Outcome;
    BOOLEAN EntryReturned;
    NTSTATUS EntryStatus;      /* DriverEntry's return value               */
    ULONG BugcheckCode;
    ULONG64 BugcheckParams[4];
    ULONG BugcheckLoc;
    ULONG BugcheckThread;
    ULONG AssertLoc;
    CHAR AssertExpr[160];
    ULONG DeadlockCount;
    EMU_DEADLOCK_ENTRY Deadlock[EMU_MAX_DEADLOCK];
    ULONG FindingCount;
    EMU_FINDING Findings[EMU_MAX_FINDINGS];
    ULONG64 Steps;
    ULONG64 TimeNs;
    ULONG64 Choices;
    ULONG ReplayDivergedAt;    /* 0: the schedule fitted; else 1 + the choice it no longer fitted */
} EMU_RESULT;

/* Source locations are opaque to the kernel: the harness sets the current
   thread's location (the VM packs line << 10 | column) and every trace
   event, allocation and finding carries it. */
#define EMU_LOC(Line, Col) (((ULONG)(Line) << 10) | ((ULONG)(Col) & 0x3FF))
#define EMU_LOC_LINE(Loc) ((Loc) >> 10)
#define EMU_LOC_COL(Loc) ((Loc) & 0x3FF)

VOID EmuDefaultConfig(EMU_CONFIG *Config);

/* Runs a driver to its end on a fresh machine: DriverEntry in a system
   thread at PASSIVE_LEVEL; when it and every thread it started have ended,
   DriverUnload (if set) in a system thread; then pool still allocated is
   reported as leaks. Returns the outcome; the details stay readable through
   the accessors below until the next EmuRunDriver. */
EMU_OUTCOME EmuRunDriver(const EMU_CONFIG *Config, PDRIVER_INITIALIZE Entry);
const EMU_RESULT *EmuResult(VOID);
const UCHAR *EmuTrace(SIZE_T *Size);
const CHAR *EmuOutput(SIZE_T *Size);           /* DbgPrint text, in order  */
ULONG EmuLeakCount(VOID);
const EMU_LEAK *EmuLeaks(VOID);
const USHORT *EmuChoices(ULONG *Count);        /* thread id chosen at each choice */
PCSTR EmuBugcheckName(ULONG Code);
PCSTR EmuObjectTypeName(ULONG Type);
VOID EmuFreeMachine(VOID);                     /* frees the last machine's memory */
ULONG64 EmuFiberSwitches(VOID);                /* kernel-thread switches since start (benchmarks) */

/* For the harness while a run is in progress (from a driver thread). */
VOID EmuSetLocation(ULONG Loc);
ULONG EmuGetLocation(VOID);
ULONG EmuCurrentThreadId(VOID);
VOID EmuSchedulePoint(ULONG CostNs);           /* a shared-memory access    */
/* The same, from a VM thread's base loop, whose stack below is the same for
   every such thread and which reloads the current thread when it returns:
   switching between two threads stopped there exchanges their stacks
   instead of switching fibers (docs/performance.md). TRUE when the calling
   thread is the one that goes on on this stack. */
BOOLEAN EmuVmSchedulePoint(ULONG CostNs);
ULONG64 EmuFiberSwaps(VOID);                     /* such exchanges since the process started */
VOID EmuSetStackExchange(BOOLEAN On);            /* off: a fiber switch every time (tests compare) */
VOID EmuChargeSteps(ULONG64 Steps, ULONG64 CostNs); /* straight-line work   */
VOID EmuTraceWdkmError(ULONG Status);
DECLSPEC_NORETURN VOID EmuFailAssertion(PCSTR Expression, ULONG Loc);
VOID EmuPrint(PCSTR Text, SIZE_T Length);      /* DbgPrint with formatted text */

/* DbgPrint's formatting over any source of arguments (emu/format.c). Integer
   returns the next integer argument (Wide: 64-bit; else the 32-bit value,
   sign-extended when Signed); Pointer the next pointer as a guest address;
   String the next string, of which at most Max characters are read (NULL
   prints "(null)"); Counted the buffer of the next UNICODE_STRING (Wide) or
   ANSI_STRING pointer and its Length in bytes (NULL prints "(null)"). */
typedef struct _EMU_FORMAT_SOURCE {
    ULONG64 (*Integer)(PVOID Context, BOOLEAN Wide, BOOLEAN Signed);
    ULONG64 (*Pointer)(PVOID Context);
    PCSTR (*String)(PVOID Context, SIZE_T Max);
    const UCHAR *(*Counted)(PVOID Context, BOOLEAN Wide, ULONG *Length);
    PVOID Context;
} EMU_FORMAT_SOURCE;
SIZE_T EmuFormat(CHAR *Out, SIZE_T Size, PCSTR Format, const EMU_FORMAT_SOURCE *Source);

/* Virtual addresses: pool blocks get deterministic addresses in the x64
   system range, the same in every build. */
ULONG64 EmuPoolGuestAddress(const VOID *Host);  /* 0 when not in pool       */
PVOID EmuPoolHostAddress(ULONG64 Guest, SIZE_T Bytes, BOOLEAN Write); /* NULL + bugcheck when not live */
BOOLEAN EmuPoolContains(const VOID *Host, SIZE_T Bytes);
PVOID EmuPoolHostRaw(ULONG64 Guest);              /* any arena address, live or not; NULL outside */
DECLSPEC_NORETURN VOID EmuBugCheck(ULONG Code, ULONG64 P1, ULONG64 P2, ULONG64 P3, ULONG64 P4);

/* Address translation hook for reports (bugcheck parameters): the VM maps
   its own regions; NULL means host addresses are reported as they are. */
typedef ULONG64 EMU_GUEST_ADDRESS_FN(const VOID *Host);
VOID EmuSetGuestAddressHook(EMU_GUEST_ADDRESS_FN *Hook);
ULONG64 EmuGuestAddress(const VOID *Host);
PVOID EmuStandInHost(ULONG64 Guest);            /* an opaque kernel pointer handed out before; NULL if none */

/* The explorer (emu/explore.c, docs/explorer.md): stateless model checking
   over the explore policy's choices with source-set DPOR and sleep sets, or
   every schedule within a preemption bound. The host drives it so that no
   run is entered through a function pointer:
       EmuExploreBegin(&options);
       while (EmuExploreNext(&config)) { run the driver with config; EmuExploreEnd(); }
   EmuExploreEnd returns TRUE when the run's outcome was new. The host reports
   each distinct outcome's witness; what happened in it is derived from the
   witness's replay (web/src/explore/explore.ts), never written here. */
typedef struct _EMU_EXPLORE_OPTIONS {
    ULONG Cpus;
    ULONG64 StepBudget;        /* per schedule                                */
    ULONG PreemptionBound;     /* EMU_EXPLORE_UNBOUNDED: none                  */
    BOOLEAN NoReduction;       /* every schedule (benchmarks: DPOR against naive) */
    ULONG Shard, Shards;       /* this process explores shard Shard of Shards  */
    ULONG MaxEvents;           /* steps recorded per schedule; 0: 20,000       */
} EMU_EXPLORE_OPTIONS;
#define EMU_EXPLORE_UNBOUNDED 0xFFFFFFFFu

typedef struct _EMU_EXPLORE_OUTCOME {
    ULONG Count;
    EMU_OUTCOME Outcome;
    const USHORT *Witness;     /* the choices that reach it                    */
    ULONG WitnessCount;
} EMU_EXPLORE_OUTCOME;

typedef struct _EMU_EXPLORE_RACE {
    ULONG Locs[2];             /* the earlier access, then the later one       */
    BOOLEAN Writes[2];
    ULONG64 Address;
    ULONG Bytes;
    ULONG AllocLoc;            /* a pool block's: where it was allocated, 0 if not pool */
    ULONG AllocOffset;         /* and Address's offset in it                   */
} EMU_EXPLORE_RACE;

typedef struct _EMU_EXPLORE_STATS {
    BOOLEAN Complete;          /* nothing left to explore                     */
    BOOLEAN Cut;               /* some schedule was longer than MaxEvents      */
    ULONG64 Schedules;         /* runs that reached an outcome                */
    ULONG64 Pruned;            /* alternatives the reduction never ran, and runs it stopped */
    ULONG64 Runs;              /* every run, overhead of sharding included     */
    ULONG64 Events;            /* steps over all runs                         */
    ULONG MaxDepth;
    ULONG OutcomeCount, RaceCount, FindingCount;
    CHAR Error[160];           /* why exploring stopped, when it could not go on */
} EMU_EXPLORE_STATS;

VOID EmuExploreBegin(const EMU_EXPLORE_OPTIONS *Options);
BOOLEAN EmuExploreNext(EMU_CONFIG *Config);
BOOLEAN EmuExploreEnd(VOID);
const EMU_EXPLORE_STATS *EmuExploreStats(VOID);
const EMU_EXPLORE_OUTCOME *EmuExploreOutcome(ULONG Index);
const EMU_EXPLORE_RACE *EmuExploreRace(ULONG Index);
const EMU_FINDING *EmuExploreFinding(ULONG Index);
VOID EmuExploreFree(VOID);
/* A shared-memory access of the running thread (the VM reports its own). */
VOID EmuExploreAccess(ULONG64 Guest, ULONG Bytes, BOOLEAN Write);
