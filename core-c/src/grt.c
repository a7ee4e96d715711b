/*++
Module Name: grt.c
Abstract: The global reference tracker: mutexes registered by label, reached
          from any thread or callback with a checked downcast, all freed by
          WdkmGrtDestroy. The table is a list in non-paged pool. One spin lock
          in the driver's data (so it outlives the table) guards both the
          table pointer and the list: Init's check and set, Get, Register and
          Destroy's unlinking are atomic with respect to each other, and a get
          works up to DISPATCH_LEVEL.
--*/
#include "wdkmp.h"

typedef enum _GRT_KIND { GrtKindKMutex = 1, GrtKindFastMutex } GRT_KIND;

typedef struct _GRT_ENTRY {
    struct _GRT_ENTRY *Next;   /* singly linked, newest first              */
    GRT_KIND Kind;             /* which Get may return it                  */
    SIZE_T TypeSize;           /* sizeof(T) at registration                */
    PCSTR TypeName;            /* copy of the T's spelling, in this block  */
    PCSTR Label;               /* copy of the label, in this block         */
    PVOID Mutex;               /* WDKM_KMUTEX * or WDKM_FAST_MUTEX *       */
} GRT_ENTRY;

/* Entries are allocated with the x64 size of the header, so pool sizes
   match in every build; the label and type name follow it. */
#define GRT_ENTRY_BYTES 48
typedef char GrtEntryFits[sizeof(GRT_ENTRY) <= GRT_ENTRY_BYTES ? 1 : -1];

typedef struct _GRT {
    ULONG64 Reserved;          /* keeps the block's x64 size (16 bytes)    */
    GRT_ENTRY *Entries;
} GRT;
#define GRT_BYTES 16           /* its x64 size */

/* A zeroed spin lock is a free one (KeInitializeSpinLock stores 0), so the
   lock needs no initialisation and exists before Init and after Destroy. */
static KSPIN_LOCK GrtLock;
static GRT *Grt;               /* read and written only under GrtLock     */

/* Declared in include/wdkm_host.h for the hosts that reuse one loaded core;
   the driver export does not ship that header, and a driver never calls it. */
VOID WdkmGrtReset(VOID)
{
    Grt = NULL;
    GrtLock = 0;
}

