/*++
Module Name: loader.c
Abstract: Reads a bytecode module (docs/bytecode.md) with every length and
          index checked, binds imports to the VM's natives, and hands the
          code to the verifier. Malformed input is an error message, never a
          crash.
--*/
#include "vmp.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct _READER { const UCHAR *P, *End; BOOLEAN Bad; } READER;

static ULONG64 Get(READER *R, ULONG Bytes)
{
    ULONG64 v = 0;
    ULONG i;
    if (R->Bad || (SIZE_T)(R->End - R->P) < Bytes) {
        R->Bad = TRUE;
        return 0;
    }
    for (i = 0; i < Bytes; i++)
        v |= (ULONG64)R->P[i] << (8 * i);
    R->P += Bytes;
    return v;
}

static ULONG64 Uleb(READER *R)
{
    ULONG64 v = 0;
    ULONG shift = 0;
    for (;;) {
        ULONG64 b = Get(R, 1);
        if (R->Bad || shift > 56) {
            R->Bad = TRUE;
            return 0;
        }
        v |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0)
            return v;
        shift += 7;
    }
}

static const UCHAR *Str(READER *R, ULONG *Length)
{
    const UCHAR *s;
    *Length = (ULONG)Get(R, 2);
    s = R->P;
    if (R->Bad || (SIZE_T)(R->End - R->P) < *Length) {
        R->Bad = TRUE;
        return (const UCHAR *)"";
    }
    R->P += *Length;
    return s;
}

static BOOLEAN Fail(CHAR *Error, SIZE_T Size, PCSTR Message, PCSTR Detail, ULONG DetailLength)
{
    snprintf(Error, Size, "malformed module: %s%s%.*s", Message, DetailLength ? ": " : "", (int)DetailLength,
             Detail ? Detail : "");
    return FALSE;
}

static BOOLEAN ReadFuncs(VM_MODULE *M, READER *R, CHAR *Error, SIZE_T Size)
{
    ULONG i, j, n = (ULONG)Get(R, 4), len;
    if (R->Bad || n == 0 || n > 65536)
        return Fail(Error, Size, "bad function count", NULL, 0);
    M->Funcs = (VM_FUNC *)calloc(n, sizeof(VM_FUNC));
    if (M->Funcs == NULL)
        return Fail(Error, Size, "out of memory", NULL, 0);
    M->FuncCount = n;
    for (i = 0; i < n && !R->Bad; i++) {
        VM_FUNC *f = &M->Funcs[i];
        Str(R, &len);
        f->CodeOffset = (ULONG)Get(R, 4);
        f->CodeLength = (ULONG)Get(R, 4);
        f->FrameSize = (ULONG)Get(R, 4);
        f->RetKind = (UCHAR)Get(R, 1);
        f->ParamCount = (UCHAR)Get(R, 1);
        if (f->ParamCount > 32 || f->RetKind >= K_COUNT || f->FrameSize > VM_GUEST_STACK / 4)
            return Fail(Error, Size, "bad function header", NULL, 0);
        for (j = 0; j < f->ParamCount; j++) {
            f->ParamOffset[j] = (ULONG)Get(R, 4);
            f->ParamKind[j] = (UCHAR)Get(R, 1);
            if (f->ParamKind[j] == K_VOID || f->ParamKind[j] >= K_COUNT || (ULONG64)f->ParamOffset[j] + VmKindBytes(f->ParamKind[j]) > f->FrameSize)
                return Fail(Error, Size, "bad parameter", NULL, 0);
        }
        f->Line = (ULONG)Get(R, 4);
        Get(R, 4);
    }
    return !R->Bad || Fail(Error, Size, "truncated function table", NULL, 0);
}

/* Bytes a parameter of this kind takes in its frame (what the call stores). */
ULONG VmKindBytes(UCHAR Kind)
{
    switch (Kind) {
    case K_I8: case K_U8: return 1;
    case K_I16: case K_U16: return 2;
    case K_I32: case K_U32: return 4;
    default: return 8;
    }
}

