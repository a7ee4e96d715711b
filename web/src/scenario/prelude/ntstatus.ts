/* NTSTATUS names, read from the prelude's own <ntdef.h> (the emulated
   kernel's header): the one table the results pane and `wdkm run` use. The
   first name of a value wins (STATUS_SUCCESS, not STATUS_WAIT_0). */
import { NTDEF_H } from './headers.generated';

const NAMES = new Map<number, string>();
for (const m of NTDEF_H.matchAll(/#define\s+(STATUS_\w+)\s+\(\(NTSTATUS\)0x([0-9A-Fa-f]{8})L\)/g)) {
  const value = parseInt(m[2]!, 16);
  if (!NAMES.has(value)) NAMES.set(value, m[1]!);
}

/** The name of a status given as "0x%08X", or null when the header has none. */
export function statusName(status: string): string | null {
  return NAMES.get(parseInt(status, 16)) ?? null;
}
