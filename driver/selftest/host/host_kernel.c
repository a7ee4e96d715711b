/*++
Module Name: host_kernel.c
Abstract: A stand-in for the kernel routines the wdkm core and the self-test
          call, on POSIX threads, so the self-test's expectations can be run
          on Linux before anyone runs the driver on Windows. It is not the
          playground's emulator (no scheduler, no trace, no determinism): just
          the documented semantics the tests depend on, namely a per-thread
          IRQL, recursive KMUTEXes with zero-timeout waits, fast mutexes that
          raise to APC_LEVEL, spin locks that raise to DISPATCH_LEVEL, system
          threads that can be waited for, and tagged pool. Compiled against
          the emulated headers (core-c/emu/include).
          HOST_IGNORE_IRQL builds a broken kernel whose KeRaiseIrql does not
          raise, to show that the self-test catches it.
Environment: User mode, Linux.
--*/
#define _XOPEN_SOURCE 700   /* pthread_mutexattr_settype under -std=c11 */
#include <ntddk.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define TAG_KMUTEX 0x584d4b48u     /* "HKMX" */
#define TAG_FAST   0x4d464b48u     /* "HKFM" */
#define TAG_THREAD 0x44544b48u     /* "HKTD" */

static _Thread_local KIRQL CurrentIrql = PASSIVE_LEVEL;

static void Die(const char *What)
{
    fprintf(stderr, "host kernel: %s\n", What);
    abort();
}

/* ---- IRQL ---- */

KIRQL KeGetCurrentIrql(VOID) { return CurrentIrql; }

VOID KeRaiseIrql(KIRQL NewIrql, PKIRQL OldIrql)
{
    if (NewIrql < CurrentIrql)
        Die("KeRaiseIrql to a lower IRQL (IRQL_NOT_GREATER_OR_EQUAL)");
    *OldIrql = CurrentIrql;
#ifndef HOST_IGNORE_IRQL
    CurrentIrql = NewIrql;
#endif
}

VOID KeLowerIrql(KIRQL NewIrql)
{
    if (NewIrql > CurrentIrql)
        Die("KeLowerIrql to a higher IRQL (IRQL_NOT_LESS_OR_EQUAL)");
    CurrentIrql = NewIrql;
}

/* ---- KMUTEX: a recursive pthread mutex kept inside the object ---- */

typedef struct { ULONG Tag; ULONG Id; pthread_mutex_t Lock; } HOST_KMUTEX;
_Static_assert(sizeof(HOST_KMUTEX) <= sizeof(KMUTEX), "KMUTEX too small for the host mutex");

VOID KeInitializeMutex(PRKMUTEX Mutex, ULONG Level)
{
    HOST_KMUTEX *m = (HOST_KMUTEX *)Mutex;
    pthread_mutexattr_t attr;

    (void)Level;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&m->Lock, &attr);
    pthread_mutexattr_destroy(&attr);
    m->Tag = TAG_KMUTEX;
}

LONG KeReleaseMutex(PRKMUTEX Mutex, BOOLEAN Wait)
{
    (void)Wait;
    if (pthread_mutex_unlock(&((HOST_KMUTEX *)Mutex)->Lock) != 0)
        Die("KeReleaseMutex of a mutex this thread does not own (MUTANT_NOT_OWNED)");
    return 0;
}

/* ---- threads ---- */

typedef struct {
    ULONG Tag;
    LONG References;               /* the handle's and ObReference's */
    PKSTART_ROUTINE Routine;
    PVOID Context;
    BOOLEAN Done;
    pthread_mutex_t Lock;
    pthread_cond_t Ended;
} HOST_THREAD;

static void Release(HOST_THREAD *t)
{
    if (__atomic_sub_fetch(&t->References, 1, __ATOMIC_ACQ_REL) == 0) {
        pthread_mutex_destroy(&t->Lock);
        pthread_cond_destroy(&t->Ended);
        free(t);
    }
}

static _Thread_local HOST_THREAD *Self;

static void SignalEnd(void)
{
    pthread_mutex_lock(&Self->Lock);
    Self->Done = TRUE;
    pthread_cond_broadcast(&Self->Ended);
    pthread_mutex_unlock(&Self->Lock);
    Release(Self);
}

static void *ThreadMain(void *Arg)
{
    Self = (HOST_THREAD *)Arg;
    Self->Routine(Self->Context);
    SignalEnd();   /* a start routine that returns ends its thread too */
    return NULL;
}

