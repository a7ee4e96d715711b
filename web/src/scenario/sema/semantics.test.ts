import { describe, expect, it } from 'vitest';
import { dbgPrintInto, errorsIn, run } from '../testing';

/** An integer constant expression is true if `int t[cond ? 1 : -1]` is accepted. */
const holds = (cond: string) => errorsIn(`int t[(${cond}) ? 1 : -1];`);

describe('integer promotions and conversions (constant)', () => {
  it.each([
    '(unsigned char)200 + (unsigned char)100 == 300',
    '!(-1 < 0u)',
    '(ULONG)-1 == 4294967295',
    '-1L < 0U == 0',
    '-1LL < 0U',
    '(char)200 == -56',
    "'mKdW' == 0x6D4B6457",
    "'\\xff' == -1",
    '0x80000000 > 0',
    'sizeof(0x80000000) == 4 && sizeof(4294967296) == 8 && sizeof(2147483648) == 8',
    'sizeof(1L) == 4 && sizeof(1LL) == 8 && sizeof(1ULL) == 8',
    '(USHORT)65537 == 1',
    '(int)0xFFFFFFFFu == -1',
    '7 / -2 == -3 && 7 % -2 == 1',
    '1 << 31 < 0',
    '(ULONGLONG)-1 > 0',
    'NT_SUCCESS(STATUS_SUCCESS) && !NT_SUCCESS(STATUS_UNSUCCESSFUL) && NT_SUCCESS(STATUS_TIMEOUT)',
    'WDKM_OK == 0 && WDKM_NOT_ACQUIRED == 10 && HIGH_LEVEL == 15',
    '(1 ? 2u : -1) > 0',
    'sizeof(-(unsigned char)1) == 4',
  ])('%s', (cond) => expect(holds(cond)).toEqual([]));
});

describe('sizes in the x64 driver model', () => {
  const sizes: [string, number][] = [
    ['CHAR', 1], ['UCHAR', 1], ['SHORT', 2], ['USHORT', 2], ['LONG', 4], ['ULONG', 4], ['INT', 4], ['UINT', 4],
    ['LONG64', 8], ['ULONG64', 8], ['LONGLONG', 8], ['ULONGLONG', 8], ['BOOLEAN', 1], ['SIZE_T', 8], ['ULONG_PTR', 8],
    ['KIRQL', 1], ['NTSTATUS', 4], ['PVOID', 8], ['HANDLE', 8], ['long', 4], ['unsigned long', 4], ['long long', 8],
    ['int8_t', 1], ['uint16_t', 2], ['int32_t', 4], ['uint64_t', 8], ['size_t', 8], ['uintptr_t', 8], ['WCHAR', 2],
    ['KMUTEX', 56], ['KEVENT', 24], ['KSEMAPHORE', 32], ['FAST_MUTEX', 56], ['KGUARDED_MUTEX', 56], ['ERESOURCE', 104],
    ['KDPC', 64], ['KSPIN_LOCK', 8], ['LARGE_INTEGER', 8], ['UNICODE_STRING', 16], ['DRIVER_OBJECT', 336],
    ['WDKM_STATUS', 4], ['WDKM_TYPE_INFO', 16], ['KWAIT_REASON', 4], ['POOL_FLAGS', 8], ['KPROCESSOR_MODE', 1],
    ['OBJECT_ATTRIBUTES', 48], ['CLIENT_ID', 16], ['LIST_ENTRY', 16],
  ];
  it.each(sizes)('sizeof(%s) == %d', (t, n) => expect(holds(`sizeof(${t}) == ${n}`)).toEqual([]));

  it('lays out scenario structs with x64 alignment', () => {
    const body = 'struct S { CHAR a; LONG64 b; SHORT c; };\nstruct T { CHAR a; SHORT b; LONG c; };\nstruct U { struct T t; CHAR d[3]; };\n';
    expect(errorsIn(body + 'int t[sizeof(struct S) == 24 && sizeof(struct T) == 8 && sizeof(struct U) == 12 ? 1 : -1];')).toEqual([]);
  });
});

