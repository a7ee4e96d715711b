/*++
Module Name: wdkm.h
Abstract: The C form of the wdk-mutex crate: KMutex<T>, FastMutex<T>, the
          global reference tracker (Grt), its error enums, and what the crate
          plans or lacks (the data-less critical section, TryLock, spin locks,
          guarded mutexes, ERESOURCE). The same header builds into a real driver
          (against the WDK's ntddk.h) and on the emulated kernel.
Environment: Kernel mode. Each routine states the IRQL it accepts; a call at a
          higher IRQL returns WDKM_IRQL_TOO_HIGH and acquires nothing.
--*/
#pragma once
#include <ntddk.h>

typedef enum _WDKM_STATUS {
    WDKM_OK = 0,
    WDKM_IRQL_TOO_HIGH,        /* DriverMutexError::IrqlTooHigh          */
    WDKM_IRQL_NOT_APC_LEVEL,   /* DriverMutexError::IrqlNotAPCLevel      */
    WDKM_POOL_ALLOC_FAILED,    /* DriverMutexError::PagedPoolAllocFailed */
    WDKM_GRT_ALREADY_EXISTS,   /* GrtError::GrtAlreadyExists             */
    WDKM_GRT_IS_NULL,          /* GrtError::GrtIsNull                    */
    WDKM_GRT_IS_EMPTY,         /* GrtError::GrtIsEmpty                   */
    WDKM_KEY_NOT_FOUND,        /* GrtError::KeyNotFound                  */
    WDKM_KEY_EXISTS,           /* GrtError::KeyExists                    */
    WDKM_DOWNCAST_ERROR,       /* GrtError::DowncastError                */
    WDKM_NOT_ACQUIRED,         /* a Try* call found the lock taken       */
    WDKM_INVALID_PARAMETER     /* a NULL handle or out pointer, a NULL label */
} WDKM_STATUS;

/* "WDKM_IRQL_TOO_HIGH", ...; "WDKM_UNKNOWN_STATUS" for values outside the enum. */
PCSTR WdkmStatusName(WDKM_STATUS Status);

/* Pool tags, one per allocation kind, as a debugger shows them: "WdKm" ... */
#define WDKM_TAG_KMUTEX         'mKdW'
#define WDKM_TAG_FAST_MUTEX     'mFdW'
#define WDKM_TAG_GRT            'rGdW'
#define WDKM_TAG_GRT_ENTRY      'eGdW'
#define WDKM_TAG_SPIN_LOCK      'lSdW'
#define WDKM_TAG_GUARDED_MUTEX  'mGdW'
#define WDKM_TAG_RESOURCE       'sRdW'

/* The T of KMutex<T>: its spelling and size. Two descriptors name the same
   type when both match, so WDKM_TYPE(ULONG) and WDKM_TYPE(LONG) differ. */
typedef struct _WDKM_TYPE_INFO {
    PCSTR Name;                /* the type as written: "ULONG"            */
    SIZE_T Size;               /* sizeof(T)                               */
} WDKM_TYPE_INFO;
#ifdef __WDKM_SCENARIO__
#define WDKM_TYPE(T) __wdkm_type_info(#T, sizeof(T))   /* one static, read-only descriptor */
#else
#define WDKM_TYPE(T) (&(const WDKM_TYPE_INFO){ #T, sizeof(T) })
#endif

/* Every New copies DataSize bytes of Initial into pool (a NULL Initial gives a
   zeroed T) and returns WDKM_POOL_ALLOC_FAILED when the pool is exhausted.
   A NULL or freed handle: WDKM_INVALID_PARAMETER from routines that return a
   status; from VOID routines the bug check a stale pointer gives (0x7E).

   KMutex<T>: a KMUTEX and a copy of T in non-paged pool. A DataSize of 0 with
   a NULL Initial is the crate's planned critical section: Lock(m, NULL)
   enters it, Unlock(m) leaves it. */
