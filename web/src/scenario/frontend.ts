/**
 * The front half of the pipeline: preprocess, parse, check. Used by both
 * `check()` and `compile()`. Nothing here throws on any input: an internal
 * failure becomes an error diagnostic (so the UI shows it instead of dying).
 */
import { DiagnosticBag, type Diagnostic, sortDiagnostics } from './diagnostics';
import { parse } from './parse/parser';
import { preprocess } from './pp/preprocess';
import { HEADERS } from './prelude';
import { checkProgram, type CheckedProgram } from './sema';
import { generate } from './codegen/gen';
import type { BytecodeModule } from './bytecode/module';
import { moduleLimitProblems } from './bytecode/limits';
import { entryPoints, type EntryPoint } from './entry-points';

export interface Analysis {
  diagnostics: Diagnostic[];
  /** The checked program when there are no errors. */
  program?: CheckedProgram;
  /** Its bytecode module as data, generated to check the VM's limits. */
  moduleData?: BytecodeModule;
}

export function analyze(source: string, fileName = 'scenario.c', diags = new DiagnosticBag()): Analysis {
  let program: CheckedProgram | undefined;
  try {
    const pp = preprocess(source, fileName, HEADERS, diags);
    if (!pp.stopped) {            // a stopped expansion is not the scenario: checking it would only add noise
      const tu = parse(pp.tokens, diags);
      program = checkProgram(tu, diags, fileName);
    }
  } catch (e) {
    const msg = e instanceof RangeError ? 'the scenario is nested too deeply to check' : `internal error in the checker: ${(e as Error).message}`;
    diags.error(msg, { file: fileName, line: 1, col: 1, endLine: 1, endCol: 1 });
    program = undefined;
  }
  // The VM refuses a module past its limits (frame size, parameters, operand
  // stack): name the limit here rather than let the run fail at load.
  let moduleData: BytecodeModule | undefined;
  if (program && diags.errorCount === 0) {
    try {
      moduleData = generate(program, fileName);
      for (const p of moduleLimitProblems(moduleData)) {
        diags.error(p.message, { file: fileName, line: p.line, col: p.col, endLine: p.line, endCol: p.col });
      }
    } catch (e) {
      diags.error(`internal error in the compiler: ${(e as Error).message}`, { file: fileName, line: 1, col: 1, endLine: 1, endCol: 1 });
    }
  }
  const diagnostics = sortDiagnostics(diags.items);
  const ok = diags.errorCount === 0;
  return { diagnostics, program: ok ? program : undefined, moduleData: ok ? moduleData : undefined };
}

/** Only the diagnostics: what the editor shows while the user types. */
export function check(source: string, fileName = 'scenario.c'): Diagnostic[] {
  return analyze(source, fileName).diagnostics;
}

/** What a check tells the app: the diagnostics and, when there is no error,
    the checked program's entry points (the export's Code Tour names these). */
export interface Checked {
  diagnostics: Diagnostic[];
  entryPoints?: EntryPoint[];
}

export function checkScenario(source: string, fileName = 'scenario.c'): Checked {
  const { diagnostics, program } = analyze(source, fileName);
  return program ? { diagnostics, entryPoints: entryPoints(program) } : { diagnostics };
}
