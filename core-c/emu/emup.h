/*++
Module Name: emup.h
Abstract: The emulated kernel's private structures: objects, threads, CPUs,
          the machine. One machine runs at a time, in one host thread; kernel
          threads are fibers and every kernel call is atomic between
          scheduling points.
--*/
#pragma once
#include <stdarg.h>
#include "emu.h"
#include "fiber.h"
#include "trace.h"

/* A precondition on the emulator's own state, as ReactOS's ke/ asserts its
   dispatcher's: a scenario never breaks one (it meets a bug check first), so a
   failure is a bug of the emulator, reported with its file and line, and the
   process stops at once. Active in the native and sanitize builds (every test
   runs there); compiled out of the WebAssembly core. */
#if defined(__EMSCRIPTEN__)
#define EMUP_ASSERT(Cond) ((VOID)0)
#else
#define EMUP_ASSERT(Cond) ((Cond) ? (VOID)0 : EmupAssertFailed(#Cond, __FILE__, __LINE__))
#endif

#define EMU_TAG_BASE 0x454D5500u       /* "\0UME" | object type              */
#define EMU_MAX_HELD 32
#define EMU_MAX_SHARED 16

typedef enum _EMU_OBJ_TYPE {
    EMU_OBJ_NONE = 0, EMU_OBJ_MUTEX, EMU_OBJ_EVENT, EMU_OBJ_SEMAPHORE, EMU_OBJ_THREAD,
    EMU_OBJ_FAST_MUTEX, EMU_OBJ_GUARDED_MUTEX, EMU_OBJ_SPIN_LOCK, EMU_OBJ_RESOURCE, EMU_OBJ_DPC,
    EMU_OBJ_TIMER_DELAY, EMU_OBJ_TIMER, EMU_OBJ_COUNT
} EMU_OBJ_TYPE;

typedef enum _EMU_THREAD_STATE {
    EmuThreadInit = 0, EmuThreadReady, EmuThreadRunning, EmuThreadWaiting, EmuThreadSpinning,
    EmuThreadTerminated
} EMU_THREAD_STATE;

struct _EMU_THREAD;
struct _EMU_OBJECT;

typedef struct _EMU_WAIT_BLOCK {
    struct _EMU_WAIT_BLOCK *Next;      /* in the object's wait list, FIFO   */
    struct _EMU_WAIT_BLOCK *Prev;
    struct _EMU_THREAD *Thread;
    struct _EMU_OBJECT *Object;
    USHORT Index;                      /* position in the wait's object array */
    BOOLEAN Exclusive;                 /* ERESOURCE: wants exclusive access  */
    BOOLEAN Linked;
} EMU_WAIT_BLOCK;

typedef struct _EMU_SHARED_OWNER { struct _EMU_THREAD *Thread; ULONG Count; } EMU_SHARED_OWNER;

typedef struct _EMU_OBJECT {
    ULONG Type;                        /* EMU_OBJ_*                          */
    ULONG Id;                          /* 1-based, in order of creation      */
    PVOID Address;                     /* the caller's object                */
    LONG SignalState;                  /* dispatcher objects; fast mutex Count */
    BOOLEAN Deleted;                   /* its memory was freed or deleted    */
    BOOLEAN Abandoned;                 /* mutex                              */
    BOOLEAN Unsafe;                    /* fast mutex acquired with the Unsafe API */
    UCHAR EventType;                   /* NotificationEvent / SynchronizationEvent */
    KIRQL OldIrql;                     /* fast mutex: IRQL to restore        */
    ULONG InitLoc;                     /* where it was initialised           */
    EMU_WAIT_BLOCK *WaitHead, *WaitTail;
    struct _EMU_THREAD *Owner;         /* mutex, fast/guarded mutex, spin lock, resource (exclusive) */
    ULONG OwnerCount;                  /* resource exclusive recursion       */
    struct _EMU_OBJECT *NextOwned;     /* mutex: in the owner's owned list   */
    LONG Limit;                        /* semaphore                          */
    ULONG Contention;
    SHORT SpecialApcAtAcquire;         /* guarded mutex                      */
    ULONG SharedCount;                 /* resource: entries in Shared        */
    EMU_SHARED_OWNER Shared[EMU_MAX_SHARED];
    PKDEFERRED_ROUTINE DpcRoutine;     /* DPC                                */
    PVOID DpcContext, DpcArg1, DpcArg2;
    BOOLEAN DpcQueued;
    UCHAR DpcCpu;
    UCHAR DpcImportance;               /* KDPC_IMPORTANCE (DPC-3)            */
    UCHAR DpcTarget;                   /* 1 + target processor; 0: where queued */
    struct _EMU_OBJECT *DpcNext;
    ULONG64 DpcTime;                   /* when it was queued                 */
    ULONG64 TimerDue;                  /* KTIMER: virtual ns                 */
    LONG TimerPeriod;                  /* ms; 0: once                        */
    BOOLEAN TimerSet;                  /* in the machine's timer list        */
    UCHAR TimerCpu;                    /* where its DPC is queued            */
    struct _EMU_OBJECT *TimerDpc;
    struct _EMU_OBJECT *TimerNext;
    ULONG QueueTicket, QueueServing;   /* spin lock: in-stack queued order (SL-8) */
} EMU_OBJECT;

