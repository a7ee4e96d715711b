import { describe, expect, it } from 'vitest';
import { activeCall, completionText, parametersOf, suggestedName } from './assist';
import { API, lookupApi } from './api-catalogue';

describe('signature help', () => {
  it('splits a signature into its parameters', () => {
    expect(parametersOf(lookupApi('WdkmKMutexLock')!)).toEqual(['WDKM_KMUTEX *Mutex', 'PVOID *Data']);
    expect(parametersOf(lookupApi('KeWaitForSingleObject')!)).toHaveLength(5);
  });
  it('has a parameter list for every catalogued routine, matching the header\'s count', () => {
    for (const entry of API) {
      const params = parametersOf(entry);
      expect(params, entry.name).toBeDefined();
      expect(params!.every((p) => p.length > 0), entry.name).toBe(true);
    }
    expect(parametersOf(lookupApi('KeGetCurrentIrql')!)).toEqual([]);
  });
  it('finds the call and the argument under the cursor', () => {
    expect(activeCall('  WdkmKMutexLock(')).toEqual({ name: 'WdkmKMutexLock', argument: 0 });
    expect(activeCall('  WdkmKMutexLock(&M, ')).toEqual({ name: 'WdkmKMutexLock', argument: 1 });
    expect(activeCall('KeWaitForSingleObject(&E, Executive, f(a, b), ')).toEqual({ name: 'KeWaitForSingleObject', argument: 3 });
    expect(activeCall('DbgPrint("a, (b", ')).toEqual({ name: 'DbgPrint', argument: 1 });
    expect(activeCall('x[i, ')).toBeUndefined();
    expect(activeCall('F(a);\n  x = ')).toBeUndefined();
    expect(activeCall('F(a)')).toBeUndefined();
  });
});

describe('completion', () => {
  it('inserts the parentheses only when none follow', () => {
    const lock = lookupApi('WdkmKMutexLock')!;
    expect(completionText(lock, ';')).toBe('WdkmKMutexLock($0)');
    expect(completionText(lock, '')).toBe('WdkmKMutexLock($0)');
    expect(completionText(lock, '(&M, NULL);')).toBe('WdkmKMutexLock');
    expect(completionText(lock, ' (&M)')).toBe('WdkmKMutexLock');
  });
});

describe('quick fix', () => {
  it('reads the name a "did you mean" offers', () => {
    expect(suggestedName("implicit declaration of function 'WdkmKMutexLok'; did you mean 'WdkmKMutexLock'?")).toBe('WdkmKMutexLock');
    expect(suggestedName("'x' undeclared")).toBeUndefined();
  });
});
