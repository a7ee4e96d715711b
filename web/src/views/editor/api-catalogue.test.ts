import { describe, expect, it } from 'vitest';
import { API, describeApi, lookupApi } from './api-catalogue';

describe('API catalogue', () => {
  it('looks up routines and macros by name, with the header\'s signature', () => {
    expect(lookupApi('KeWaitForSingleObject')).toMatchObject({
      header: 'ntddk.h', kind: 'function',
      signature: 'NTSTATUS KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason, KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Timeout)',
    });
    expect(lookupApi('WdkmKMutexLock')).toMatchObject({ header: 'wdkm.h', signature: 'WDKM_STATUS WdkmKMutexLock(WDKM_KMUTEX *Mutex, PVOID *Data)' });
    expect(lookupApi('ASSERT')).toMatchObject({ kind: 'macro' });
    expect(lookupApi('IoCreateDevice')).toBeUndefined();
    expect(API.length).toBeGreaterThan(130);
  });

  it('shows the signature, the IRQL and the header in a hover', () => {
    const md = describeApi(lookupApi('KeAcquireSpinLock')!);
    expect(md).toContain('VOID KeAcquireSpinLock(PKSPIN_LOCK SpinLock, PKIRQL OldIrql)');
    expect(md).toContain('**IRQL:** <= DISPATCH_LEVEL · *ntddk.h*');
  });
});