describe('runtime semantics on the reference VM', () => {
  const value = (expr: string, type = 'LONG64') => run(`${type} F(void) { ${expr} }`, 'F');
  it('keeps C arithmetic exact at run time', () => {
    expect(value('volatile UCHAR a = 200, b = 100; return a + b;')).toBe(300n);
    expect(value('volatile int m = -1; volatile unsigned int z = 0; return m < z;')).toBe(0n);
    expect(value('volatile LONG m = -1; return (ULONG)m;')).toBe(4294967295n);
    expect(value('volatile ULONG x = 0xFFFFFFFF; x += 1; return x;')).toBe(0n);
    expect(value('volatile int x = 0x7fffffff; x++; return x;')).toBe(-2147483648n);
    expect(value('volatile CHAR c = 127; c++; return c;')).toBe(-128n);
    expect(value('volatile int a = -7; return a / 2 * 10 + a % 2;')).toBe(-31n);
    expect(value('volatile ULONG a = 7; volatile int b = -2; return a / b;')).toBe(0n);
    expect(value('volatile int s = -16; return (s >> 2) + ((unsigned)s >> 28);')).toBe(11n);
    expect(value('volatile ULONG u = 1; return ~u;')).toBe(4294967294n);
    expect(value('volatile LONGLONG a = -5; volatile ULONGLONG b = 3; return a / (LONGLONG)b;')).toBe(-1n);
  });
  it('scales pointer arithmetic by the element size', () => {
    expect(value('LONG a[5] = {1, 2, 3, 4, 5}; LONG *p = a; p += 3; return *p + *(p - 2) + (p - a) + p[-3];')).toBe(4n + 2n + 3n + 1n);
    expect(value('struct P { int x; LONG64 y; } s[3]; s[2].y = 9; struct P *q = &s[0]; q++; q++; return q->y + (LONG64)sizeof(*q);')).toBe(25n);
  });
  it('runs loops, switch, recursion and short-circuit logic', () => {
    const body = `
static int Fact(int n) { return n <= 1 ? 1 : n * Fact(n - 1); }
static int Classify(int v) {
  switch (v) { case 1: return 10; case 2: case 3: v += 100; break; default: return -1; }
  return v;
}
LONG64 F(void) {
  int sum = 0, i = 0;
  do { if (i % 2) continue; sum += i; } while (++i < 10);
  for (int k = 0; k < 100; k++) { if (k == 3) break; sum += 1000; }
  int z = 0;
  if (z && (1 / z)) sum = -1;
  return sum + Fact(5) * 100000 + Classify(1) * 1000000000LL + Classify(3) + Classify(7);
}`;
    expect(run(body, 'F')).toBe(20n + 3000n + 12000000n + 10000000000n + 103n - 1n);
  });
  it('copies structs and initialises aggregates', () => {
    const body = `
typedef struct _PAIR { LONG a; LONG b[2]; } PAIR;
static PAIR G = { 1, { 2, 3 } };
static const char *Name = "wdkm";
static LONG *Ptr = &G.b[1];
LONG64 F(void) {
  PAIR p = { .b = { [1] = 7 } };
  PAIR q;
  q = G;
  char s[] = "ab";
  return p.a * 1 + p.b[0] * 10 + p.b[1] * 100 + q.b[1] * 1000 + *Ptr * 10000 + Name[3] * 100000 + (LONG64)sizeof(s) * 100000000;
}`;
    expect(run(body, 'F')).toBe(700n + 3000n + 30000n + 109n * 100000n + 300000000n);
  });
  it('passes DbgPrint its variadic arguments with their kinds', () => {
    const out: string[] = [];
    const kinds: number[][] = [];
    const print = dbgPrintInto(out);
    run('VOID F(void) { ULONG n = 1500; DbgPrint("n=%u %s %lld\\n", n, "ok", -5LL); }', 'F', [], {
      DbgPrint: (args, vm, k) => { kinds.push(k); return print(args, vm, k); },
    });
    expect(out).toEqual(['n=1500 ok -5\n']);
    expect(kinds[0]).toEqual([11, 6, 11, 7]);
  });
  it('fails an ASSERT with its text', () => {
    expect(() => run('VOID F(void) { int x = 2; ASSERT(x == 3); }', 'F')).toThrow('assertion failed: x == 3');
  });
});
