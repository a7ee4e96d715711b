/*++
Module Name: format_tests.c
Abstract: DbgPrint's formatter (emu/format.c): every conversion, length
          modifier, width and precision that docs/scenario-language.md
          promises, through the emulator's DbgPrint (a va_list) and directly
          over an argument array, as the VM calls it.
--*/
#include "harness.h"
#include <stdio.h>
#include <string.h>

/* EmuFormat over an array of integers, as the VM hands it arguments. */
typedef struct _ARGS { const ULONG64 *V; ULONG Next, Count; } ARGS;
static ULONG64 AInt(PVOID C, BOOLEAN Wide, BOOLEAN Signed)
{
    ARGS *a = (ARGS *)C;
    ULONG64 v = a->Next < a->Count ? a->V[a->Next] : 0;
    a->Next++;
    return Wide ? v : Signed ? (ULONG64)(LONG64)(LONG)v : (ULONG64)(ULONG)v;
}
static ULONG64 APtr(PVOID C) { return AInt(C, TRUE, FALSE); }
static PCSTR AStr(PVOID C, SIZE_T Max) { (VOID)Max; return (PCSTR)(ULONG_PTR)AInt(C, TRUE, FALSE); }
static const UCHAR *ACounted(PVOID C, BOOLEAN Wide, ULONG *Length)
{
    const UNICODE_STRING *u = (const UNICODE_STRING *)(ULONG_PTR)AInt(C, TRUE, FALSE);
    (VOID)Wide;
    if (u == NULL || u->Buffer == NULL)
        return NULL;
    *Length = u->Length;
    return (const UCHAR *)u->Buffer;
}

static int Failed;
static VOID Expect(PCSTR Format, const ULONG64 *Values, ULONG Count, PCSTR Want)
{
    CHAR out[256];
    ARGS a = { Values, 0, Count };
    EMU_FORMAT_SOURCE s = { AInt, APtr, AStr, ACounted, &a };
    SIZE_T n = EmuFormat(out, sizeof(out), Format, &s);
    if (strcmp(out, Want) != 0 || n != strlen(Want)) {
        TestFail(__FILE__, __LINE__, Format);
        printf("  format \"%s\": got \"%s\", want \"%s\"\n", Format, out, Want);
        Failed++;
    }
}
#define V(...) (const ULONG64[]){ __VA_ARGS__ }, sizeof((const ULONG64[]){ __VA_ARGS__ }) / sizeof(ULONG64)

void TestFormatLengths(void)
{
    Expect("%I64u %I64x %llu %llX", V(0x123456789ull, 0x123456789ull, 0x123456789ull, 0xABCDEF012ull),
           "4886718345 123456789 4886718345 ABCDEF012");
    Expect("%lu %u %d %ld", V(0x123456789ull, 0xFFFFFFFFull, 0xFFFFFFFFull, 0x80000000ull),
           "591751049 4294967295 -1 -2147483648");
    Expect("%I64d %lld", V((ULONG64)-5, (ULONG64)-6), "-5 -6");
    Expect("%hd %hu %hhd %hhu %I32x %Ix", V(70000, 70000, 300, 300, 0x123456789ull, 0x123456789ull),
           "4464 4464 44 44 23456789 123456789");
    Expect("%o %#o %#x %#X %x", V(8, 8, 255, 255, 0), "10 010 0xff 0XFF 0");
}

void TestFormatWidthPrecision(void)
{
    Expect("[%5d][%-5d][%05d][%+d][% d][%.3d][%8.3d][%-08d]", V(42, 42, 42, 5, 5, 7, 7, 3),
           "[   42][42   ][00042][+5][ 5][007][     007][3       ]");
    Expect("[%*d][%-*d][%*d][%.*d][%.*d]", V(6, 9, 4, 9, (ULONG64)-4, 1, 3, 5, (ULONG64)-1, 5),
           "[     9][9   ][1   ][005][5]");
    Expect("[%.0d][%.0x][%5.0d]", V(0, 0, 0), "[][][     ]");
    Expect("[%05d][%5x][%-3c][%3c]", V((ULONG64)-42, 0xab, 'a', 'b'), "[-0042][   ab][a  ][  b]");
    Expect("[%p][%20p]", V(0xFFFFA88000001000ull, 1), "[FFFFA88000001000][    0000000000000001]");
}

void TestFormatStrings(void)
{
    static WCHAR wide[] = { 'W', 'i', 'd', 'e', 0x263A, '!' };
    static CHAR narrow[] = { 'a', 'n', 's', 'i', 'X', 'X' };
    UNICODE_STRING u = { sizeof(wide), sizeof(wide), wide };
    ANSI_STRING s = { 4, 6, narrow };
    UNICODE_STRING empty = { 0, 0, NULL };
    Expect("[%s][%.3s][%8.3s][%-6s][%.*s][%s]",
           V((ULONG_PTR)"abcdef", (ULONG_PTR)"abcdef", (ULONG_PTR)"xyzzy", (ULONG_PTR)"ab", 2, (ULONG_PTR)"xyz", 0),
           "[abcdef][abc][     xyz][ab    ][xy][(null)]");
    Expect("[%wZ][%Z][%.2wZ][%8Z][%wZ][%wZ]",
           V((ULONG_PTR)&u, (ULONG_PTR)&s, (ULONG_PTR)&u, (ULONG_PTR)&s, 0, (ULONG_PTR)&empty),
           "[Wide?!][ansi][Wi][    ansi][(null)][(null)]");
}

/* What the checker refuses still formats safely: as written, taking no
   argument, and %n never writes. Fields are bounded by the buffer. */
void TestFormatUnknownAndBounds(void)
{
    CHAR small[8], big[64];
    static const ULONG64 one_two[] = { 1, 2 };
    ARGS a = { one_two, 0, 2 };
    EMU_FORMAT_SOURCE src = { AInt, APtr, AStr, ACounted, &a };
    Expect("%zu %d %n %d %q", V(7, 8), "%zu 7 %n 8 %q");
    Expect("%", V(0), "");
    Expect("abc%5", V(0), "abc");
    CHECK_EQ(EmuFormat(small, sizeof(small), "%99999999999d|%d", &src), 7);
    CHECK(strcmp(small, "       ") == 0);
    a.Next = 0;
    CHECK_EQ(EmuFormat(big, sizeof(big), "%-2000000000d|", &src), 63);
    CHECK(big[0] == '1' && big[1] == ' ');
    CHECK_EQ(EmuFormat(big, 0, "abc", &src), 0);
    CHECK_EQ(EmuFormat(big, 1, "abc", &src), 0);
    CHECK(big[0] == '\0');
    CHECK_EQ(Failed, 0);
}

/* The emulator's own DbgPrint reads a va_list the same way. */
static NTSTATUS PrintEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING Path)
{
    (VOID)Driver;
    DbgPrint("[%I64u][%*d][%.2s][%wZ][%hu]\n", 0x123456789ull, 4, 7, "xyz", Path, 70000);
    return STATUS_SUCCESS;
}

void TestFormatDbgPrint(void)
{
    CHECK_EQ(Run(PrintEntry), EmuOutcomeCompleted);
    CHECK(OutputContains("[4886718345][   7][xy][\\REGISTRY][4464]\n"));
}
