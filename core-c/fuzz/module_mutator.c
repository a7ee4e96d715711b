/*++
Module Name: module_mutator.c
Abstract: libFuzzer's custom mutator for bytecode modules (docs/bytecode.md).
          Byte-level mutation of a module mostly breaks its section table or
          its instruction boundaries, so the loader rejects it and the
          verifier and interpreter are never reached. These mutations keep
          the structure: they walk the sections and the instructions and
          change one field (an opcode for another of the same length, an
          operand to an interesting value, a function header's frame size,
          parameter count or kinds, an import's arity), or let libFuzzer
          mutate the bytes of one section in place. One input in four gets
          libFuzzer's own mutations, so malformed modules stay covered.
          Used by the module and interpreter targets, whose inputs may start
          with a few bytes of run settings (Skip).
--*/
#include "vmp.h"
#include "opcodes.h"
#include <string.h>

size_t LLVMFuzzerMutate(unsigned char *Data, size_t Size, size_t MaxSize);

static ULONG64 Rng;
static ULONG Rand(ULONG N)
{
    Rng = Rng * 6364136223846793005ull + 1442695040888963407ull;
    return N ? (ULONG)((Rng >> 33) % N) : 0;
}

static ULONG Rd32(const UCHAR *P) { return P[0] | (P[1] << 8) | (P[2] << 16) | ((ULONG)P[3] << 24); }
static VOID Wr(UCHAR *P, ULONG64 V, ULONG Bytes)
{
    for (ULONG i = 0; i < Bytes; i++)
        P[i] = (UCHAR)(V >> (8 * i));
}

static ULONG64 Interesting(VOID)
{
    static const ULONG64 values[] = {
        0, 1, 2, 7, 8, 15, 16, 24, 31, 32, 33, 63, 64, 72, 127, 128, 255, 256, 4095, 4096,
        0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000ull, 0xFFFFFFFFull,
        0x8000000000000000ull, 0xFFFFFFFFFFFFFFFFull, 32768, 32760, 131072,
    };
    return values[Rand(sizeof(values) / sizeof(values[0]))];
}

typedef struct _SECTION { ULONG Id, Length; UCHAR *Body; } SECTION;

static ULONG Sections(UCHAR *Data, size_t Size, SECTION *Out, ULONG Max)
{
    ULONG n = 0, count;
    size_t at = 12;
    if (Size < 12 || memcmp(Data, "WDKM", 4) != 0)
        return 0;
    count = Rd32(Data + 8);
    while (n < count && n < Max && at + 8 <= Size) {
        ULONG id = Rd32(Data + at), len = Rd32(Data + at + 4);
        if (len > Size - at - 8)
            break;
        Out[n].Id = id;
        Out[n].Length = len;
        Out[n].Body = Data + at + 8;
        n++;
        at += 8 + (size_t)len;
    }
    return n;
}

/* One instruction of the code: replace its opcode or one operand. */
static BOOLEAN MutateCode(UCHAR *Code, ULONG Length)
{
    ULONG starts[4096], n = 0, at = 0, pick, op, len;
    while (at < Length && n < 4096) {
        op = Code[at];
        if (op == 0 || op >= OP_COUNT)
            break;
        len = 1 + VmOperandBytes[op] + (op == OP_CALLNV && at + 3 < Length ? Code[at + 3] : 0);
        if (at + len > Length)
            break;
        starts[n++] = at;
        at += len;
    }
    if (n == 0)
        return FALSE;
    pick = starts[Rand(n)];
    op = Code[pick];
    switch (Rand(4)) {
    case 0: {                                       /* another opcode with the same operands */
        ULONG tries;
        for (tries = 0; tries < 32; tries++) {
            ULONG other = 1 + Rand(OP_COUNT - 1);
            if (VmOperandBytes[other] == VmOperandBytes[op] && other != OP_CALLNV && op != OP_CALLNV) {
                Code[pick] = (UCHAR)other;
                return TRUE;
            }
        }
        return FALSE;
    }
    case 1:                                         /* an operand to an interesting value */
        if (VmOperandBytes[op] == 0)
            return FALSE;
        Wr(Code + pick + 1, Interesting(), VmOperandBytes[op] >= 8 ? 8 : VmOperandBytes[op] >= 4 ? 4 : VmOperandBytes[op]);
        return TRUE;
    case 2:                                         /* an operand nudged by one */
        if (VmOperandBytes[op] == 0)
            return FALSE;
        Code[pick + 1] = (UCHAR)(Code[pick + 1] + (Rand(2) ? 1 : -1));
        return TRUE;
    default: {                                      /* two instructions of one length swap */
        ULONG other = starts[Rand(n)], l1, l2;
        UCHAR tmp[16];
        l1 = 1 + VmOperandBytes[op];
        l2 = 1 + VmOperandBytes[Code[other]];
        if (l1 != l2 || l1 > sizeof(tmp) || op == OP_CALLNV || Code[other] == OP_CALLNV)
            return FALSE;
        memcpy(tmp, Code + pick, l1);
        memcpy(Code + pick, Code + other, l1);
        memcpy(Code + other, tmp, l1);
        return TRUE;
    }
    }
}