NTSTATUS PsCreateSystemThread(PHANDLE ThreadHandle, ULONG DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes,
                              HANDLE ProcessHandle, PCLIENT_ID ClientId, PKSTART_ROUTINE StartRoutine,
                              PVOID StartContext)
{
    HOST_THREAD *t = calloc(1, sizeof(*t));
    pthread_t id;

    (void)DesiredAccess; (void)ObjectAttributes; (void)ProcessHandle; (void)ClientId;
    if (t == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    t->Tag = TAG_THREAD;
    t->References = 2;             /* the running thread and the handle */
    t->Routine = StartRoutine;
    t->Context = StartContext;
    pthread_mutex_init(&t->Lock, NULL);
    pthread_cond_init(&t->Ended, NULL);
    if (pthread_create(&id, NULL, ThreadMain, t) != 0) {
        free(t);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    pthread_detach(id);
    *ThreadHandle = t;
    return STATUS_SUCCESS;
}

NTSTATUS PsTerminateSystemThread(NTSTATUS ExitStatus)
{
    (void)ExitStatus;
    if (CurrentIrql != PASSIVE_LEVEL)
        Die("PsTerminateSystemThread above PASSIVE_LEVEL");
    SignalEnd();
    pthread_exit(NULL);
}

NTSTATUS ObReferenceObjectByHandle(HANDLE Handle, ACCESS_MASK DesiredAccess, POBJECT_TYPE ObjectType,
                                   KPROCESSOR_MODE AccessMode, PVOID *Object,
                                   POBJECT_HANDLE_INFORMATION HandleInformation)
{
    HOST_THREAD *t = (HOST_THREAD *)Handle;

    (void)DesiredAccess; (void)ObjectType; (void)AccessMode; (void)HandleInformation;
    if (t == NULL || t->Tag != TAG_THREAD)
        return STATUS_INVALID_HANDLE;
    __atomic_add_fetch(&t->References, 1, __ATOMIC_ACQ_REL);
    *Object = t;
    return STATUS_SUCCESS;
}

VOID ObDereferenceObject(PVOID Object) { Release((HOST_THREAD *)Object); }
NTSTATUS ZwClose(HANDLE Handle) { Release((HOST_THREAD *)Handle); return STATUS_SUCCESS; }

/* ---- waits: on a KMUTEX (acquire) or on a thread (its end) ---- */

NTSTATUS KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason, KPROCESSOR_MODE WaitMode,
                               BOOLEAN Alertable, PLARGE_INTEGER Timeout)
{
    BOOLEAN poll = Timeout != NULL && Timeout->QuadPart == 0;

    (void)WaitReason; (void)WaitMode; (void)Alertable;
    if (Timeout != NULL && !poll)
        Die("timed waits are not needed by the self-test");
    if (!poll && CurrentIrql > APC_LEVEL)
        Die("a waiting KeWaitForSingleObject above APC_LEVEL (IRQL_NOT_LESS_OR_EQUAL)");
    if (*(ULONG *)Object == TAG_KMUTEX) {
        pthread_mutex_t *lock = &((HOST_KMUTEX *)Object)->Lock;
        if (poll)
            return pthread_mutex_trylock(lock) == 0 ? STATUS_SUCCESS : STATUS_TIMEOUT;
        pthread_mutex_lock(lock);
        return STATUS_SUCCESS;
    }
    if (*(ULONG *)Object == TAG_THREAD) {
        HOST_THREAD *t = (HOST_THREAD *)Object;
        pthread_mutex_lock(&t->Lock);
        while (!t->Done && !poll)
            pthread_cond_wait(&t->Ended, &t->Lock);
        BOOLEAN done = t->Done;
        pthread_mutex_unlock(&t->Lock);
        return done ? STATUS_SUCCESS : STATUS_TIMEOUT;
    }
    Die("KeWaitForSingleObject on an object the host kernel does not know");
    return STATUS_UNSUCCESSFUL;
}

/* ---- FAST_MUTEX: not recursive; raises to APC_LEVEL while held ---- */

typedef struct { ULONG Tag; KIRQL OldIrql; pthread_mutex_t Lock; } HOST_FAST_MUTEX;
_Static_assert(sizeof(HOST_FAST_MUTEX) <= sizeof(FAST_MUTEX), "FAST_MUTEX too small for the host mutex");

VOID ExInitializeFastMutex(PFAST_MUTEX FastMutex)
{
    HOST_FAST_MUTEX *m = (HOST_FAST_MUTEX *)FastMutex;
    pthread_mutexattr_t attr;

    /* Error-checking, so a recursive acquire fails loudly instead of hanging. */
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&m->Lock, &attr);
    pthread_mutexattr_destroy(&attr);
    m->Tag = TAG_FAST;
}

VOID ExAcquireFastMutex(PFAST_MUTEX FastMutex)
{
    HOST_FAST_MUTEX *m = (HOST_FAST_MUTEX *)FastMutex;
    KIRQL old;

    if (CurrentIrql > APC_LEVEL)
        Die("ExAcquireFastMutex above APC_LEVEL");
    KeRaiseIrql(APC_LEVEL, &old);
    if (pthread_mutex_lock(&m->Lock) != 0)
        Die("ExAcquireFastMutex by its owner (a fast mutex is not recursive)");
    m->OldIrql = old;
}