typedef struct _EMU_THREAD {
    ULONG EmuTag;                      /* first, as in every emulated object: */
    ULONG EmuId;                       /* a PKTHREAD points here              */
    EMU_OBJECT Obj;                    /* the thread's dispatcher object      */
    ULONG Tid;                         /* 1-based thread id                  */
    EMU_THREAD_STATE State;
    LONG Cpu;                          /* -1 when not on a CPU               */
    KIRQL Irql;
    KPRIORITY Priority;
    SHORT KernelApcDisable;
    SHORT SpecialApcDisable;
    PKSTART_ROUTINE Start;
    PVOID StartContext;
    NTSTATUS ExitStatus;
    EMU_FIBER Fiber;
    ULONG Loc;                         /* the harness's current source location */
    /* waiting */
    EMU_WAIT_BLOCK WaitBlocks[MAXIMUM_WAIT_OBJECTS];
    ULONG WaitCount;
    WAIT_TYPE WaitType;
    NTSTATUS WaitStatus;
    BOOLEAN TimerActive;
    ULONG64 TimerDue;
    struct _EMU_THREAD *TimerNext;
    EMU_OBJECT *SpinningOn;
    BOOLEAN WaitNext;                  /* KM-8: the next call must be a wait */
    ULONG XWaitCount;                  /* explorer: the wait its next step makes, */
    EMU_OBJECT *XWaitOn[THREAD_WAIT_OBJECTS]; /* while it is at that scheduling point */
    KIRQL WaitIrql;
    /* scheduling */
    struct _EMU_THREAD *ReadyNext;
    ULONG64 ReadyTime;
    ULONG64 QuantumStart;
    BOOLEAN Fresh;                     /* dispatched and not yet stepped: not preempted by a choice */
    ULONG64 PctPriority;
    ULONG Handles;                     /* open handles                       */
    ULONG References;                  /* ObReferenceObjectByHandle counts   */
    /* ownership */
    EMU_OBJECT *OwnedMutexes;          /* KMUTEXes owned, newest first       */
    ULONG HeldCount;                   /* Verifier: tracked locks held, in order */
    EMU_OBJECT *Held[EMU_MAX_HELD];
    ULONG HeldLoc[EMU_MAX_HELD];
    ULONG DpcDepth;                    /* >0 while a DPC runs on this thread's stack */
    BOOLEAN VmParked;                  /* stopped at EmuVmSchedulePoint: any such thread may resume on its stack */
    ULONG64 ExceptionFrame[2];         /* stand-ins for 0x7E's exception and context records */
} EMU_THREAD;

typedef struct _EMU_CPU {
    EMU_THREAD *Thread;                /* running here, or NULL (idle)       */
    ULONG64 Clock;                     /* this CPU's virtual time, ns        */
    EMU_OBJECT *DpcHead, *DpcTail;
} EMU_CPU;