typedef struct _WDKM_KMUTEX WDKM_KMUTEX;
WDKM_STATUS WdkmKMutexNew(SIZE_T DataSize, const VOID *Initial, WDKM_KMUTEX **Mutex);  /* IRQL <= DISPATCH_LEVEL */
WDKM_STATUS WdkmKMutexLock(WDKM_KMUTEX *Mutex, PVOID *Data);     /* IRQL <= APC_LEVEL; recursive */
WDKM_STATUS WdkmKMutexTryLock(WDKM_KMUTEX *Mutex, PVOID *Data);  /* IRQL <= DISPATCH_LEVEL; zero-timeout wait */
VOID        WdkmKMutexUnlock(WDKM_KMUTEX *Mutex);                /* the guard's drop: no IRQL check */
WDKM_STATUS WdkmKMutexUnlockSafe(WDKM_KMUTEX *Mutex);            /* IRQL > DISPATCH_LEVEL: WDKM_IRQL_TOO_HIGH */
VOID        WdkmKMutexIntoOwned(WDKM_KMUTEX *Mutex, VOID *Out);  /* copies T to Out, frees the mutex */
VOID        WdkmKMutexFree(WDKM_KMUTEX *Mutex);                  /* Drop; NULL is ignored */
SIZE_T      WdkmKMutexDataSize(const WDKM_KMUTEX *Mutex);        /* sizeof(T); 0 for a bad handle */

/* FastMutex<T>: a FAST_MUTEX and a copy of T in non-paged pool. Not recursive. */
typedef struct _WDKM_FAST_MUTEX WDKM_FAST_MUTEX;
WDKM_STATUS WdkmFastMutexNew(SIZE_T DataSize, const VOID *Initial, WDKM_FAST_MUTEX **Mutex); /* IRQL <= DISPATCH_LEVEL */
WDKM_STATUS WdkmFastMutexLock(WDKM_FAST_MUTEX *Mutex, PVOID *Data);    /* IRQL <= APC_LEVEL; raises to APC_LEVEL */
WDKM_STATUS WdkmFastMutexTryLock(WDKM_FAST_MUTEX *Mutex, PVOID *Data); /* ExTryToAcquireFastMutex */
VOID        WdkmFastMutexUnlock(WDKM_FAST_MUTEX *Mutex);               /* restores the IRQL saved at Lock */
WDKM_STATUS WdkmFastMutexUnlockSafe(WDKM_FAST_MUTEX *Mutex);           /* IRQL != APC_LEVEL: WDKM_IRQL_TOO_HIGH */
VOID        WdkmFastMutexIntoOwned(WDKM_FAST_MUTEX *Mutex, VOID *Out);
VOID        WdkmFastMutexFree(WDKM_FAST_MUTEX *Mutex);
SIZE_T      WdkmFastMutexDataSize(const WDKM_FAST_MUTEX *Mutex);

/* Grt: labelled mutexes reachable from every thread and callback; Destroy
   frees them all. Errors on a get, in the crate's order: not initialised
   (GRT_IS_NULL), nothing registered (GRT_IS_EMPTY), label unknown
   (KEY_NOT_FOUND), wrong kind or type (DOWNCAST_ERROR). */
WDKM_STATUS WdkmGrtInit(VOID);
WDKM_STATUS WdkmGrtRegisterKMutex(PCSTR Label, const WDKM_TYPE_INFO *Type, const VOID *Initial);
WDKM_STATUS WdkmGrtRegisterKMutexChecked(PCSTR Label, const WDKM_TYPE_INFO *Type, const VOID *Initial);
WDKM_STATUS WdkmGrtRegisterFastMutex(PCSTR Label, const WDKM_TYPE_INFO *Type, const VOID *Initial);
WDKM_STATUS WdkmGrtRegisterFastMutexChecked(PCSTR Label, const WDKM_TYPE_INFO *Type, const VOID *Initial);
WDKM_STATUS WdkmGrtGetKMutex(PCSTR Label, const WDKM_TYPE_INFO *Type, WDKM_KMUTEX **Mutex);
WDKM_STATUS WdkmGrtGetFastMutex(PCSTR Label, const WDKM_TYPE_INFO *Type, WDKM_FAST_MUTEX **Mutex);
WDKM_STATUS WdkmGrtDestroy(VOID);