BOOLEAN ExTryToAcquireFastMutex(PFAST_MUTEX FastMutex)
{
    HOST_FAST_MUTEX *m = (HOST_FAST_MUTEX *)FastMutex;
    KIRQL old;

    if (CurrentIrql > APC_LEVEL)
        Die("ExTryToAcquireFastMutex above APC_LEVEL");
    KeRaiseIrql(APC_LEVEL, &old);
    if (pthread_mutex_trylock(&m->Lock) != 0) {
        KeLowerIrql(old);
        return FALSE;
    }
    m->OldIrql = old;
    return TRUE;
}

VOID ExReleaseFastMutex(PFAST_MUTEX FastMutex)
{
    HOST_FAST_MUTEX *m = (HOST_FAST_MUTEX *)FastMutex;
    KIRQL old = m->OldIrql;

    if (pthread_mutex_unlock(&m->Lock) != 0)
        Die("ExReleaseFastMutex of a fast mutex this thread does not own");
    KeLowerIrql(old);
}

/* ---- spin locks: raise to DISPATCH_LEVEL, then spin ---- */

BOOLEAN KeTryToAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
    ULONG64 expected = 0;
    return __atomic_compare_exchange_n(SpinLock, &expected, 1, FALSE, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

VOID KeInitializeSpinLock(PKSPIN_LOCK SpinLock) { *SpinLock = 0; }

VOID KeAcquireSpinLock(PKSPIN_LOCK SpinLock, PKIRQL OldIrql)
{
    KeRaiseIrql(DISPATCH_LEVEL, OldIrql);
    while (!KeTryToAcquireSpinLockAtDpcLevel(SpinLock))
        sched_yield();
}

VOID KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql)
{
    __atomic_store_n(SpinLock, 0, __ATOMIC_RELEASE);
    KeLowerIrql(NewIrql);
}

/* ---- pool: calloc with the tag in front, checked on free ---- */

typedef struct { ULONG Tag; ULONG Magic; SIZE_T Size; } POOL_HEADER;   /* 16 bytes: keeps 16-byte alignment */
#define POOL_MAGIC 0x4c4f4f50u    /* "POOL" */
static LONG LiveBlocks;

PVOID ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag)
{
    POOL_HEADER *h;

    (void)Flags;
    if (CurrentIrql > DISPATCH_LEVEL)
        Die("ExAllocatePool2 above DISPATCH_LEVEL");
    h = calloc(1, sizeof(*h) + NumberOfBytes);
    if (h == NULL)
        return NULL;
    h->Tag = Tag;
    h->Magic = POOL_MAGIC;
    h->Size = NumberOfBytes;
    __atomic_add_fetch(&LiveBlocks, 1, __ATOMIC_RELAXED);
    return h + 1;
}

VOID ExFreePoolWithTag(PVOID P, ULONG Tag)
{
    POOL_HEADER *h = (POOL_HEADER *)P - 1;

    if (h->Magic != POOL_MAGIC)
        Die("ExFreePoolWithTag of a block that is not pool (BAD_POOL_CALLER)");
    if (h->Tag != Tag)
        Die("ExFreePoolWithTag with the wrong tag (BAD_POOL_CALLER)");
    h->Magic = 0;
    __atomic_sub_fetch(&LiveBlocks, 1, __ATOMIC_RELAXED);
    free(h);
}

/* Blocks allocated and not freed: what Driver Verifier reports at unload. */
LONG HostLivePoolBlocks(VOID) { return __atomic_load_n(&LiveBlocks, __ATOMIC_RELAXED); }

/* ---- the rest ---- */

ULONG DbgPrint(PCSTR Format, ...)
{
    va_list args;
    va_start(args, Format);
    vprintf(Format, args);
    va_end(args);
    return 0;
}

VOID KeBugCheckEx(ULONG BugCheckCode, ULONG_PTR P1, ULONG_PTR P2, ULONG_PTR P3, ULONG_PTR P4)
{
    fprintf(stderr, "host kernel: bug check 0x%X (%#lx, %#lx, %#lx, %#lx)\n", BugCheckCode,
            (unsigned long)P1, (unsigned long)P2, (unsigned long)P3, (unsigned long)P4);
    abort();
}

VOID RtlAssert(PVOID FailedAssertion, PVOID FileName, ULONG LineNumber, PSTR Message)
{
    (void)Message;
    fprintf(stderr, "host kernel: assertion %s failed at %s:%u\n", (char *)FailedAssertion, (char *)FileName, LineNumber);
    abort();
}
