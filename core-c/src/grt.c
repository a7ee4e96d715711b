/*++
Module Name: grt.c
Abstract: The global reference tracker: mutexes registered by label, reached
          from any thread or callback with a checked downcast, all freed by
          WdkmGrtDestroy. The table is a list in non-paged pool guarded by a
          spin lock, so a get works up to DISPATCH_LEVEL.
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
    KSPIN_LOCK Lock;           /* guards Entries                           */
    GRT_ENTRY *Entries;
} GRT;
#define GRT_BYTES 16           /* its x64 size */

static GRT *Grt;

VOID WdkmpGrtForget(VOID)
{
    Grt = NULL;
}

WDKM_STATUS WdkmGrtInit(VOID)
{
    GRT *grt;

    if (Grt != NULL)
        return WDKM_GRT_ALREADY_EXISTS;
    if (KeGetCurrentIrql() > DISPATCH_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    grt = (GRT *)ExAllocatePool2(POOL_FLAG_NON_PAGED, GRT_BYTES, WDKM_TAG_GRT);
    if (grt == NULL)
        return WDKM_POOL_ALLOC_FAILED;
    KeInitializeSpinLock(&grt->Lock);
    grt->Entries = NULL;
    Grt = grt;
    return WDKM_OK;
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

    if (Grt == NULL)
        return WDKM_GRT_IS_NULL;
    if (Label == NULL || Type == NULL || Type->Name == NULL)
        return WDKM_INVALID_PARAMETER;
    if (Checked) {
        KeAcquireSpinLock(&Grt->Lock, &irql);
        old = FindLocked(Label, NULL);
        KeReleaseSpinLock(&Grt->Lock, irql);
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

    KeAcquireSpinLock(&Grt->Lock, &irql);
    old = FindLocked(Label, &link);
    if (old != NULL && Checked) {
        KeReleaseSpinLock(&Grt->Lock, irql);
        status = WDKM_KEY_EXISTS;   /* another thread registered it meanwhile */
        goto free_entry;
    }
    if (old != NULL)
        *link = old->Next;          /* replaced, like the crate's map insert */
    entry->Next = Grt->Entries;
    Grt->Entries = entry;
    KeReleaseSpinLock(&Grt->Lock, irql);
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
    if (Grt == NULL)
        return WDKM_GRT_IS_NULL;
    if (Label == NULL || Type == NULL || Type->Name == NULL)
        return WDKM_INVALID_PARAMETER;
    if (KeGetCurrentIrql() > DISPATCH_LEVEL)
        return WDKM_IRQL_TOO_HIGH;
    KeAcquireSpinLock(&Grt->Lock, &irql);
    if (Grt->Entries == NULL) {
        status = WDKM_GRT_IS_EMPTY;
    } else if ((entry = FindLocked(Label, NULL)) == NULL) {
        status = WDKM_KEY_NOT_FOUND;
    } else if (entry->Kind != Kind || !WdkmpTypeEqual(Type, entry->TypeName, entry->TypeSize)) {
        status = WDKM_DOWNCAST_ERROR;
    } else {
        *Mutex = entry->Mutex;
        status = WDKM_OK;
    }
    KeReleaseSpinLock(&Grt->Lock, irql);
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
    GRT *grt = Grt;
    GRT_ENTRY *entry, *next;

    if (grt == NULL)
        return WDKM_GRT_IS_NULL;
    Grt = NULL;
    for (entry = grt->Entries; entry != NULL; entry = next) {
        next = entry->Next;
        FreeEntry(entry);
    }
    ExFreePoolWithTag(grt, WDKM_TAG_GRT);
    return WDKM_OK;
}