typedef struct _EMU_POOL_BLOCK {
    ULONG64 Va;                        /* guest address                      */
    ULONG64 Size;
    ULONG Tag;
    ULONG Loc;
    ULONG Id;                          /* 1-based, trace object id space is separate */
    ULONG Flags;
    BOOLEAN Live;
    BOOLEAN HasObjects;
} EMU_POOL_BLOCK;

typedef struct _EMU_MACHINE {
    EMU_CONFIG Config;
    EMU_RESULT Result;
    EMU_CPU Cpus[EMU_MAX_CPUS];
    EMU_THREAD *Threads[EMU_MAX_THREADS];
    ULONG ThreadCount;
    ULONG LiveThreads;                 /* not yet terminated                 */
    EMU_THREAD *Current;
    EMU_THREAD *ReadyHead, *ReadyTail;
    EMU_THREAD *TimerHead;
    EMU_OBJECT *KTimerHead;            /* KTIMERs set, by due time           */
    BOOLEAN InInterrupt;               /* DPCs run while no thread can       */
    EMU_OBJECT **Objects;
    ULONG ObjectCount, ObjectCap;
    EMU_FIBER MainFiber;
    EMU_FIBER *DeadFiber;              /* freed after the next switch        */
    BOOLEAN VmPoint;                   /* the scheduling point in progress is EmuVmSchedulePoint's */
    BOOLEAN Stopped;
    BOOLEAN InMain;                    /* the host's context is running       */
    BOOLEAN TimerFiring;               /* a timer, not a thread, readies a waiter */
    ULONG64 Now;                       /* the instant of the step or event being applied */
    ULONG64 Steps;
    ULONG64 Rng;
    ULONG RrLast;
    ULONG64 PctChangePoints[8];        /* choice indices (1-based) where PCT lowers a priority */
    ULONG PctChanges;
    USHORT *Choices;
    ULONG ChoiceCount, ChoiceCap;
    EMU_TRACE Trace;
    CHAR *Output;
    SIZE_T OutputSize, OutputCap;
    /* pool */
    EMU_POOL_BLOCK *Blocks;
    ULONG BlockCount, BlockCap;
    ULONG64 PoolUsed;                  /* bump offset in the arena           */
    ULONG AllocCount;
    EMU_LEAK *Leaks;
    ULONG LeakCount;
    /* verifier lock-order graph: edge A->B = A held while B acquired */
    ULONG *EdgeFrom, *EdgeTo, *EdgeLoc;
    ULONG EdgeCount, EdgeCap;
    /* the driver */
    DRIVER_OBJECT Driver;
    UNICODE_STRING RegistryPath;
    PDRIVER_INITIALIZE Entry;
    BOOLEAN Unloading;
    const VOID **StandIns;             /* host addresses given stand-in guest addresses */
    ULONG StandInCount, StandInCap;
} EMU_MACHINE;

extern EMU_MACHINE *EmupM;

/* Costs of operations on the virtual clock, in ns (docs/emulator.md). */
/* Where the emulated ntoskrnl raises an exception (0x7E's p2, BC-41). */
#define EMU_KERNEL_RAISE_VA 0xFFFFF80100001000ull

#define EMU_COST_CALL        20    /* any kernel call                       */
#define EMU_COST_ACQUIRE     30    /* an uncontended acquire or release     */
#define EMU_COST_SIGNAL      40    /* set an event, release a semaphore     */
#define EMU_COST_WAKE        150   /* readying a waiter                     */
#define EMU_COST_SWITCH      800   /* a context switch onto a CPU           */
#define EMU_COST_DPC         400   /* dispatching a DPC                     */
#define EMU_COST_POOL        90    /* an allocation or a free               */
#define EMU_COST_PRINT       2000  /* DbgPrint                              */
#define EMU_COST_THREAD      5000  /* creating a thread                     */
#define EMU_COST_SPIN        50    /* one spin on a busy spin lock          */
#define EMU_COST_INTERLOCKED 20

