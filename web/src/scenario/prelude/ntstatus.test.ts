import { describe, expect, it } from 'vitest';
import { statusName } from './ntstatus';

describe('NTSTATUS names', () => {
  it('come from the prelude ntdef.h, first name of a value first', () => {
    expect(statusName('0x00000000')).toBe('STATUS_SUCCESS');
    expect(statusName('0xC0000046')).toBe('STATUS_MUTANT_NOT_OWNED');
    expect(statusName('0xc000009a')).toBe('STATUS_INSUFFICIENT_RESOURCES');
    expect(statusName('0x12345678')).toBeNull();
  });
});
