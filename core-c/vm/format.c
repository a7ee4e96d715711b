/*++
Module Name: format.c
Abstract: DbgPrint for scenarios: the emulator's formatter (EmuFormat) over
          the guest's arguments, each already promoted as C does for variadic
          calls. A missing argument prints as 0, never reads past the call.
          The formatter calls these sources through pointers, and in the
          WebAssembly build a fiber switch (a bug check) must not happen
          inside such a call (asyncify does not instrument indirect calls).
          So a source never faults: it probes the guest memory, notes the
          first bad address and returns nothing; VmFormat faults on that
          address once the formatter has returned, as Windows would have
          when DbgPrint read it.
--*/
#include "vmp.h"

typedef struct _ARRAY_SOURCE {
    const ULONG64 *Args;
    ULONG Count, Next;
    BOOLEAN Faulted;
    ULONG64 FaultAt;                 /* the first guest address that could not be read */
} ARRAY_SOURCE;

static ULONG64 NextArg(ARRAY_SOURCE *A)
{
    return A->Next < A->Count ? A->Args[A->Next++] : (A->Next++, 0);
}

static VOID NoteFault(ARRAY_SOURCE *A, ULONG64 Guest)
{
    if (!A->Faulted) {
        A->Faulted = TRUE;
        A->FaultAt = Guest;
    }
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

/* At most Max characters, each readable; stops at the first fault. */
static PCSTR ArrayString(PVOID Context, SIZE_T Max)
{
    ARRAY_SOURCE *a = (ARRAY_SOURCE *)Context;
    ULONG64 guest = NextArg(a), n;
    if (a->Faulted)
        return "";
    if (guest == 0)
        return NULL;
    if (Max == 0)
        return "";
    for (n = 0; n < Max; n++) {
        const CHAR *c = (const CHAR *)VmProbe(guest + n, 1);
        if (c == NULL) {
            NoteFault(a, guest + n);
            return "";
        }
        if (*c == '\0')
            break;
    }
    return (PCSTR)VmProbe(guest, 1);
}

/* A UNICODE_STRING or ANSI_STRING: USHORT Length, USHORT MaximumLength, then
   the buffer's address at offset 8 (x64 layout). */
static const UCHAR *ArrayCounted(PVOID Context, BOOLEAN Wide, ULONG *Length)
{
    ARRAY_SOURCE *a = (ARRAY_SOURCE *)Context;
    ULONG64 guest = NextArg(a), buffer;
    const UCHAR *header, *bytes;
    (VOID)Wide;
    if (guest == 0 || a->Faulted)
        return a->Faulted ? (const UCHAR *)"" : NULL;
    header = (const UCHAR *)VmProbe(guest, 16);
    if (header == NULL) {
        NoteFault(a, guest);
        return (const UCHAR *)"";
    }
    *Length = (ULONG)(header[0] | (header[1] << 8));
    buffer = 0;
    for (int i = 7; i >= 0; i--)
        buffer = (buffer << 8) | header[8 + i];
    if (buffer == 0)
        return NULL;
    if (*Length == 0)
        return (const UCHAR *)"";
    bytes = (const UCHAR *)VmProbe(buffer, *Length);
    if (bytes == NULL) {
        NoteFault(a, buffer);
        *Length = 0;
        return (const UCHAR *)"";
    }
    return bytes;
}

SIZE_T VmFormat(CHAR *Out, SIZE_T Size, PCSTR Format, const ULONG64 *Args, ULONG Count)
{
    ARRAY_SOURCE a = { Args, Count, 0, FALSE, 0 };
    EMU_FORMAT_SOURCE source = { ArrayInteger, ArrayPointer, ArrayString, ArrayCounted, &a };
    SIZE_T n;
    n = EmuFormat(Out, Size, Format, &source);
    if (a.Faulted)
        VmHost(a.FaultAt, 1, FALSE);               /* bug checks: the read DbgPrint made */
    return n;
}
