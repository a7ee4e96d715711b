/**
 * A grammar-aware generator of scenarios (fast-check arbitraries): valid C of
 * the scenario subset with function-like macros, DbgPrint formats of every
 * supported shape, nested expressions and statements, big local frames and,
 * optionally, threads sharing a KMUTEX. The arithmetic is on unsigned 32-bit
 * values with divisors and shift counts kept in range, so a program has one
 * meaning: the VM's and gcc's builds of it must print the same.
 */
import fc from 'fast-check';

export interface GeneratedScenario {
  source: string;
  /** Threads make the output depend on the schedule: such scenarios are not compared with gcc. */
  threads: number;
}

const VARS = ['v0', 'v1', 'v2', 'v3'];
const GLOBALS = ['g0', 'g1'];

const literal = fc.oneof(
  fc.integer({ min: 0, max: 1000 }).map((n) => `${n}u`),
  fc.constantFrom('0xFFFFFFFFu', '0x80000000u', '0x7FFFFFFFu', '1u', '0u'),
);
const leaf = fc.oneof(literal, fc.constantFrom(...VARS), fc.constantFrom(...GLOBALS));

/** An unsigned 32-bit expression of at most `depth` levels. */
function expr(depth: number): fc.Arbitrary<string> {
  if (depth <= 0) return leaf;
  const sub = expr(depth - 1);
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    { weight: 6, arbitrary: fc.tuple(sub, fc.constantFrom('+', '-', '*', '&', '|', '^'), sub).map(([a, op, b]) => `(${a} ${op} ${b})`) },
    { weight: 1, arbitrary: fc.tuple(sub, fc.constantFrom('/', '%'), sub).map(([a, op, b]) => `(${a} ${op} (${b} | 1u))`) },
    { weight: 1, arbitrary: fc.tuple(sub, fc.constantFrom('<<', '>>'), sub).map(([a, op, b]) => `(${a} ${op} (${b} & 31u))`) },
    { weight: 1, arbitrary: fc.tuple(sub, fc.constantFrom('<', '==', '!=', '>='), sub).map(([a, op, b]) => `(ULONG)(${a} ${op} ${b})`) },
    { weight: 1, arbitrary: fc.tuple(sub, sub, sub).map(([c, a, b]) => `(${c} ? ${a} : ${b})`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('TWICE', 'SQ', 'MIX'), sub).map(([m, a]) => `${m}(${a})`) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([a, b]) => `PICK(${a}, ${b})`) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([a, b]) => `Helper(${a}, ${b})`) },
    { weight: 1, arbitrary: sub.map((a) => `(ULONG)(USHORT)${a}`) },
    { weight: 1, arbitrary: sub.map((a) => `~${a}`) },
  );
}

const flags = fc.constantFrom('', '-', '0', '#', '+', ' ', '-0');
const width = fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 24 }).map(String));
const precision = fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 12 }).map((n) => `.${n}`));

type Conv = [string, string[]];

/** One conversion and the argument(s) it reads. */
function conversion(e: fc.Arbitrary<string>): fc.Arbitrary<[string, string[]]> {
  return fc.oneof(
    fc.tuple(flags, width, precision, fc.constantFrom('u', 'x', 'X', 'o', 'lu', 'lx', 'I32u', 'hu', 'hhx'), e)
      .map(([f, w, p, c, a]): Conv => [`%${f.replace(/[+ ]/g, '')}${w}${p}${c}`, [a]]),
    fc.tuple(flags, width, precision, fc.constantFrom('d', 'i', 'ld'), e).map(([f, w, p, c, a]): Conv => [`%${f}${w}${p}${c}`, [`(LONG)${a}`]]),
    fc.tuple(flags, width, fc.constantFrom('I64u', 'llu', 'I64x', 'llX', 'Iu', 'I64d'), e, e)
      .map(([f, w, c, a, b]): Conv => [`%${f.replace(/[+ ]/g, '')}${w}${c}`, [`(((ULONG64)${a} << 32) | ${b})`]]),
    fc.tuple(fc.constantFrom('*', '-*'), fc.constantFrom('u', 'x', 'd'), e, fc.integer({ min: -30, max: 30 }))
      .map(([w, c, a, n]): Conv => [`%${w}${c}`, [`${n}`, c === 'd' ? `(LONG)${a}` : a]]),
    fc.tuple(fc.constantFrom('.*', '*.*'), e).map(([p, a]): Conv => [`%${p}u`, p === '.*' ? [`(int)(${a} % 12u)`, a] : [`(int)(${a} % 9u)`, `(int)(${a} % 7u)`, a]]),
    fc.tuple(width, precision, fc.constantFrom('"abc"', '"hello, world"', '""', 'Name'))
      .map(([w, p, s]): Conv => [`%${w}${p}s`, [s]]),
    fc.tuple(fc.constantFrom('', '-', '3'), e).map(([w, a]): Conv => [`%${w}c`, [`(CHAR)('A' + ${a} % 26u)`]]),
    fc.constant<[string, string[]]>(['%%', []]),
    fc.constantFrom<[string, string[]]>(['[%Z]', ['&Ansi']]),
  );
}