static BOOLEAN ReadImports(VM_MODULE *M, READER *R, CHAR *Error, SIZE_T Size)
{
    ULONG i, j, n = (ULONG)Get(R, 4), len, sigLen, dataOffset = 512;
    if (R->Bad || n > 4096)
        return Fail(Error, Size, "bad import count", NULL, 0);
    M->Imports = (VM_IMPORT *)calloc(n ? n : 1, sizeof(VM_IMPORT));
    if (M->Imports == NULL)
        return Fail(Error, Size, "out of memory", NULL, 0);
    M->ImportCount = n;
    for (i = 0; i < n && !R->Bad; i++) {
        VM_IMPORT *im = &M->Imports[i];
        const UCHAR *name = Str(R, &len);
        im->IsData = (UCHAR)Get(R, 1);
        im->RetKind = (UCHAR)Get(R, 1);
        im->Variadic = (UCHAR)Get(R, 1);
        im->ParamCount = (UCHAR)Get(R, 1);
        for (j = 0; j < im->ParamCount; j++)
            if ((UCHAR)Get(R, 1) >= K_COUNT)
                return Fail(Error, Size, "bad parameter kind", NULL, 0);
        Get(R, 4);                                              /* data size */
        Str(R, &sigLen);
        if (R->Bad || im->RetKind >= K_COUNT || im->ParamCount > 20)
            return Fail(Error, Size, "bad import", NULL, 0);
        if (im->IsData) {
            if (len != 12 || memcmp(name, "PsThreadType", 12) != 0)
                return Fail(Error, Size, "unknown kernel variable", (PCSTR)name, len);
            im->DataOffset = dataOffset;
            dataOffset += 16;                             /* the variable, then what it points to */
            continue;
        }
        im->Native = VmFindNative((PCSTR)name, len);
        if (im->Native == NULL)
            return Fail(Error, Size, "the VM does not provide", (PCSTR)name, len);
        if (im->Native->Params != im->ParamCount)
            return Fail(Error, Size, "wrong parameter count for", (PCSTR)name, len);
    }
    return !R->Bad || Fail(Error, Size, "truncated import table", NULL, 0);
}

static BOOLEAN ReadImage(VM_MODULE *M, READER *R, int Which, CHAR *Error, SIZE_T Size)
{
    ULONG size = (ULONG)Get(R, 4), i, n;
    UCHAR *bytes;
    Get(R, 4);                                                  /* align: regions are page aligned */
    n = (ULONG)Get(R, 4);
    if (R->Bad || size > (16u << 20) || n > size / 8 + 1)
        return Fail(Error, Size, "bad image header", NULL, 0);
    M->Relocs[Which] = calloc(n ? n : 1, sizeof(*M->Relocs[Which]));
    bytes = (UCHAR *)calloc(1, size + 1);
    if (M->Relocs[Which] == NULL || bytes == NULL) {
        free(bytes);
        return Fail(Error, Size, "out of memory", NULL, 0);
    }
    M->RelocCount[Which] = n;
    for (i = 0; i < n; i++) {
        M->Relocs[Which][i].Offset = (ULONG)Get(R, 4);
        M->Relocs[Which][i].Kind = (UCHAR)Get(R, 1);
        M->Relocs[Which][i].Target = (ULONG)Get(R, 4);
        M->Relocs[Which][i].Addend = (LONG)(ULONG)Get(R, 4);
        if ((ULONG64)M->Relocs[Which][i].Offset + 8 > size || M->Relocs[Which][i].Kind < 1 ||
            M->Relocs[Which][i].Kind > 3) {
            free(bytes);
            return Fail(Error, Size, "bad relocation", NULL, 0);
        }
    }
    if (R->Bad || (SIZE_T)(R->End - R->P) < size) {
        free(bytes);
        return Fail(Error, Size, "truncated image", NULL, 0);
    }
    memcpy(bytes, R->P, size);
    R->P += size;
    if (Which == 0) {
        M->Rodata = bytes;
        M->RodataSize = size;
    } else {
        M->Globals = bytes;
        M->GlobalsSize = size;
    }
    return TRUE;
}