/* machine.c */
VOID EmupObjectRegister(EMU_OBJECT *Object, ULONG Type, PVOID Address, ULONG *Tag, ULONG *Id);
EMU_OBJECT *EmupObjectCreate(ULONG Type, PVOID Address, ULONG *Tag, ULONG *Id);
EMU_OBJECT *EmupObjectLookup(PVOID Address, ULONG Type, const ULONG *Tag, const ULONG *Id);
EMU_OBJECT *EmupObjectAny(PVOID Address);
EMU_THREAD *EmupCurrent(VOID);
ULONG64 EmupNow(VOID);
VOID EmupCharge(ULONG64 Ns);
ULONG EmupTid(EMU_THREAD *Thread);

/* record.c: every event the emulator records goes through these two. The CPU
   a thread runs on (0xFF: none, as the trace writes it) and its current line. */
#define EMUP_CPU_OF(T) ((T) != NULL && (T)->Cpu >= 0 ? (ULONG)(T)->Cpu : 0xFFu)
#define EMUP_LOC_OF(T) ((T) != NULL ? (T)->Loc : 0u)
/* An event by Thread (NULL: by the machine) on its CPU, at its line, about Object (NULL: none), now. */
VOID EmupTrace(EMU_EVENT Kind, EMU_THREAD *Thread, EMU_OBJECT *Object, ULONG64 A, ULONG64 B);
/* The same with every field given: another time (a DPC queued for later, the
   run's end), a CPU the thread is not yet on, an id that is no EMU_OBJECT (a
   pool block, a thread's object), another line, a payload. */
VOID EmupTraceEx(EMU_EVENT Kind, ULONG64 Time, ULONG Cpu, EMU_THREAD *Thread, ULONG ObjectId, ULONG64 A, ULONG64 B,
                 ULONG Loc, const VOID *Payload, SIZE_T PayloadSize);

/* sched.c */
VOID EmupSchedPoint(ULONG64 CostNs);
VOID EmupBlock(VOID);                          /* current thread waits; returns when readied */
VOID EmupReady(EMU_THREAD *Thread, ULONG64 At);
VOID EmupSwitchAway(VOID);                     /* current thread gave up its CPU for good */
DECLSPEC_NORETURN VOID EmupStop(EMU_OUTCOME Outcome);

/* bugcheck.c */
DECLSPEC_NORETURN VOID EmupAssertFailed(PCSTR Expression, PCSTR File, ULONG Line);
VOID EmupTimerInsert(EMU_THREAD *Thread, ULONG64 Due);
VOID EmupTimerRemove(EMU_THREAD *Thread);
VOID EmupStartScheduling(EMU_THREAD *First);
VOID EmupSchedInit(VOID);
ULONG64 EmupPctPriority(VOID);

/* deadlock.c */
VOID EmupReportDeadlock(VOID);
EMU_THREAD *EmupObjectOwner(EMU_OBJECT *Object);

/* wait.c */
BOOLEAN EmupIsSatisfiable(EMU_OBJECT *Object, EMU_THREAD *Thread);
NTSTATUS EmupSatisfy(EMU_OBJECT *Object, EMU_THREAD *Thread);
VOID EmupWaitTest(EMU_OBJECT *Object);
VOID EmupUnwait(EMU_THREAD *Thread, NTSTATUS Status);
VOID EmupWaitLink(EMU_WAIT_BLOCK *Block);
VOID EmupWaitUnlink(EMU_WAIT_BLOCK *Block);
NTSTATUS EmupBlockOn(EMU_OBJECT *Object, KWAIT_REASON Reason, BOOLEAN Exclusive);
DECLSPEC_NORETURN VOID EmupSwitchFromDpc(EMU_THREAD *Cur);        /* 0xB8 */

/* irql.c */
VOID EmupSetIrql(KIRQL NewIrql);
VOID EmupLowerIrql(KIRQL NewIrql);             /* runs DPCs when crossing below DISPATCH_LEVEL */
VOID EmupRunDpcs(VOID);
VOID EmupRunDpcsOn(ULONG Cpu);                 /* calls DPC routines: may switch fibers */
VOID EmupCheckWaitNext(PCSTR Api);
VOID EmupDispatchInterrupt(VOID);              /* at a scheduling point below DISPATCH_LEVEL */
BOOLEAN EmupIdleDpcs(VOID);                    /* no thread can run: queued DPCs run as an interrupt */
BOOLEAN EmupDpcQueueAt(EMU_OBJECT *Dpc, ULONG Cpu, ULONG64 Time, PVOID Arg1, PVOID Arg2);

