/*++
Module Name: natives_wdkm.c
Abstract: Bindings of wdkm.h for scenarios, and the lookup of a native by
          name. Handles are pool pointers the core checks itself; T's data
          and the out-pointers are translated between guest and host.
--*/
#include "natives.h"
#include <string.h>

#define H(i) VmHostAligned(C->Args[i], 8, FALSE)     /* a wdkm handle: the core checks its signature */

/* Out-pointer parameters: the routine writes a host pointer, the guest sees
   its guest address. */
#define OUT_CALL(index, call) do { PVOID out_ = NULL; VmCheckOut(A(index)); \
    RET(call); if (A(index) != 0) VmWriteOut(A(index), VmGuest(out_)); } while (0)
#define OUTP (A(1) ? &out_ : NULL)

/* WDKM_TYPE_INFO as the x64 guest lays it out: { PCSTR Name; SIZE_T Size; }. */
static const WDKM_TYPE_INFO *TypeInfo(ULONG64 Guest, WDKM_TYPE_INFO *Host)
{
    const UCHAR *p;
    ULONG64 name = 0, size = 0;
    ULONG i;
    if (Guest == 0)
        return NULL;
    p = (const UCHAR *)VmHost(Guest, 16, FALSE);
    for (i = 0; i < 8; i++) {
        name |= (ULONG64)p[i] << (8 * i);
        size |= (ULONG64)p[8 + i] << (8 * i);
    }
    Host->Name = name ? VmHostString(name) : NULL;
    Host->Size = size > 0x7FFFFFFF ? 0x7FFFFFFF : (SIZE_T)size;
    return Host;
}

#define NEW(Kind) static VOID N_Wdkm##Kind##New(VM_CALL *C) { \
    SIZE_T size = SZ(0); PVOID out_ = NULL; VmCheckOut(A(2)); \
    RET(Wdkm##Kind##New(size, size ? R(1, size) : NULL, A(2) ? (VOID *)&out_ : NULL)); \
    VmWriteOut(A(2), VmGuest(out_)); }
#define LOCK(Name, Type) static VOID N_##Name(VM_CALL *C) { \
    PVOID out_ = NULL; VmCheckOut(A(1)); RET(Name((Type *)H(0), A(1) ? &out_ : NULL)); \
    if ((ULONG)C->Ret == WDKM_OK) VmWriteOut(A(1), VmGuest(out_)); }
#define VOIDH(Name, Type) static VOID N_##Name(VM_CALL *C) { Name((Type *)H(0)); }
#define STATH(Name, Type) static VOID N_##Name(VM_CALL *C) { RET(Name((Type *)H(0))); }
#define OWNED(Kind, Type) static VOID N_Wdkm##Kind##IntoOwned(VM_CALL *C) { \
    Type *h = (Type *)H(0); SIZE_T size = h ? Wdkm##Kind##DataSize(h) : 0; \
    Wdkm##Kind##IntoOwned(h, size ? PB(1, size) : (PVOID)(ULONG_PTR)0); }
#define SIZEH(Kind, Type) static VOID N_Wdkm##Kind##DataSize(VM_CALL *C) { RET(Wdkm##Kind##DataSize((Type *)H(0))); }

#define FAMILY(Kind, Type) NEW(Kind) LOCK(Wdkm##Kind##Lock, Type) LOCK(Wdkm##Kind##TryLock, Type) \
    VOIDH(Wdkm##Kind##Unlock, Type) OWNED(Kind, Type) VOIDH(Wdkm##Kind##Free, Type) SIZEH(Kind, Type)

FAMILY(KMutex, WDKM_KMUTEX)
FAMILY(FastMutex, WDKM_FAST_MUTEX)
FAMILY(SpinLock, WDKM_SPIN_LOCK)
FAMILY(GuardedMutex, WDKM_GUARDED_MUTEX)
STATH(WdkmKMutexUnlockSafe, WDKM_KMUTEX)
STATH(WdkmFastMutexUnlockSafe, WDKM_FAST_MUTEX)
STATH(WdkmSpinLockUnlockSafe, WDKM_SPIN_LOCK)
STATH(WdkmGuardedMutexUnlockSafe, WDKM_GUARDED_MUTEX)
NEW(Resource)
LOCK(WdkmResourceLockShared, WDKM_RESOURCE)
LOCK(WdkmResourceLockExclusive, WDKM_RESOURCE)
LOCK(WdkmResourceTryLockShared, WDKM_RESOURCE)
LOCK(WdkmResourceTryLockExclusive, WDKM_RESOURCE)
VOIDH(WdkmResourceUnlock, WDKM_RESOURCE)
OWNED(Resource, WDKM_RESOURCE)
VOIDH(WdkmResourceFree, WDKM_RESOURCE)
SIZEH(Resource, WDKM_RESOURCE)

static VOID N_WdkmGrtInit(VM_CALL *C) { RET(WdkmGrtInit()); }
static VOID N_WdkmGrtDestroy(VM_CALL *C) { RET(WdkmGrtDestroy()); }

#define REGISTER(Name) static VOID N_##Name(VM_CALL *C) { \
    WDKM_TYPE_INFO t; const WDKM_TYPE_INFO *type = TypeInfo(A(1), &t); \
    RET(Name(STR(0), type, type && type->Size && A(2) ? R(2, type->Size) : NULL)); }
