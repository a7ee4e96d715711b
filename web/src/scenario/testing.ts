/** Helpers shared by the front end's tests: wrap a snippet into a scenario, list its errors, run it. */
import { ReferenceVM, type Native } from './bytecode/reference-vm';
import { compile } from './compile';
import { check } from './frontend';

export const PRELUDE = '#include <ntddk.h>\n#include <wdkm.h>\n';
export const ENTRY = '\nNTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)\n{ UNREFERENCED_PARAMETER(DriverObject); UNREFERENCED_PARAMETER(RegistryPath); return STATUS_SUCCESS; }\n';

/** A scenario: the two includes (2 lines), the snippet from line 3, then a DriverEntry. */
export const scenario = (body: string) => PRELUDE + body + ENTRY;

/** `line:col: message` for each error (lines counted in the snippet, starting at 1). */
export function errorsIn(body: string, severity: 'error' | 'warning' = 'error'): string[] {
  return check(scenario(body)).filter((d) => d.severity === severity).map((d) => `${d.line - 2}:${d.col}: ${d.message}`);
}

export function compileOrThrow(src: string): Uint8Array {
  const r = compile(src);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (!r.module) throw new Error(errors.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n') || 'no module');
  return r.module;
}

/** Compiles the snippet and runs one of its functions on the reference VM. */
export function run(body: string, fn: string, args: bigint[] = [], natives: Record<string, Native> = {}): bigint {
  return new ReferenceVM(compileOrThrow(scenario(body)), natives).call(fn, args);
}

/** A DbgPrint that appends to `out`, enough for %d %u %x %s %lld %llu %c. */
export function dbgPrintInto(out: string[]): Native {
  return (args, vm) => {
    let i = 1;
    const fmt = vm.cString(args[0]);
    out.push(fmt.replace(/%(l{0,2})([diuxXsc%])/g, (_m, _l: string, c: string) => {
      if (c === '%') return '%';
      const v = args[i++];
      if (c === 's') return vm.cString(v);
      if (c === 'c') return String.fromCharCode(Number(v));
      if (c === 'x' || c === 'X') return BigInt.asUintN(64, v).toString(16);
      return (c === 'u' ? BigInt.asUintN(64, v) : v).toString();
    }));
    return 0n;
  };
}