/* timer.c */
ULONG64 EmupDueTime(LONGLONG Value);           /* WAIT-3's encoding to virtual ns */
VOID EmupKTimersFire(ULONG64 UpTo);
ULONG64 EmupKTimerNextUseful(VOID);
VOID EmupKTimerSkipPast(EMU_OBJECT *Timer, ULONG64 Horizon);
BOOLEAN EmupKTimerActive(EMU_OBJECT *Timer);

/* thread.c */
EMU_THREAD *EmupThreadCreate(PKSTART_ROUTINE Start, PVOID Context, KPRIORITY Priority);
DECLSPEC_NORETURN VOID EmupThreadExit(NTSTATUS Status);
VOID EmupMutexOwnedAdd(EMU_THREAD *Thread, EMU_OBJECT *Mutex);
VOID EmupMutexOwnedRemove(EMU_THREAD *Thread, EMU_OBJECT *Mutex);

/* verifier.c: Driver Verifier's deadlock detection on tracked locks */
VOID EmupVerifierAcquire(EMU_OBJECT *Lock);    /* before waiting: order and self-deadlock */
VOID EmupVerifierAcquired(EMU_OBJECT *Lock, EMU_THREAD *Thread); /* after Thread holds it */
BOOLEAN EmupVerifierRelease(EMU_OBJECT *Lock); /* FALSE: not held by this thread  */
VOID EmupVerifierThreadExit(EMU_THREAD *Thread);
VOID EmupVerifierObjectFreed(EMU_OBJECT *Lock);
VOID EmupVerifierRoutineReturned(PVOID Routine); /* DriverEntry, unload: APC counts balanced */
VOID EmupFinding(ULONG Code, ULONG64 P1, ULONG64 P2, ULONG64 P3, ULONG Loc1, ULONG Loc2, PCSTR Format, ...);

/* bugcheck.c */
DECLSPEC_NORETURN VOID EmupBugCheck(ULONG Code, ULONG64 P1, ULONG64 P2, ULONG64 P3, ULONG64 P4);
DECLSPEC_NORETURN VOID EmupRaise(NTSTATUS Status);
VOID EmupOutput(PCSTR Text, SIZE_T Length);

/* pool.c */
VOID EmupPoolReset(VOID);
VOID EmupPoolReportLeaks(VOID);
EMU_POOL_BLOCK *EmupPoolBlockOf(const VOID *Host);
ULONG EmupPoolAllocLoc(ULONG64 Va, ULONG *Offset);
DECLSPEC_NORETURN VOID EmupUnknownObject(PVOID Object); /* 0xD5 if freed, else 0xC4/0x1002 */
VOID EmupCheckResident(PVOID Object);          /* 0xC4/0xE1 in paged pool        */

/* explore*.c: what a run under the explorer reports (docs/explorer.md). The
   calls cost one test when no exploration is running. */
extern BOOLEAN EmupXOn;
EMU_THREAD *EmupXPick(EMU_THREAD **Candidates, ULONG Count, const BOOLEAN *Timer, EMU_THREAD *Current);
VOID EmupXObject(ULONG Id);                    /* the step used this kernel object */
VOID EmupXPseudo(ULONG Which);                 /* ... or this part of the machine's own state */
VOID EmupXGlobal(VOID);                        /* ... or changed what every thread may do */
VOID EmupXMemory(ULONG64 Guest, ULONG Bytes, BOOLEAN Write, BOOLEAN Atomic);
VOID EmupXCreated(EMU_THREAD *Thread);
ULONG64 EmupXAddress(const VOID *Host);        /* machine.c */
VOID EmupXWoken(EMU_THREAD *Thread);
VOID EmupXWillWait(ULONG Count, PVOID *Objects, WAIT_TYPE Type, PLARGE_INTEGER Timeout); /* 0: done */
#define EMUP_X(Call) do { if (EmupXOn) Call; } while (0)
enum { EMU_X_POOL = 0xFFFFFF01u, EMU_X_OUTPUT, EMU_X_OBJECTS, EMU_X_THREADS };
