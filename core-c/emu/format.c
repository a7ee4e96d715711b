/*++
Module Name: format.c
Abstract: DbgPrint's formats (scenarios.md: %d %i %u %x %X %p %s %c with l/ll,
          width and zero padding, %%), once for every caller: the emulator's
          DbgPrint reads a va_list, the VM reads the guest's argument array.
          A conversion it does not know prints as written and takes no argument.
--*/
#include "emup.h"
#include <stdio.h>
#include <string.h>

SIZE_T EmuFormat(CHAR *Out, SIZE_T Size, PCSTR Format, const EMU_FORMAT_SOURCE *Source)
{
    SIZE_T out = 0;
    const CHAR *f = Format;

    if (Size == 0)
        return 0;
    while (*f != '\0' && out + 1 < Size) {
        CHAR spec[24], piece[256];
        SIZE_T w = 1;
        int longs = 0, n;
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
        if (*f == '\0')
            break;
        switch (*f) {
        case 'd': case 'i':
            strcat(spec, "lld");
            n = snprintf(piece, sizeof(piece), spec, (long long)Source->Integer(Source->Context, longs >= 2, TRUE));
            break;
        case 'u': case 'x': case 'X':
            spec[w] = 'l'; spec[w + 1] = 'l'; spec[w + 2] = *f; spec[w + 3] = '\0';
            n = snprintf(piece, sizeof(piece), spec,
                         (unsigned long long)Source->Integer(Source->Context, longs >= 2, FALSE));
            break;
        case 'p':
            n = snprintf(piece, sizeof(piece), "%016llX", (unsigned long long)Source->Pointer(Source->Context));
            break;
        case 'c':
            piece[0] = (CHAR)Source->Integer(Source->Context, FALSE, TRUE);
            n = 1;
            break;
        case 's': {
            PCSTR s = Source->String(Source->Context);
            strcat(spec, "s");
            n = snprintf(piece, sizeof(piece), spec, s ? s : "(null)");
            break;
        }
        case '%':
            piece[0] = '%';
            n = 1;
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
