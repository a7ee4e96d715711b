/** The object parameters sourceNames reads, against the headers' prototypes. */
import { expect, it } from 'vitest';
import { NTDDK_H, WDKM_H } from './prelude/headers.generated';
import { OBJECT_PARAMS } from './names';

/* A parameter that points at a kernel object or a wdkm lock, as the headers spell it. */
const OBJECT_POINTER = /\b(?:PR?K(?:MUTEX|EVENT|SEMAPHORE|TIMER|DPC|GUARDED_MUTEX|SPIN_LOCK)|PFAST_MUTEX|PERESOURCE|WDKM_(?:KMUTEX|FAST_MUTEX|GUARDED_MUTEX|SPIN_LOCK|RESOURCE)\s*\*)\s*(\w+)\s*[,)]/g;

it('reads every parameter through which a routine takes a kernel object or a wdkm lock', () => {
  const names = new Set([NTDDK_H, WDKM_H].flatMap((h) => [...h.matchAll(OBJECT_POINTER)].map((m) => m[1]!)));
  expect(names).toContain('Timer');
  for (const n of names) expect(OBJECT_PARAMS, `parameter '${n}'`).toContain(n);
});
