/*++
Module Name: format.c
Abstract: DbgPrint's formats, once for every caller: the emulator's DbgPrint
          reads a va_list, the VM reads the guest's argument array.
          Conversions: %d %i %u %o %x %X %c %s %p %Z %wZ %%, with the flags
          `- + space # 0`, a width and a precision (digits or `*`) and the
          length modifiers h hh l ll I64 I32 I (docs/scenario-language.md).
          The checker refuses anything else; at run time an unknown
          conversion prints as written and takes no argument.
          Everything is formatted here rather than by the C library's printf,
          so output is the same in every build and bounded by the buffer,
          whatever width or precision a format asks for.
--*/
#include "emup.h"
#include <string.h>

#define FMT_MAX_FIELD 100000        /* wider fields are cut to the buffer anyway */

typedef struct _SINK { CHAR *Out; SIZE_T Size, Used; } SINK;

static VOID Put(SINK *S, CHAR C)
{
    if (S->Used + 1 < S->Size)
        S->Out[S->Used++] = C;
}

static VOID PutRepeat(SINK *S, CHAR C, LONG64 Count)
{
    for (; Count > 0 && S->Used + 1 < S->Size; Count--)
        S->Out[S->Used++] = C;
}

typedef struct _SPEC {
    BOOLEAN Left, Plus, Space, Alt, Zero;
    LONG Width;                     /* 0: none */
    LONG Precision;                 /* -1: none */
    int Size;                       /* 1, 2, 4 or 8 bytes; 0 for the default */
    BOOLEAN Wide;                   /* w (only before Z, c or s) */
} SPEC;

/* A field: prefix (sign or 0x), zeros, body, padded to the width. */
static VOID PutField(SINK *S, const SPEC *Sp, PCSTR Prefix, LONG64 Zeros, PCSTR Body, SIZE_T BodyLen)
{
    SIZE_T prefixLen = strlen(Prefix);
    LONG64 pad = (LONG64)Sp->Width - (LONG64)prefixLen - Zeros - (LONG64)BodyLen;
    SIZE_T i;
    if (!Sp->Left)
        PutRepeat(S, ' ', pad);
    for (i = 0; i < prefixLen; i++)
        Put(S, Prefix[i]);
    PutRepeat(S, '0', Zeros);
    for (i = 0; i < BodyLen; i++)
        Put(S, Body[i]);
    if (Sp->Left)
        PutRepeat(S, ' ', pad);
}

static VOID PutInteger(SINK *S, const SPEC *Sp, CHAR Conv, ULONG64 Value, BOOLEAN Signed)
{
    CHAR digits[24], body[24];
    const CHAR *set = Conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    ULONG base = Conv == 'o' ? 8 : (Conv == 'x' || Conv == 'X') ? 16 : 10;
    BOOLEAN negative = Signed && (LONG64)Value < 0;
    ULONG64 magnitude = negative ? (ULONG64)0 - Value : Value;
    const CHAR *prefix = "";
    SIZE_T n = 0, i;
    LONG64 zeros = 0;

    while (magnitude != 0) {
        digits[n++] = set[magnitude % base];
        magnitude /= base;
    }
    if (n == 0 && Sp->Precision != 0)   /* %.0d of 0 prints nothing, as in C */
        digits[n++] = '0';
    for (i = 0; i < n; i++)
        body[i] = digits[n - 1 - i];
    if (negative)
        prefix = "-";
    else if (Signed && Sp->Plus)
        prefix = "+";
    else if (Signed && Sp->Space)
        prefix = " ";
    else if (Sp->Alt && Value != 0 && base == 16)
        prefix = Conv == 'X' ? "0X" : "0x";
    if (Sp->Alt && base == 8 && (n == 0 || body[0] != '0') && Sp->Precision <= (LONG)n)
        zeros = 1;
    if (Sp->Precision > (LONG)n)
        zeros = Sp->Precision - (LONG)n;
    else if (Sp->Zero && !Sp->Left && Sp->Precision < 0)
        zeros = (LONG64)Sp->Width - (LONG64)strlen(prefix) - (LONG64)n;
    PutField(S, Sp, prefix, zeros, body, n);
}

/* Narrows a counted string: UTF-16 code units outside ASCII print as '?'. */
static VOID PutCounted(SINK *S, const SPEC *Sp, const UCHAR *Bytes, ULONG Length, BOOLEAN Wide)
{
    ULONG chars = Wide ? Length / 2 : Length, i;
    LONG64 pad;
    if (Sp->Precision >= 0 && (ULONG)Sp->Precision < chars)
        chars = (ULONG)Sp->Precision;
    pad = (LONG64)Sp->Width - chars;
    if (!Sp->Left)
        PutRepeat(S, ' ', pad);
    for (i = 0; i < chars; i++) {
        if (Wide) {
            USHORT unit = (USHORT)(Bytes[2 * i] | (Bytes[2 * i + 1] << 8));
            Put(S, unit < 0x80 ? (CHAR)unit : '?');
        } else {
            Put(S, (CHAR)Bytes[i]);
        }
    }
    if (Sp->Left)
        PutRepeat(S, ' ', pad);
}

/* Digits of a width or precision; huge values are held at FMT_MAX_FIELD. */
static LONG Number(PCSTR *F)
{
    LONG v = 0;
    while (**F >= '0' && **F <= '9') {
        v = v * 10 + (**F - '0');
        if (v > FMT_MAX_FIELD)
            v = FMT_MAX_FIELD;
        (*F)++;
    }
    return v;
}