/* Beyond the crate: the same shape around other kernel locks. */
typedef struct _WDKM_SPIN_LOCK WDKM_SPIN_LOCK;
WDKM_STATUS WdkmSpinLockNew(SIZE_T DataSize, const VOID *Initial, WDKM_SPIN_LOCK **Lock);   /* IRQL <= DISPATCH_LEVEL */
WDKM_STATUS WdkmSpinLockLock(WDKM_SPIN_LOCK *Lock, PVOID *Data);     /* IRQL <= DISPATCH_LEVEL; raises to DISPATCH_LEVEL */
WDKM_STATUS WdkmSpinLockTryLock(WDKM_SPIN_LOCK *Lock, PVOID *Data);
VOID        WdkmSpinLockUnlock(WDKM_SPIN_LOCK *Lock);                 /* restores the IRQL saved at Lock */
WDKM_STATUS WdkmSpinLockUnlockSafe(WDKM_SPIN_LOCK *Lock);             /* IRQL != DISPATCH_LEVEL: WDKM_IRQL_TOO_HIGH */
VOID        WdkmSpinLockIntoOwned(WDKM_SPIN_LOCK *Lock, VOID *Out);
VOID        WdkmSpinLockFree(WDKM_SPIN_LOCK *Lock);
SIZE_T      WdkmSpinLockDataSize(const WDKM_SPIN_LOCK *Lock);

typedef struct _WDKM_GUARDED_MUTEX WDKM_GUARDED_MUTEX;
WDKM_STATUS WdkmGuardedMutexNew(SIZE_T DataSize, const VOID *Initial, WDKM_GUARDED_MUTEX **Mutex);
WDKM_STATUS WdkmGuardedMutexLock(WDKM_GUARDED_MUTEX *Mutex, PVOID *Data);    /* IRQL <= APC_LEVEL; guarded region */
WDKM_STATUS WdkmGuardedMutexTryLock(WDKM_GUARDED_MUTEX *Mutex, PVOID *Data);
VOID        WdkmGuardedMutexUnlock(WDKM_GUARDED_MUTEX *Mutex);
WDKM_STATUS WdkmGuardedMutexUnlockSafe(WDKM_GUARDED_MUTEX *Mutex);           /* IRQL > APC_LEVEL: WDKM_IRQL_TOO_HIGH */
VOID        WdkmGuardedMutexIntoOwned(WDKM_GUARDED_MUTEX *Mutex, VOID *Out);
VOID        WdkmGuardedMutexFree(WDKM_GUARDED_MUTEX *Mutex);
SIZE_T      WdkmGuardedMutexDataSize(const WDKM_GUARDED_MUTEX *Mutex);

typedef struct _WDKM_RESOURCE WDKM_RESOURCE;
WDKM_STATUS WdkmResourceNew(SIZE_T DataSize, const VOID *Initial, WDKM_RESOURCE **Resource);
WDKM_STATUS WdkmResourceLockShared(WDKM_RESOURCE *Resource, PVOID *Data);     /* IRQL <= APC_LEVEL; enters a critical region */
WDKM_STATUS WdkmResourceLockExclusive(WDKM_RESOURCE *Resource, PVOID *Data);
WDKM_STATUS WdkmResourceTryLockShared(WDKM_RESOURCE *Resource, PVOID *Data);
WDKM_STATUS WdkmResourceTryLockExclusive(WDKM_RESOURCE *Resource, PVOID *Data);
VOID        WdkmResourceUnlock(WDKM_RESOURCE *Resource);                      /* leaves the critical region */
VOID        WdkmResourceIntoOwned(WDKM_RESOURCE *Resource, VOID *Out);
VOID        WdkmResourceFree(WDKM_RESOURCE *Resource);
SIZE_T      WdkmResourceDataSize(const WDKM_RESOURCE *Resource);