/* One field of one function header: name (u16 length + bytes), offset,
   length, frame size, return kind, parameter count, then the parameters. */
static BOOLEAN MutateFuncs(UCHAR *Body, ULONG Length)
{
    ULONG count, at = 4, i, pick;
    if (Length < 4)
        return FALSE;
    count = Rd32(Body);
    if (count == 0)
        return FALSE;
    pick = Rand(count);
    for (i = 0; i < count && at + 2 <= Length; i++) {
        ULONG nameLen = Body[at] | (Body[at + 1] << 8), fixed, params;
        at += 2 + nameLen;
        fixed = at;
        if (at + 14 > Length)
            return FALSE;
        params = Body[at + 13];
        if (i == pick) {
            switch (Rand(5)) {
            case 0: Wr(Body + fixed + 8, Interesting(), 4); break;             /* frame size */
            case 1: Body[fixed + 12] = (UCHAR)Rand(13); break;                 /* return kind */
            case 2: Wr(Body + fixed + 4, Interesting(), 4); break;             /* code length */
            case 3:
                if (params == 0 || fixed + 14 + params * 5 > Length)
                    return FALSE;
                Body[fixed + 14 + Rand(params) * 5 + 4] = (UCHAR)Rand(13);     /* a parameter's kind */
                break;
            default:
                if (params == 0 || fixed + 14 + params * 5 > Length)
                    return FALSE;
                Wr(Body + fixed + 14 + Rand(params) * 5, Interesting(), 4);    /* a parameter's offset */
                break;
            }
            return TRUE;
        }
        at += 14 + params * 5 + 8;
    }
    return FALSE;
}

size_t WdkmMutateModule(unsigned char *Data, size_t Size, size_t MaxSize, unsigned int Seed, size_t Skip)
{
    SECTION s[16];
    ULONG n, pick;
    Rng ^= Seed + 0x9E3779B97F4A7C15ull;
    Rand(1);
    if (Size <= Skip || Rand(4) == 0)
        return LLVMFuzzerMutate(Data, Size, MaxSize);
    n = Sections(Data + Skip, Size - Skip, s, 16);
    if (n == 0)
        return LLVMFuzzerMutate(Data, Size, MaxSize);
    if (Skip > 0 && Rand(8) == 0) {                 /* the run settings */
        Data[Rand((ULONG)Skip)] = (UCHAR)Rand(256);
        return Size;
    }
    pick = Rand(n);
    for (ULONG tries = 0; tries < 4; tries++) {
        if (s[pick].Id == 4 && MutateCode(s[pick].Body, s[pick].Length))
            return Size;
        if (s[pick].Id == 2 && MutateFuncs(s[pick].Body, s[pick].Length))
            return Size;
        pick = Rand(2) ? pick : Rand(n);
    }
    /* The bytes of one section, its length kept so the table stays valid. */
    if (s[pick].Length > 0) {
        size_t len = LLVMFuzzerMutate(s[pick].Body, s[pick].Length, s[pick].Length);
        if (len < s[pick].Length)
            memset(s[pick].Body + len, 0, s[pick].Length - len);
    }
    return Size;
}