static LONG StarArgument(const EMU_FORMAT_SOURCE *Source)
{
    LONG v = (LONG)Source->Integer(Source->Context, FALSE, TRUE);
    if (v > FMT_MAX_FIELD)
        return FMT_MAX_FIELD;
    if (v < -FMT_MAX_FIELD)
        return -FMT_MAX_FIELD;
    return v;
}

/* The value of an integer argument cut to its length modifier, as C would. */
static ULONG64 Narrow(ULONG64 V, int Size, BOOLEAN Signed)
{
    switch (Size) {
    case 1: return Signed ? (ULONG64)(LONG64)(signed char)V : (ULONG64)(UCHAR)V;
    case 2: return Signed ? (ULONG64)(LONG64)(SHORT)V : (ULONG64)(USHORT)V;
    case 8: return V;
    default: return Signed ? (ULONG64)(LONG64)(LONG)V : (ULONG64)(ULONG)V;
    }
}

SIZE_T EmuFormat(CHAR *Out, SIZE_T Size, PCSTR Format, const EMU_FORMAT_SOURCE *Source)
{
    SINK s = { Out, Size, 0 };
    const CHAR *f = Format;

    if (Size == 0)
        return 0;
    while (*f != '\0' && s.Used + 1 < Size) {
        const CHAR *start = f;
        SPEC sp;
        CHAR conv;
        if (*f != '%') {
            Put(&s, *f++);
            continue;
        }
        f++;
        memset(&sp, 0, sizeof(sp));
        sp.Precision = -1;
        for (;; f++) {
            if (*f == '-') sp.Left = TRUE;
            else if (*f == '+') sp.Plus = TRUE;
            else if (*f == ' ') sp.Space = TRUE;
            else if (*f == '#') sp.Alt = TRUE;
            else if (*f == '0') sp.Zero = TRUE;
            else break;
        }
        if (*f == '*') {
            f++;
            sp.Width = StarArgument(Source);
            if (sp.Width < 0) {             /* a negative width means left-justified */
                sp.Left = TRUE;
                sp.Width = -sp.Width;
            }
        } else {
            sp.Width = Number(&f);
        }
        if (*f == '.') {
            f++;
            if (*f == '*') {
                f++;
                sp.Precision = StarArgument(Source);
                if (sp.Precision < 0)
                    sp.Precision = -1;      /* a negative precision is none */
            } else {
                sp.Precision = Number(&f);
            }
        }
        if (f[0] == 'h' && f[1] == 'h') { sp.Size = 1; f += 2; }
        else if (f[0] == 'h') { sp.Size = 2; f++; }
        else if (f[0] == 'l' && f[1] == 'l') { sp.Size = 8; f += 2; }
        else if (f[0] == 'l') { sp.Size = 4; f++; }            /* long is 32-bit on Windows */
        else if (f[0] == 'I' && f[1] == '6' && f[2] == '4') { sp.Size = 8; f += 3; }
        else if (f[0] == 'I' && f[1] == '3' && f[2] == '2') { sp.Size = 4; f += 3; }
        else if (f[0] == 'I') { sp.Size = 8; f++; }           /* pointer-sized on x64 */
        else if (f[0] == 'w') { sp.Wide = TRUE; f++; }
        conv = *f;
        if (conv == '\0')
            break;                          /* a format cut off mid-conversion */
        f++;
        switch (conv) {
        case 'd': case 'i':
            PutInteger(&s, &sp, conv, Narrow(Source->Integer(Source->Context, sp.Size == 8, TRUE), sp.Size, TRUE), TRUE);
            break;
        case 'u': case 'o': case 'x': case 'X':
            PutInteger(&s, &sp, conv, Narrow(Source->Integer(Source->Context, sp.Size == 8, FALSE), sp.Size, FALSE), FALSE);
            break;
        case 'p': {
            SPEC p = sp;
            p.Precision = 16;               /* x64 DbgPrint: 16 upper-case digits */
            p.Alt = FALSE;
            PutInteger(&s, &p, 'X', Source->Pointer(Source->Context), FALSE);
            break;
        }
        case 'c': {
            CHAR c = (CHAR)Source->Integer(Source->Context, FALSE, TRUE);
            PutField(&s, &sp, "", 0, &c, 1);
            break;
        }
        case 's': {
            SIZE_T max = sp.Precision >= 0 ? (SIZE_T)sp.Precision : (SIZE_T)-1;
            PCSTR str = Source->String(Source->Context, max);
            SIZE_T len = 0;
            if (str == NULL) {
                str = "(null)";
                max = (SIZE_T)-1;
            }
            while (len < max && str[len] != '\0')
                len++;
            PutField(&s, &sp, "", 0, str, len);
            break;
        }
        case 'Z': {
            ULONG length = 0;
            const UCHAR *bytes = Source->Counted(Source->Context, sp.Wide, &length);
            if (bytes == NULL) {
                SPEC plain = sp;
                plain.Precision = -1;
                PutField(&s, &plain, "", 0, "(null)", 6);
            } else {
                PutCounted(&s, &sp, bytes, length, sp.Wide);
            }
            break;
        }
        case '%':
            Put(&s, '%');
            break;
        default:                            /* unknown: as written, no argument */
            while (start < f)
                Put(&s, *start++);
            break;
        }
    }
    Out[s.Used] = '\0';
    return s.Used;
}
