import { describe, expect, it } from 'vitest';
import { check } from '../frontend';
import { errorsIn, PRELUDE } from '../testing';

describe('constructs outside the subset are refused at their position', () => {
  const cases: [string, string, string][] = [
    ['floating point', 'double d;', "1:1: floating point is outside the scenario subset"],
    ['float literal', 'int x = 1.5;', "1:9: floating-point constant '1.5': floating point is outside the scenario subset"],
    ['goto', 'VOID F(void) {\n  goto done;\n}', "2:3: 'goto' is outside the scenario subset; use structured control flow (break, return, a flag)"],
    ['labels', 'VOID F(void) {\n  done: ;\n}', "2:3: label 'done': labels (and goto) are outside the scenario subset"],
    ['unions', 'union U { int a; LONG b; };', '1:1: unions are outside the scenario subset; use a struct'],
    ['bit-fields', 'struct B { ULONG f : 3; };', '1:20: bit-fields are outside the scenario subset; use a whole integer field'],
    ['variadic functions', 'VOID Log(PCSTR f, ...) { UNREFERENCED_PARAMETER(f); }', "1:6: variadic functions are outside the scenario subset ('Log')"],
    ['function pointer variables', 'VOID W(PVOID c) { UNREFERENCED_PARAMETER(c); }\nPKSTART_ROUTINE R;',
      "2:17: function pointers are outside the scenario subset: a variable cannot have type 'PKSTART_ROUTINE' {aka 'void (*)(void *)'}; pass a function by name where the WDK takes a routine"],
    ['calls through pointers', 'VOID F(PDRIVER_OBJECT d) {\n  d->DriverUnload(d);\n}', '2:3: calls through function pointers are outside the scenario subset; call the function by name'],
    ['inline assembly', 'VOID F(void) {\n  __asm__("nop");\n}', '2:3: inline assembly is outside the scenario subset'],
    ['VLAs', 'VOID F(int n) {\n  int a[n];\n}', '2:9: variable-length arrays are outside the scenario subset; give the array a constant size'],
    ['_Bool', '_Bool b;', "1:1: '_Bool' is outside the scenario subset; use BOOLEAN"],
    ['attributes', 'int __attribute__((aligned(8))) x;', "1:5: '__attribute__' is outside the scenario subset"],
    ['compound literals', 'VOID F(void) {\n  int *p = (int[]){1, 2};\n}', '2:12: compound literals are outside the scenario subset; declare a variable'],
    ['struct by value', 'struct S { int a; };\nint F(struct S s) { return s.a; }', "2:5: passing a struct by value is outside the scenario subset (parameter 's' of 'F'); pass a pointer"],
    ['extern', 'extern int x;', "1:1: 'extern' declarations are outside the scenario subset (a scenario is one file)"],
    ['wide strings', 'VOID F(void) { DbgPrint(L"x"); }', '1:25: wide string literal L"x": wide and Unicode literals are outside the scenario subset'],
    ['string as char *', 'char *s = "x";', "1:11: initialization of 's': a string literal can only be a 'const char *' value (PCSTR), since it is read-only"],
    ['kernel object fields', 'KEVENT E;\nVOID F(void) { E.__wdkm_opaque[0] = 1; }',
      "2:16: 'KEVENT' {aka 'struct _KEVENT'} is an opaque kernel object: its fields belong to the kernel; pass its address to the kernel routines"],
    ['function names as values', 'VOID W(PVOID c) { UNREFERENCED_PARAMETER(c); }\nPVOID P = W;',
      "2:11: function pointers are outside the scenario subset: 'W' can only be called, passed as a routine to PsCreateSystemThread or KeInitializeDpc, or stored in DriverObject->DriverUnload"],
    ['a routine named, not called', 'VOID F(void) {\n  KeFlushQueuedDpcs;\n}', "2:3: 'KeFlushQueuedDpcs' is not called: a call needs its arguments in parentheses"],
    ['a union by value to a kernel routine, from a number', 'KTIMER T;\nVOID F(void) { KeSetTimer(&T, 5, NULL); }',
      "2:31: passing argument 2 of 'KeSetTimer': expected 'LARGE_INTEGER' {aka 'union _LARGE_INTEGER'}, have 'int'"],
  ];
  it.each(cases)('%s', (_name, body, message) => expect(errorsIn(body)).toContain(message));
});

