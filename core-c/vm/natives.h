/*++
Module Name: natives.h
Abstract: Helpers for the native bindings: each thunk turns the guest's
          64-bit arguments into host values (checked pointers, strings,
          opaque kernel pointers), calls the real routine, and turns results
          and out-parameters back into guest values.
--*/
#pragma once
#include "vmp.h"

#define A(i) (C->Args[i])
#define I32(i) ((LONG)C->Args[i])
#define U32(i) ((ULONG)C->Args[i])
#define IRQL(i) ((KIRQL)C->Args[i])
#define BOOL(i) ((BOOLEAN)(C->Args[i] != 0))
#define SZ(i) ((SIZE_T)(C->Args[i] > 0x7FFFFFFFull ? 0x7FFFFFFFull : C->Args[i]))
#define P(i, n) VmHostAligned(C->Args[i], (n), TRUE)    /* a kernel object or value of n bytes, aligned */
#define M(i, n) VmHostAlignedNonNull(C->Args[i], (n), TRUE) /* as P, and NULL faults as Windows would */
#define PB(i, n) VmHostOrNull(C->Args[i], (n), TRUE)    /* n bytes of any alignment */
#define R(i, n) VmHostOrNull(C->Args[i], (n), FALSE)    /* read-only */
#define OBJ(i) VmHostObject(C->Args[i])                 /* a kernel object or an opaque kernel pointer */
#define STR(i) (C->Args[i] ? VmHostString(C->Args[i]) : (PCSTR)NULL)
#define HANDLE_OF(i) ((HANDLE)(ULONG_PTR)C->Args[i])
#define RET(v) (C->Ret = (ULONG64)(v))
#define RETP(p) (C->Ret = VmGuest(p))

/* Out-parameters of pointer size: checked before the call, written after,
   8 bytes as the x64 guest sees them. */
VOID VmCheckOut(ULONG64 Guest);
VOID VmWriteOut(ULONG64 Guest, ULONG64 Value);
/* Routine references: the function index, or a bug check for anything else. */
ULONG VmFunctionOf(ULONG64 Ref);