function print(e: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.array(fc.tuple(fc.constantFrom('', ' ', '=', ':', '|'), conversion(e)), { minLength: 1, maxLength: 6 }).map((parts) => {
    const fmt = parts.map(([sep, [c]]) => sep + c).join('');
    const args = parts.flatMap(([, [, a]]) => a);
    return `DbgPrint("${fmt}\\n"${args.map((a) => `, ${a}`).join('')});`;
  });
}

function statements(depth: number): fc.Arbitrary<string[]> {
  const e = expr(3);
  const simple = fc.oneof(
    fc.tuple(fc.constantFrom(...VARS, ...GLOBALS), fc.constantFrom('=', '+=', '^=', '-='), e).map(([v, op, a]) => `${v} ${op} ${a};`),
    print(e),
    fc.tuple(e, e).map(([i, a]) => `Big[(${i}) % BIG] = ${a};\n    v0 += Big[(${a}) % BIG];`),
  );
  if (depth <= 0) return fc.array(simple, { minLength: 1, maxLength: 3 });
  const inner = statements(depth - 1).map((s) => s.join('\n    '));
  return fc.array(fc.oneof(
    { weight: 4, arbitrary: simple },
    { weight: 1, arbitrary: fc.tuple(e, inner, inner).map(([c, a, b]) => `if (${c}) {\n    ${a}\n    } else {\n    ${b}\n    }`) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 6 }), inner).map(([n, a]) => `for (int i${depth} = 0; i${depth} < ${n}; i${depth}++) {\n    ${a}\n    }`) },
    { weight: 1, arbitrary: fc.tuple(e, inner, inner).map(([c, a, b]) => `switch (${c} & 3u) {\n    case 0: { ${a} } break;\n    case 2: { ${b} } /* falls through */\n    default: v1++; break;\n    }`) },
  ), { minLength: 1, maxLength: 4 });
}

const threadPart = (n: number, rounds: number) => `
static WDKM_KMUTEX *Counter;

static VOID Worker(PVOID Context)
{
    ULONG id = (ULONG)(ULONG_PTR)Context;
    for (ULONG r = 0; r < ${rounds}u; r++) {
        PVOID data;
        if (WdkmKMutexLock(Counter, &data) != WDKM_OK)
            break;
        *(ULONG *)data += id + 1;
        WdkmKMutexUnlock(Counter);
    }
    DbgPrint("worker %lu done\\n", id);
    PsTerminateSystemThread(STATUS_SUCCESS);
}

static VOID RunThreads(VOID)
{
    HANDLE threads[${n}];
    ULONG zero = 0, total = 0;
    if (WdkmKMutexNew(sizeof(ULONG), &zero, &Counter) != WDKM_OK)
        return;
    for (ULONG i = 0; i < ${n}u; i++)
        PsCreateSystemThread(&threads[i], THREAD_ALL_ACCESS, NULL, NULL, NULL, Worker, (PVOID)(ULONG_PTR)i);
    for (ULONG i = 0; i < ${n}u; i++) {
        PVOID object;
        if (NT_SUCCESS(ObReferenceObjectByHandle(threads[i], SYNCHRONIZE, *PsThreadType, KernelMode, &object, NULL))) {
            KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL);
            ObDereferenceObject(object);
        }
        ZwClose(threads[i]);
    }
    WdkmKMutexIntoOwned(Counter, &total);
    DbgPrint("total = %lu\\n", total);
}
`;

export interface GenerateOptions { threads: boolean }

export function scenarioArbitrary(options: GenerateOptions = { threads: true }): fc.Arbitrary<GeneratedScenario> {
  return fc.record({
    body: statements(2),
    big: fc.constantFrom(1, 4, 64, 1000, 4000, 8100),
    helperExpr: expr(2),
    threads: options.threads ? fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 })) : fc.constant(0),
    rounds: fc.integer({ min: 1, max: 40 }),
    seeds: fc.tuple(fc.nat(0xffff), fc.nat(0xffff), fc.nat(0xffff), fc.nat(0xffff)),
  }).map(({ body, big, helperExpr, threads, rounds, seeds }) => {
    const source = `#include <ntddk.h>
${threads ? '#include <wdkm.h>\n' : ''}
#define BIG ${big}u
#define TWICE(x) ((x) + (x))
#define SQ(x) ((x) * (x))
#define MIX(x) (TWICE(x) ^ SQ(x))
#define PICK(a, b) ((a) > (b) ? (a) : (b))

static ULONG g0 = ${seeds[0]}u, g1;
static CHAR Name[] = "scenario";
static CHAR AnsiText[] = "counted!";
static ANSI_STRING Ansi = { 7, 9, AnsiText };

static ULONG Helper(ULONG v0, ULONG v1)
{
    ULONG v2 = v0 ^ ${seeds[1]}u, v3 = v1 + 3u;
    return ${helperExpr.replace(/g1/g, 'v2')};
}
${threads ? threadPart(threads, rounds) : ''}
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    ULONG v0 = ${seeds[2]}u, v1 = ${seeds[3]}u, v2 = 7u, v3 = 0u;
    ULONG Big[BIG];
    for (ULONG k = 0; k < BIG; k++)
        Big[k] = k;
    g1 = Helper(v0, v1);
    ${body.join('\n    ')}
${threads ? '    RunThreads();\n' : ''}    DbgPrint("end %lu %lu %lu %lu %lu %lu\\n", v0, v1, v2, v3, g0, g1);
    return STATUS_SUCCESS;
}
`;
    return { source, threads };
  });
}