describe('type errors as gcc -Werror reports them for the driver build', () => {
  it('checks calls against the WDK and wdkm signatures', () => {
    const body = `static WDKM_KMUTEX *M;
VOID F(void) {
  ULONG x;
  WdkmKMutexLock(M);
  WdkmKMutexLock(M, &x, 1);
  WdkmKMutexLock(&x, NULL);
  KeSetEvent(5, 0, FALSE);
  PVOID p = 0; p = x;
  InterlockedIncrement(&x);
}`;
    expect(errorsIn(body)).toEqual([
      "4:3: too few arguments to function 'WdkmKMutexLock' (expected 2, have 1)",
      "5:3: too many arguments to function 'WdkmKMutexLock' (expected 2, have 3)",
      "6:18: passing argument 1 ('Mutex') of 'WdkmKMutexLock' from incompatible pointer type: expected 'WDKM_KMUTEX *' {aka 'struct _WDKM_KMUTEX *'} but got 'ULONG *' {aka 'long unsigned int *'}",
      "7:14: passing argument 1 ('Event') of 'KeSetEvent' makes pointer from integer without a cast ('PRKEVENT' {aka 'struct _KEVENT *'} from 'int')",
      "8:20: assignment to 'p' makes pointer from integer without a cast ('PVOID' {aka 'void *'} from 'ULONG' {aka 'long unsigned int'})",
      "9:24: passing argument 1 ('Addend') of 'InterlockedIncrement' from incompatible pointer type: expected 'volatile LONG *' {aka 'volatile long int *'} but got 'ULONG *' {aka 'long unsigned int *'}",
    ]);
  });
  it('checks lvalues and const', () => {
    expect(errorsIn('const int K = 1;\nVOID F(void) {\n  K = 2;\n  5 = 1;\n  int a[2], b[2];\n  a = b;\n}')).toEqual([
      "3:5: assignment of read-only variable 'K'", '4:5: lvalue required as left operand of assignment', '6:5: assignment to expression with array type',
    ]);
  });
  it('accepts routines where the WDK takes them, with the right type', () => {
    const ok = `KDPC Dpc;
VOID Unload(PDRIVER_OBJECT d) { UNREFERENCED_PARAMETER(d); }
VOID DpcRoutine(PKDPC d, PVOID c, PVOID a, PVOID b) { UNREFERENCED_PARAMETER(d); UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(a); UNREFERENCED_PARAMETER(b); }
NTSTATUS Bad(PVOID c) { UNREFERENCED_PARAMETER(c); return 0; }
VOID F(PDRIVER_OBJECT d) {
  HANDLE h;
  KeInitializeDpc(&Dpc, DpcRoutine, NULL);
  d->DriverUnload = Unload;
  PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, Bad, NULL);
  PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, KeClearEvent, NULL);
}`;
    expect(errorsIn(ok)).toEqual([
      "9:65: passing argument 6 ('StartRoutine') of 'PsCreateSystemThread' from incompatible pointer type: expected 'PKSTART_ROUTINE' {aka 'void (*)(void *)'} but 'Bad' has type 'NTSTATUS(PVOID)' {aka 'long int(void *)'}",
      "10:65: 'KeClearEvent' is a kernel routine; only a function defined in the scenario can be passed as a routine",
    ]);
  });
  it('warns about DbgPrint formats that do not match', () => {
    expect(errorsIn('VOID F(void) { LONG64 v = 1; DbgPrint("%d %s\\n", v, 3); }', 'warning')).toEqual([
      "1:50: format '%d' expects a 32-bit integer argument ('int' or 'long'), but argument 2 has type 'LONG64' {aka 'long long int'}",
      "1:53: format '%s' expects a 'char *' argument, but argument 3 has type 'int'",
    ]);
  });
});

describe('names', () => {
  it('suggests the closest name for misspellings', () => {
    expect(errorsIn('VOID F(void) { WdkmKMutexLok(NULL, NULL); }')).toEqual(["1:16: implicit declaration of function 'WdkmKMutexLok'; did you mean 'WdkmKMutexLock'?"]);
    expect(errorsIn('VOID F(void) { int counter = 0; countr++; }')).toEqual(["1:33: 'countr' undeclared; did you mean 'counter'?"]);
    expect(errorsIn('ULONGG x;')).toEqual(["1:1: unknown type name 'ULONGG'; did you mean 'ULONG'?"]);
    expect(errorsIn('VOID F(void) { KeWaitForSingleObject(NULL, Excutive, KernelMode, FALSE, NULL); }')[0]).toContain("did you mean 'Executive'?");
    expect(errorsIn('struct S { int Count; };\nVOID F(struct S *s) { s->Cont = 1; }')).toEqual(["2:26: 'struct S' has no member named 'Cont'; did you mean 'Count'?"]);
  });
  it('requires DriverEntry with the WDK signature', () => {
    expect(check(PRELUDE + 'int x;').map((d) => d.message)).toEqual([
      'a scenario needs a DriverEntry: NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)',
    ]);
    expect(check(PRELUDE + 'NTSTATUS DriverEntry(PDRIVER_OBJECT d) { UNREFERENCED_PARAMETER(d); return 0; }')[0].message).toContain('DriverEntry must be declared as');
  });
  it('reports several errors and recovers after each', () => {
    const errors = errorsIn('VOID F(void) {\n  int a = ;\n  int b = 1\n  undefinedThing = 2;\n}\nint G(void) { return nope; }');
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(errors[errors.length - 1]).toBe("6:22: 'nope' undeclared");
  });
});
