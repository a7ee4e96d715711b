/*++
Module Name: format.c
Abstract: DbgPrint for scenarios: the formats of scenarios.md (%d %i %u %x
          %X %p %s %c with l/ll, width and zero padding, %%) over the guest's
          arguments, each already promoted as C does for variadic calls.
--*/
#include "vmp.h"
#include <stdio.h>
#include <string.h>

SIZE_T VmFormat(CHAR *Out, SIZE_T Size, PCSTR Format, const ULONG64 *Args, const UCHAR *Kinds, ULONG Count)
{
    SIZE_T out = 0;
    ULONG next = 0;
    const CHAR *f = Format;

    while (*f != '\0' && out + 1 < Size) {
        CHAR spec[24], piece[256];
        SIZE_T w = 1;
        int longs = 0, n = 0;
        ULONG64 arg;
        if (*f != '%') {
            Out[out++] = *f++;
            continue;
        }
        f++;
        spec[0] = '%';
        while ((*f == '0' || *f == '-' || (*f >= '1' && *f <= '9')) && w < 8)
            spec[w++] = *f++;
        while (*f == 'l' || *f == 'h' || *f == 'I' || *f == '6' || *f == '4')
            longs += *f++ == 'l';
        spec[w] = '\0';
        if (*f == '%') {
            Out[out++] = '%';
            f++;
            continue;
        }
        if (*f == '\0')
            break;
        arg = next < Count ? Args[next] : 0;     /* a missing argument prints as 0, never reads past */
        (VOID)Kinds;
        next++;
        switch (*f) {
        case 'd': case 'i':
            strcat(spec, "lld");
            n = snprintf(piece, sizeof(piece), spec, longs >= 2 ? (long long)arg : (long long)(LONG)arg);
            break;
        case 'u': case 'x': case 'X':
            spec[w] = 'l'; spec[w + 1] = 'l'; spec[w + 2] = *f; spec[w + 3] = '\0';
            n = snprintf(piece, sizeof(piece), spec, longs >= 2 ? (unsigned long long)arg
                                                                : (unsigned long long)(ULONG)arg);
            break;
        case 'p':
            n = snprintf(piece, sizeof(piece), "%016llX", (unsigned long long)arg);
            break;
        case 'c':
            piece[0] = (CHAR)arg;
            n = 1;
            break;
        case 's':
            strcat(spec, "s");
            n = snprintf(piece, sizeof(piece), spec, arg ? VmHostString(arg) : "(null)");
            break;
        default:
            n = snprintf(piece, sizeof(piece), "%%%c", *f);
            break;
        }
        f++;
        if (n < 0)
            n = 0;
        if ((SIZE_T)n > sizeof(piece) - 1)
            n = sizeof(piece) - 1;
        if (out + (SIZE_T)n >= Size)
            n = (int)(Size - out - 1);
        memcpy(Out + out, piece, (size_t)n);
        out += (SIZE_T)n;
    }
    Out[out] = '\0';
    return out;
}
