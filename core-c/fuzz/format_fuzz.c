/*++
Module Name: format_fuzz.c
Abstract: libFuzzer target for DbgPrint's formatter (emu/format.c). An input
          is a format string, a NUL, then argument bytes: each argument an
          8-byte integer; strings and counted strings are chosen from a fixed
          set (including NULL and unterminated-looking buffers read only up to
          their precision). The output must be NUL-terminated, its length
          returned, within the buffer, and the same on a second call.
--*/
#include "emu.h"
#include <stdlib.h>
#include <string.h>

typedef struct _FUZZ_ARGS { const UCHAR *Data; size_t Size, At; } FUZZ_ARGS;

static ULONG64 Take(FUZZ_ARGS *A)
{
    ULONG64 v = 0;
    for (int i = 0; i < 8; i++)
        v |= (ULONG64)(A->At < A->Size ? A->Data[A->At++] : 0) << (8 * i);
    return v;
}

static ULONG64 FInt(PVOID C, BOOLEAN Wide, BOOLEAN Signed)
{
    ULONG64 v = Take((FUZZ_ARGS *)C);
    return Wide ? v : Signed ? (ULONG64)(LONG64)(LONG)v : (ULONG64)(ULONG)v;
}
static ULONG64 FPtr(PVOID C) { return Take((FUZZ_ARGS *)C); }

static const CHAR *const Strings[] = { NULL, "", "x", "hello, world", "%s%n%d", "\x7F\xFF\x01" };
static PCSTR FStr(PVOID C, SIZE_T Max)
{
    (VOID)Max;
    return Strings[Take((FUZZ_ARGS *)C) % (sizeof(Strings) / sizeof(Strings[0]))];
}

static WCHAR Wide[] = { 'w', 0x00E9, 0xD800, 'z', 0 };
static const UCHAR *FCounted(PVOID C, BOOLEAN IsWide, ULONG *Length)
{
    ULONG64 v = Take((FUZZ_ARGS *)C);
    (VOID)IsWide;
    if (v % 3 == 0)
        return NULL;
    *Length = (ULONG)((v >> 8) % (sizeof(Wide) + 1));  /* odd lengths and the whole buffer */
    return (const UCHAR *)Wide;
}

int LLVMFuzzerTestOneInput(const UCHAR *Data, size_t Size)
{
    CHAR format[512], out1[300], out2[300];
    size_t flen = 0, size;
    SIZE_T n1, n2;
    while (flen < Size && flen < sizeof(format) - 1 && Data[flen] != 0)
        flen++;
    memcpy(format, Data, flen);
    format[flen] = '\0';
    size = 1 + (flen < Size ? Data[flen] : 0) % sizeof(out1);   /* buffers of every size */
    {
        FUZZ_ARGS a = { Data, Size, flen + 1 }, b = a;
        EMU_FORMAT_SOURCE s1 = { FInt, FPtr, FStr, FCounted, &a }, s2 = { FInt, FPtr, FStr, FCounted, &b };
        memset(out1, 0x55, sizeof(out1));
        n1 = EmuFormat(out1, size, format, &s1);
        n2 = EmuFormat(out2, size, format, &s2);
        if (n1 >= size || out1[n1] != '\0')
            abort();
        if (size < sizeof(out1) && (UCHAR)out1[size] != 0x55)
            abort();                                            /* wrote past the buffer */
        if (n1 != n2 || memcmp(out1, out2, n1) != 0)
            abort();
    }
    return 0;
}
