/* How bad a run's end is, once for the app's banner and the CLI's exit code:
   clean (a completion that returned an NT_SUCCESS status and left nothing
   behind) is exit 0 and green; a completion with a leak, a Verifier finding
   or a failing NTSTATUS is a warning, amber; a bug check, a deadlock, a failed
   assertion or a run out of budget is a failure, red. Both are exit 1. */
export type Severity = 'clean' | 'warning' | 'failure';

export interface SeverityInput {
  outcome: string;
  status: string | null;
  leaks: readonly unknown[];
  findings: readonly unknown[];
}

/* NT_SUCCESS: severity bits clear, i.e. the status is non-negative as a LONG. */
export function ntSuccess(status: string | null): boolean {
  return status !== null && (parseInt(status, 16) | 0) >= 0;
}

export function runSeverity(r: SeverityInput): Severity {
  if (r.outcome !== 'completed') return 'failure';
  return ntSuccess(r.status) && r.leaks.length === 0 && r.findings.length === 0 ? 'clean' : 'warning';
}

/* What keeps a completion from being clean, in words ("1 leak, a failing status"). */
export function warnings(r: SeverityInput): string[] {
  const out: string[] = [];
  if (!ntSuccess(r.status)) out.push(r.status === null ? 'DriverEntry did not return' : 'a failing NTSTATUS');
  if (r.leaks.length) out.push(`${r.leaks.length} leak${r.leaks.length === 1 ? '' : 's'}`);
  if (r.findings.length) out.push(`${r.findings.length} Verifier finding${r.findings.length === 1 ? '' : 's'}`);
  return out;
}
