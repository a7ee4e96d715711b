/*++
Module Name: format.c
Abstract: DbgPrint for scenarios: the emulator's formatter (EmuFormat) over
          the guest's arguments, each already promoted as C does for variadic
          calls. A missing argument prints as 0, never reads past the call.
--*/
#include "vmp.h"

typedef struct _ARRAY_SOURCE { const ULONG64 *Args; ULONG Count, Next; } ARRAY_SOURCE;

static ULONG64 NextArg(ARRAY_SOURCE *A)
{
    return A->Next < A->Count ? A->Args[A->Next++] : (A->Next++, 0);
}

static ULONG64 ArrayInteger(PVOID Context, BOOLEAN Wide, BOOLEAN Signed)
{
    ULONG64 v = NextArg((ARRAY_SOURCE *)Context);
    if (Wide)
        return v;
    return Signed ? (ULONG64)(LONG64)(LONG)v : (ULONG64)(ULONG)v;
}

static ULONG64 ArrayPointer(PVOID Context)
{
    return NextArg((ARRAY_SOURCE *)Context);          /* already a guest address */
}

static PCSTR ArrayString(PVOID Context)
{
    ULONG64 guest = NextArg((ARRAY_SOURCE *)Context);
    return guest ? VmHostString(guest) : NULL;
}

SIZE_T VmFormat(CHAR *Out, SIZE_T Size, PCSTR Format, const ULONG64 *Args, const UCHAR *Kinds, ULONG Count)
{
    ARRAY_SOURCE a = { Args, Count, 0 };
    EMU_FORMAT_SOURCE source = { ArrayInteger, ArrayPointer, ArrayString, &a };
    (VOID)Kinds;
    return EmuFormat(Out, Size, Format, &source);
}
