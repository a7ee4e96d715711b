/**
 * The prelude's <wdkm.h>: the C form of the wdk-mutex crate, with the same
 * names and signatures as core-c/include/wdkm.h (a test holds them equal).
 *
 * WDKM_TYPE(T) is a compound literal in the real header; here it is the
 * builtin `__wdkm_type_info`, which the compiler turns into one static,
 * read-only descriptor { Name = "T" as spelled, Size = sizeof(T) }.
 */
export const WDKM_H = String.raw`
#pragma once
#include <ntddk.h>

typedef enum _WDKM_STATUS {
    WDKM_OK = 0,
    WDKM_IRQL_TOO_HIGH,
    WDKM_IRQL_NOT_APC_LEVEL,
    WDKM_POOL_ALLOC_FAILED,
    WDKM_GRT_ALREADY_EXISTS,
    WDKM_GRT_IS_NULL,
    WDKM_GRT_IS_EMPTY,
    WDKM_KEY_NOT_FOUND,
    WDKM_KEY_EXISTS,
    WDKM_DOWNCAST_ERROR,
    WDKM_NOT_ACQUIRED,
    WDKM_INVALID_PARAMETER
} WDKM_STATUS;

PCSTR WdkmStatusName(WDKM_STATUS Status);

#define WDKM_TAG_KMUTEX         'mKdW'
#define WDKM_TAG_FAST_MUTEX     'mFdW'
#define WDKM_TAG_GRT            'rGdW'
#define WDKM_TAG_GRT_ENTRY      'eGdW'
#define WDKM_TAG_SPIN_LOCK      'lSdW'
#define WDKM_TAG_GUARDED_MUTEX  'mGdW'
#define WDKM_TAG_RESOURCE       'sRdW'

typedef struct _WDKM_TYPE_INFO {
    PCSTR Name;
    SIZE_T Size;
} WDKM_TYPE_INFO;
#define WDKM_TYPE(T) __wdkm_type_info(#T, sizeof(T))

typedef struct _WDKM_KMUTEX WDKM_KMUTEX;
WDKM_STATUS WdkmKMutexNew(SIZE_T DataSize, const VOID *Initial, WDKM_KMUTEX **Mutex);
WDKM_STATUS WdkmKMutexLock(WDKM_KMUTEX *Mutex, PVOID *Data);
WDKM_STATUS WdkmKMutexTryLock(WDKM_KMUTEX *Mutex, PVOID *Data);
VOID        WdkmKMutexUnlock(WDKM_KMUTEX *Mutex);
WDKM_STATUS WdkmKMutexUnlockSafe(WDKM_KMUTEX *Mutex);
VOID        WdkmKMutexIntoOwned(WDKM_KMUTEX *Mutex, VOID *Out);
VOID        WdkmKMutexFree(WDKM_KMUTEX *Mutex);
SIZE_T      WdkmKMutexDataSize(const WDKM_KMUTEX *Mutex);

typedef struct _WDKM_FAST_MUTEX WDKM_FAST_MUTEX;
WDKM_STATUS WdkmFastMutexNew(SIZE_T DataSize, const VOID *Initial, WDKM_FAST_MUTEX **Mutex);
WDKM_STATUS WdkmFastMutexLock(WDKM_FAST_MUTEX *Mutex, PVOID *Data);
WDKM_STATUS WdkmFastMutexTryLock(WDKM_FAST_MUTEX *Mutex, PVOID *Data);
VOID        WdkmFastMutexUnlock(WDKM_FAST_MUTEX *Mutex);
WDKM_STATUS WdkmFastMutexUnlockSafe(WDKM_FAST_MUTEX *Mutex);
VOID        WdkmFastMutexIntoOwned(WDKM_FAST_MUTEX *Mutex, VOID *Out);
VOID        WdkmFastMutexFree(WDKM_FAST_MUTEX *Mutex);
SIZE_T      WdkmFastMutexDataSize(const WDKM_FAST_MUTEX *Mutex);

WDKM_STATUS WdkmGrtInit(VOID);
WDKM_STATUS WdkmGrtRegisterKMutex(PCSTR Label, const WDKM_TYPE_INFO *Type, const VOID *Initial);
WDKM_STATUS WdkmGrtRegisterKMutexChecked(PCSTR Label, const WDKM_TYPE_INFO *Type, const VOID *Initial);
WDKM_STATUS WdkmGrtRegisterFastMutex(PCSTR Label, const WDKM_TYPE_INFO *Type, const VOID *Initial);
WDKM_STATUS WdkmGrtRegisterFastMutexChecked(PCSTR Label, const WDKM_TYPE_INFO *Type, const VOID *Initial);
WDKM_STATUS WdkmGrtGetKMutex(PCSTR Label, const WDKM_TYPE_INFO *Type, WDKM_KMUTEX **Mutex);
WDKM_STATUS WdkmGrtGetFastMutex(PCSTR Label, const WDKM_TYPE_INFO *Type, WDKM_FAST_MUTEX **Mutex);
WDKM_STATUS WdkmGrtDestroy(VOID);

typedef struct _WDKM_SPIN_LOCK WDKM_SPIN_LOCK;
WDKM_STATUS WdkmSpinLockNew(SIZE_T DataSize, const VOID *Initial, WDKM_SPIN_LOCK **Lock);
WDKM_STATUS WdkmSpinLockLock(WDKM_SPIN_LOCK *Lock, PVOID *Data);
WDKM_STATUS WdkmSpinLockTryLock(WDKM_SPIN_LOCK *Lock, PVOID *Data);
VOID        WdkmSpinLockUnlock(WDKM_SPIN_LOCK *Lock);
WDKM_STATUS WdkmSpinLockUnlockSafe(WDKM_SPIN_LOCK *Lock);
VOID        WdkmSpinLockIntoOwned(WDKM_SPIN_LOCK *Lock, VOID *Out);
VOID        WdkmSpinLockFree(WDKM_SPIN_LOCK *Lock);
SIZE_T      WdkmSpinLockDataSize(const WDKM_SPIN_LOCK *Lock);

typedef struct _WDKM_GUARDED_MUTEX WDKM_GUARDED_MUTEX;
WDKM_STATUS WdkmGuardedMutexNew(SIZE_T DataSize, const VOID *Initial, WDKM_GUARDED_MUTEX **Mutex);
WDKM_STATUS WdkmGuardedMutexLock(WDKM_GUARDED_MUTEX *Mutex, PVOID *Data);
WDKM_STATUS WdkmGuardedMutexTryLock(WDKM_GUARDED_MUTEX *Mutex, PVOID *Data);
VOID        WdkmGuardedMutexUnlock(WDKM_GUARDED_MUTEX *Mutex);
WDKM_STATUS WdkmGuardedMutexUnlockSafe(WDKM_GUARDED_MUTEX *Mutex);
VOID        WdkmGuardedMutexIntoOwned(WDKM_GUARDED_MUTEX *Mutex, VOID *Out);
VOID        WdkmGuardedMutexFree(WDKM_GUARDED_MUTEX *Mutex);
SIZE_T      WdkmGuardedMutexDataSize(const WDKM_GUARDED_MUTEX *Mutex);

typedef struct _WDKM_RESOURCE WDKM_RESOURCE;
WDKM_STATUS WdkmResourceNew(SIZE_T DataSize, const VOID *Initial, WDKM_RESOURCE **Resource);
WDKM_STATUS WdkmResourceLockShared(WDKM_RESOURCE *Resource, PVOID *Data);
WDKM_STATUS WdkmResourceLockExclusive(WDKM_RESOURCE *Resource, PVOID *Data);
WDKM_STATUS WdkmResourceTryLockShared(WDKM_RESOURCE *Resource, PVOID *Data);
WDKM_STATUS WdkmResourceTryLockExclusive(WDKM_RESOURCE *Resource, PVOID *Data);
VOID        WdkmResourceUnlock(WDKM_RESOURCE *Resource);
VOID        WdkmResourceIntoOwned(WDKM_RESOURCE *Resource, VOID *Out);
VOID        WdkmResourceFree(WDKM_RESOURCE *Resource);
SIZE_T      WdkmResourceDataSize(const WDKM_RESOURCE *Resource);
`;