REGISTER(WdkmGrtRegisterKMutex)
REGISTER(WdkmGrtRegisterKMutexChecked)
REGISTER(WdkmGrtRegisterFastMutex)
REGISTER(WdkmGrtRegisterFastMutexChecked)

#define GET(Name) static VOID N_##Name(VM_CALL *C) { \
    WDKM_TYPE_INFO t; PVOID out_ = NULL; const WDKM_TYPE_INFO *type = TypeInfo(A(1), &t); \
    VmCheckOut(A(2)); RET(Name(STR(0), type, A(2) ? (VOID *)&out_ : NULL)); VmWriteOut(A(2), VmGuest(out_)); }
GET(WdkmGrtGetKMutex)
GET(WdkmGrtGetFastMutex)

/* The names live in the driver region so the scenario can print them. */
static VOID N_WdkmStatusName(VM_CALL *C)
{
    ULONG s = U32(0);
    RET(VmS.StatusNames + (ULONG64)(s <= WDKM_INVALID_PARAMETER ? s : WDKM_INVALID_PARAMETER + 1) * 32);
}

static const VM_NATIVE Wdkm[] = {
#define W(name, params) { #name, params, TRUE, N_##name },
#define V(name, params) { #name, params, FALSE, N_##name },
#define FAMILY_ROWS(Kind) W(Wdkm##Kind##New, 3) W(Wdkm##Kind##Lock, 2) W(Wdkm##Kind##TryLock, 2) \
    V(Wdkm##Kind##Unlock, 1) W(Wdkm##Kind##UnlockSafe, 1) V(Wdkm##Kind##IntoOwned, 2) V(Wdkm##Kind##Free, 1) \
    V(Wdkm##Kind##DataSize, 1)
    FAMILY_ROWS(KMutex) FAMILY_ROWS(FastMutex) FAMILY_ROWS(SpinLock) FAMILY_ROWS(GuardedMutex)
    W(WdkmResourceNew, 3) W(WdkmResourceLockShared, 2) W(WdkmResourceLockExclusive, 2)
    W(WdkmResourceTryLockShared, 2) W(WdkmResourceTryLockExclusive, 2) V(WdkmResourceUnlock, 1)
    V(WdkmResourceIntoOwned, 2) V(WdkmResourceFree, 1) V(WdkmResourceDataSize, 1)
    W(WdkmGrtInit, 0) W(WdkmGrtDestroy, 0) W(WdkmGrtRegisterKMutex, 3) W(WdkmGrtRegisterKMutexChecked, 3)
    W(WdkmGrtRegisterFastMutex, 3) W(WdkmGrtRegisterFastMutexChecked, 3) W(WdkmGrtGetKMutex, 3)
    W(WdkmGrtGetFastMutex, 3) V(WdkmStatusName, 1)
#undef W
#undef V
    { NULL, 0, FALSE, NULL }
};

const VM_NATIVE *VmKernelNatives(VOID);
const VM_NATIVE *VmThreadNatives(VOID);

const VM_NATIVE *VmFindNative(PCSTR Name, SIZE_T Length)
{
    const VM_NATIVE *tables[3];
    ULONG t;
    tables[0] = VmKernelNatives();
    tables[1] = VmThreadNatives();
    tables[2] = Wdkm;
    for (t = 0; t < 3; t++) {
        const VM_NATIVE *n;
        for (n = tables[t]; n->Name != NULL; n++)
            if (strlen(n->Name) == Length && memcmp(n->Name, Name, Length) == 0)
                return n;
    }
    return NULL;
}
