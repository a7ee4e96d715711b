/* Integer semantics the VM must reproduce exactly as the C compiler does:
   promotions, conversions, unsigned wrap, shifts, division, comparisons,
   pointer arithmetic, structs and arrays. Compared line by line with the same
   file compiled natively (driver/tests/native-vs-vm.test.ts). */
#include <ntddk.h>

typedef struct _PAIR { UCHAR Small; LONG Signed; ULONG64 Wide; USHORT Half; } PAIR;

static PAIR Pairs[3] = { { 200, -5, 0xFFFFFFFFFFFFFFFFull, 65535 }, { 1, 2, 3, 4 } };
static LONG Table[8];

static LONG Recurse(LONG N) { return N <= 1 ? 1 : N * Recurse(N - 1); }

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    UCHAR a = 200, b = 100;
    CHAR c = -128;
    SHORT s = -1;
    USHORT us = 65535;
    LONG l = -7, big = 0x7FFFFFFF;
    ULONG ul = 0xFFFFFFFFu, three = 3;
    LONG64 ll = -9;
    ULONG64 ull = 1;
    PAIR *p = &Pairs[1];
    LONG *q = &Table[2];

    DbgPrint("promote %d %d %d\n", a + b, (UCHAR)(a + b), c - 1);
    DbgPrint("wrap %u %u %lld\n", ul + 1, (ULONG)big + 1u, (LONG64)big + 1);
    DbgPrint("mixed %d %d %d\n", -1 < 0u, (LONG)(s < us), s == -1);
    DbgPrint("div %d %d %d %d\n", l / 2, l % 2, -l / 2, l % -2);
    DbgPrint("udiv %u %u\n", ul / three, ul % 7u);
    DbgPrint("shift %d %u %lld %llu\n", l >> 1, ul >> 4, ll >> 1, ull << 63);
    DbgPrint("shift32 %u %d\n", 1u << 31, 1 << 30);
    DbgPrint("conv %d %d %u %lld\n", (CHAR)300, (SHORT)70000, (USHORT)-1, (LONG64)(ULONG)-1);
    DbgPrint("not %d %u %d\n", ~0, ~0u, !5);
    DbgPrint("struct %u %d %llu %u %d\n", Pairs[0].Small, Pairs[0].Signed, Pairs[0].Wide, Pairs[0].Half, (LONG)sizeof(PAIR));
    DbgPrint("ptr %d %d %d\n", (LONG)(p - Pairs), (LONG)((PUCHAR)&Pairs[2] - (PUCHAR)Pairs), (LONG)(q - Table));
    for (LONG i = 0; i < 8; i++)
        Table[i] = i * i - 10;
    *(q + 3) += 100;
    DbgPrint("array %d %d %d\n", Table[0], Table[5], q[1]);
    DbgPrint("ternary %d %d\n", l > 0 ? 1 : -1, (a > b) ? a : b);
    DbgPrint("logic %d %d %d\n", (l && 0) || 1, l & 3, l | 0x10);
    DbgPrint("recurse %d\n", Recurse(10));
    DbgPrint("assign %d %d\n", (a += 100), (b -= 101));
    LONG post = l++, pre = ++l;                       /* sequenced: one change per expression */
    DbgPrint("incdec %d %d %d\n", post, pre, l--);
    DbgPrint("hex %x %X %08x %llx\n", 48879, 48879, 255, 0xDEADBEEFCAFEull);
    DbgPrint("width [%5d] [%-5d] [%05u] [%c] [%s]\n", 42, 42, 7u, 'Z', "text");
    return STATUS_SUCCESS;
}