static BOOLEAN ReadSrcmap(VM_MODULE *M, READER *R, CHAR *Error, SIZE_T Size)
{
    ULONG n = (ULONG)Get(R, 4), i, offset = 0, k, prevOffset = 0, prevLoc = 0;
    LONG64 line = 0;
    if (M->Locs == NULL)
        return Fail(Error, Size, "source map before code", NULL, 0);
    for (i = 0; i < n && !R->Bad; i++) {
        ULONG64 z;
        ULONG col, loc;
        offset += (ULONG)Uleb(R);
        z = Uleb(R);
        line += (z & 1) ? -(LONG64)((z + 1) / 2) : (LONG64)(z / 2);
        col = (ULONG)Uleb(R);
        if (offset > M->CodeSize || offset < prevOffset || line < 0 || line > 0x3FFFFF)
            return Fail(Error, Size, "bad source map", NULL, 0);
        loc = EMU_LOC(line, col);
        for (k = prevOffset; k < offset; k++)
            M->Locs[k] = prevLoc;
        prevOffset = offset;
        prevLoc = loc;
    }
    for (k = prevOffset; k < M->CodeSize; k++)
        M->Locs[k] = prevLoc;
    return !R->Bad || Fail(Error, Size, "truncated source map", NULL, 0);
}

VM_MODULE *VmLoad(const UCHAR *Bytes, SIZE_T Size, CHAR *Error, SIZE_T ErrorSize)
{
    READER r = { Bytes, Bytes + Size, FALSE };
    VM_MODULE *m;
    ULONG sections, s, lastId = 0;
    BOOLEAN ok = TRUE;

    if (Size < 12 || memcmp(Bytes, "WDKM", 4) != 0) {
        snprintf(Error, ErrorSize, "not a wdkm bytecode module (bad magic)");
        return NULL;
    }
    r.P += 4;
    if (Get(&r, 2) != 1) {
        snprintf(Error, ErrorSize, "unsupported bytecode version (this VM reads 1.x)");
        return NULL;
    }
    Get(&r, 2);
    sections = (ULONG)Get(&r, 4);
    m = (VM_MODULE *)calloc(1, sizeof(*m));
    if (m == NULL)
        return NULL;
    m->DriverEntry = 0xFFFFFFFF;
    for (s = 0; s < sections && ok; s++) {
        ULONG id = (ULONG)Get(&r, 4), len = (ULONG)Get(&r, 4), dummy;
        READER sec;
        if (r.Bad || (SIZE_T)(r.End - r.P) < len || id <= lastId) {
            ok = Fail(Error, ErrorSize, "bad section table", NULL, 0);
            break;
        }
        lastId = id;
        sec.P = r.P;
        sec.End = r.P + len;
        sec.Bad = FALSE;
        switch (id) {
        case 1: m->DriverEntry = (ULONG)Get(&sec, 4); Str(&sec, &dummy); ok = !sec.Bad; break;
        case 2: ok = ReadFuncs(m, &sec, Error, ErrorSize); break;
        case 3: ok = ReadImports(m, &sec, Error, ErrorSize); break;
        case 4:
            m->Code = (UCHAR *)malloc(len + 16);
            m->Locs = (ULONG *)calloc(len + 1, sizeof(ULONG));
            ok = m->Code != NULL && m->Locs != NULL;
            if (ok) {
                memcpy(m->Code, sec.P, len);
                memset(m->Code + len, 0, 16);
                m->CodeSize = len;
            }
            break;
        case 5: ok = ReadImage(m, &sec, 0, Error, ErrorSize); break;
        case 6: ok = ReadImage(m, &sec, 1, Error, ErrorSize); break;
        case 7: ok = ReadSrcmap(m, &sec, Error, ErrorSize); break;
        default: break;                                         /* symbols and later sections */
        }
        if (!ok && Error[0] == '\0')
            Fail(Error, ErrorSize, "bad section", NULL, 0);
        r.P += len;
    }
    if (ok && (m->Funcs == NULL || m->Code == NULL || m->Imports == NULL))
        ok = Fail(Error, ErrorSize, "missing section", NULL, 0);
    if (ok && m->DriverEntry >= m->FuncCount)
        ok = Fail(Error, ErrorSize, "no DriverEntry", NULL, 0);
    if (ok && m->Rodata == NULL)
        m->Rodata = (UCHAR *)calloc(1, 1);
    if (ok && m->Globals == NULL)
        m->Globals = (UCHAR *)calloc(1, 1);
    if (ok)
        ok = VmVerify(m, Error, ErrorSize);
    if (!ok) {
        VmFree(m);
        return NULL;
    }
    return m;
}

VOID VmFree(VM_MODULE *Module)
{
    if (Module == NULL)
        return;
    free(Module->Funcs);
    free(Module->Imports);
    free(Module->Code);
    free(Module->Locs);
    free(Module->Rodata);
    free(Module->Globals);
    free(Module->Relocs[0]);
    free(Module->Relocs[1]);
    free(Module);
}