WDKM_STATUS WdkmGrtInit(VOID)
{
    GRT *grt;
    BOOLEAN exists;
    KIRQL irql;

    if (KeGetCurrentIrql() > DISPATCH_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    KeAcquireSpinLock(&GrtLock, &irql);
    exists = Grt != NULL;
    KeReleaseSpinLock(&GrtLock, irql);
    if (exists)
        return WDKM_GRT_ALREADY_EXISTS;
    grt = (GRT *)ExAllocatePool2(POOL_FLAG_NON_PAGED, GRT_BYTES, WDKM_TAG_GRT);
    if (grt == NULL)
        return WDKM_POOL_ALLOC_FAILED;
    grt->Entries = NULL;
    /* Check and set in one hold of the lock: of two racing Inits one wins,
       the other frees its block and reports the table as existing. */
    KeAcquireSpinLock(&GrtLock, &irql);
    exists = Grt != NULL;
    if (!exists)
        Grt = grt;
    KeReleaseSpinLock(&GrtLock, irql);
    if (exists) {
        ExFreePoolWithTag(grt, WDKM_TAG_GRT);
        return WDKM_GRT_ALREADY_EXISTS;
    }
    return WDKM_OK;
}

/* The crate's order of errors: no table, bad arguments, IRQL. Above
   DISPATCH_LEVEL the lock cannot be taken, so the table pointer is only
   peeked at to choose which error to return; nothing is dereferenced. */
static WDKM_STATUS Precheck(PCSTR Label, const WDKM_TYPE_INFO *Type)
{
    BOOLEAN none;
    KIRQL irql;

    if (KeGetCurrentIrql() > DISPATCH_LEVEL) {
        none = Grt == NULL;
    } else {
        KeAcquireSpinLock(&GrtLock, &irql);
        none = Grt == NULL;
        KeReleaseSpinLock(&GrtLock, irql);
    }
    if (none)
        return WDKM_GRT_IS_NULL;
    if (Label == NULL || Type == NULL || Type->Name == NULL)
        return WDKM_INVALID_PARAMETER;
    return KeGetCurrentIrql() > DISPATCH_LEVEL ? WDKM_IRQL_TOO_HIGH : WDKM_OK;
}

static GRT_ENTRY *FindLocked(PCSTR Label, GRT_ENTRY ***Link)
{
    GRT_ENTRY **link = &Grt->Entries;
    for (; *link != NULL; link = &(*link)->Next) {
        if (WdkmpStrEqual((*link)->Label, Label)) {
            if (Link != NULL)
                *Link = link;
            return *link;
        }
    }
    return NULL;
}

static VOID FreeEntry(GRT_ENTRY *Entry)
{
    if (Entry->Kind == GrtKindKMutex)
        WdkmKMutexFree((WDKM_KMUTEX *)Entry->Mutex);
    else
        WdkmFastMutexFree((WDKM_FAST_MUTEX *)Entry->Mutex);
    ExFreePoolWithTag(Entry, WDKM_TAG_GRT_ENTRY);
}

static GRT_ENTRY *NewEntry(PCSTR Label, const WDKM_TYPE_INFO *Type, GRT_KIND Kind, PVOID Mutex)
{
    SIZE_T labelLen = WdkmpStrLen(Label) + 1;
    SIZE_T nameLen = WdkmpStrLen(Type->Name) + 1;
    GRT_ENTRY *entry;
    PCHAR text;

    entry = (GRT_ENTRY *)ExAllocatePool2(POOL_FLAG_NON_PAGED, GRT_ENTRY_BYTES + labelLen + nameLen,
                                         WDKM_TAG_GRT_ENTRY);
    if (entry == NULL)
        return NULL;
    text = (PCHAR)entry + GRT_ENTRY_BYTES;
    RtlCopyMemory(text, Label, labelLen);
    RtlCopyMemory(text + labelLen, Type->Name, nameLen);
    entry->Label = text;
    entry->TypeName = text + labelLen;
    entry->TypeSize = Type->Size;
    entry->Kind = Kind;
    entry->Mutex = Mutex;
    entry->Next = NULL;
    return entry;
}

static WDKM_STATUS Register(PCSTR Label, const WDKM_TYPE_INFO *Type, const VOID *Initial,
                            GRT_KIND Kind, BOOLEAN Checked)
{
    GRT_ENTRY *entry, *old, **link;
    PVOID mutex = NULL;
    WDKM_STATUS status;
    KIRQL irql;

    status = Precheck(Label, Type);
    if (status == WDKM_IRQL_TOO_HIGH && !Checked)
        status = WDKM_OK;           /* the mutex's New reports it, as in the crate */
    if (status != WDKM_OK)
        return status;
    if (Checked) {
        KeAcquireSpinLock(&GrtLock, &irql);
        old = Grt != NULL ? FindLocked(Label, NULL) : NULL;
        KeReleaseSpinLock(&GrtLock, irql);
        if (old != NULL)
            return WDKM_KEY_EXISTS;
    }
    if (Kind == GrtKindKMutex)
        status = WdkmKMutexNew(Type->Size, Initial, (WDKM_KMUTEX **)&mutex);
    else
        status = WdkmFastMutexNew(Type->Size, Initial, (WDKM_FAST_MUTEX **)&mutex);
    if (status != WDKM_OK)
        return status;
    entry = NewEntry(Label, Type, Kind, mutex);
    if (entry == NULL) {
        status = WDKM_POOL_ALLOC_FAILED;
        goto free_mutex;
    }

    KeAcquireSpinLock(&GrtLock, &irql);
    if (Grt == NULL) {
        KeReleaseSpinLock(&GrtLock, irql);
        status = WDKM_GRT_IS_NULL;  /* destroyed meanwhile */
        goto free_entry;
    }
    old = FindLocked(Label, &link);
    if (old != NULL && Checked) {
        KeReleaseSpinLock(&GrtLock, irql);
        status = WDKM_KEY_EXISTS;   /* another thread registered it meanwhile */
        goto free_entry;
    }
    if (old != NULL)
        *link = old->Next;          /* replaced, like the crate's map insert */
    entry->Next = Grt->Entries;
    Grt->Entries = entry;
    KeReleaseSpinLock(&GrtLock, irql);
    /* The crate frees the replaced mutex at once: a pointer another thread
       got from Get before is dangling from here on (core-c/README.md). */
    if (old != NULL)
        FreeEntry(old);
    return WDKM_OK;

free_entry:
    ExFreePoolWithTag(entry, WDKM_TAG_GRT_ENTRY);
free_mutex:
    if (Kind == GrtKindKMutex)
        WdkmKMutexFree((WDKM_KMUTEX *)mutex);
    else
        WdkmFastMutexFree((WDKM_FAST_MUTEX *)mutex);
    return status;
}

WDKM_STATUS WdkmGrtRegisterKMutex(PCSTR Label, const WDKM_TYPE_INFO *Type, const VOID *Initial)
{
    return Register(Label, Type, Initial, GrtKindKMutex, FALSE);
}

WDKM_STATUS WdkmGrtRegisterKMutexChecked(PCSTR Label, const WDKM_TYPE_INFO *Type, const VOID *Initial)
{
    return Register(Label, Type, Initial, GrtKindKMutex, TRUE);
}

WDKM_STATUS WdkmGrtRegisterFastMutex(PCSTR Label, const WDKM_TYPE_INFO *Type, const VOID *Initial)
{
    return Register(Label, Type, Initial, GrtKindFastMutex, FALSE);
}

WDKM_STATUS WdkmGrtRegisterFastMutexChecked(PCSTR Label, const WDKM_TYPE_INFO *Type, const VOID *Initial)
{
    return Register(Label, Type, Initial, GrtKindFastMutex, TRUE);
}

static WDKM_STATUS Get(PCSTR Label, const WDKM_TYPE_INFO *Type, GRT_KIND Kind, PVOID *Mutex)
{
    WDKM_STATUS status;
    GRT_ENTRY *entry;
    KIRQL irql;

    if (Mutex == NULL)
        return WDKM_INVALID_PARAMETER;
    *Mutex = NULL;
    status = Precheck(Label, Type);
    if (status != WDKM_OK)
        return status;
    KeAcquireSpinLock(&GrtLock, &irql);
    if (Grt == NULL) {
        status = WDKM_GRT_IS_NULL;
    } else if (Grt->Entries == NULL) {
        status = WDKM_GRT_IS_EMPTY;
    } else if ((entry = FindLocked(Label, NULL)) == NULL) {
        status = WDKM_KEY_NOT_FOUND;
    } else if (entry->Kind != Kind || !WdkmpTypeEqual(Type, entry->TypeName, entry->TypeSize)) {
        status = WDKM_DOWNCAST_ERROR;
    } else {
        *Mutex = entry->Mutex;
        status = WDKM_OK;
    }
    KeReleaseSpinLock(&GrtLock, irql);
    return status;
}

WDKM_STATUS WdkmGrtGetKMutex(PCSTR Label, const WDKM_TYPE_INFO *Type, WDKM_KMUTEX **Mutex)
{
    return Get(Label, Type, GrtKindKMutex, (PVOID *)Mutex);
}

WDKM_STATUS WdkmGrtGetFastMutex(PCSTR Label, const WDKM_TYPE_INFO *Type, WDKM_FAST_MUTEX **Mutex)
{
    return Get(Label, Type, GrtKindFastMutex, (PVOID *)Mutex);
}

WDKM_STATUS WdkmGrtDestroy(VOID)
{
    GRT *grt;
    GRT_ENTRY *entry, *next;
    KIRQL irql;

    /* Unlinked under the lock, so a Get sees either the whole table or none;
       freed after it (mutexes the callers still use are theirs to stop using). */
    KeAcquireSpinLock(&GrtLock, &irql);
    grt = Grt;
    Grt = NULL;
    KeReleaseSpinLock(&GrtLock, irql);
    if (grt == NULL)
        return WDKM_GRT_IS_NULL;
    for (entry = grt->Entries; entry != NULL; entry = next) {
        next = entry->Next;
        FreeEntry(entry);
    }
    ExFreePoolWithTag(grt, WDKM_TAG_GRT);
    return WDKM_OK;
}
