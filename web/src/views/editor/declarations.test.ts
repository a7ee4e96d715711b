import { describe, expect, it } from 'vitest';
import { blankCommentsAndStrings, findDefinition, scanDeclarations } from './declarations';

const SOURCE = `#include <ntddk.h>
#define LOOPS 10
typedef struct _PAIR { LONG A; LONG B; } PAIR;
enum Color { Red, Green = 2 };
static WDKM_KMUTEX *Counter; /* int Fake; */
static VOID Worker(PVOID Context);
static VOID Worker(PVOID Context)
{
    ULONG local = 0, *p = &local;
    for (int i = 0; i < LOOPS; i++) local++;
}
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PAIR pair;
    DbgPrint("int NotAVariable;");
    return STATUS_SUCCESS;
}
`;

describe('declaration scan', () => {
  const decls = scanDeclarations(SOURCE);
  const find = (name: string) => decls.filter((d) => d.name === name);

  it('finds macros, types, enumerators, globals, functions, parameters and locals', () => {
    expect(find('LOOPS')[0]).toMatchObject({ kind: 'macro', line: 2, col: 9 });
    expect(find('PAIR')[0]).toMatchObject({ kind: 'type', line: 3 });
    expect(find('Green')[0]).toMatchObject({ kind: 'enumerator', line: 4 });
    expect(find('Counter')[0]).toMatchObject({ kind: 'variable', line: 5, col: 21 });
    expect(find('Worker').map((d) => d.kind)).toEqual(['prototype', 'function']);
    expect(find('Context')[0]).toMatchObject({ kind: 'variable', line: 6 });
    expect(find('local')[0]).toMatchObject({ line: 9 });
    expect(find('p')[0]).toMatchObject({ line: 9 });
    expect(find('i')[0]).toMatchObject({ line: 10 });
    expect(find('pair')[0]).toMatchObject({ line: 14 });
    expect(find('DriverObject')[0]).toMatchObject({ line: 12 });
  });

  it('ignores comments and strings', () => {
    expect(find('Fake')).toEqual([]);
    expect(find('NotAVariable')).toEqual([]);
    expect(blankCommentsAndStrings('a /* b */ "c" d')).toBe(`a${' '.repeat(13)}d`);
  });

  it('goes to the definition of a function, else the nearest declaration above', () => {
    expect(findDefinition(decls, 'Worker', 20)).toMatchObject({ kind: 'function', line: 7 });
    expect(findDefinition(decls, 'local', 10)).toMatchObject({ line: 9 });
    expect(findDefinition(decls, 'Nothing', 1)).toBeNull();
  });
});
