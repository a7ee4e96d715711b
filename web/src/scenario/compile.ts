/**
 * `compile()`: scenario source to a bytecode module (docs/bytecode.md) and
 * its diagnostics. A module is produced only when there is no error.
 */
import { readModule } from './bytecode/reader';
import type { BytecodeModule } from './bytecode/module';
import { writeModule } from './bytecode/writer';
import type { Diagnostic } from './diagnostics';
import { analyze } from './frontend';
import { sourceNames, type SourceNames } from './names';

export interface CompileResult {
  diagnostics: Diagnostic[];
  /** The binary module, when there are no errors. */
  module?: Uint8Array;
  /** The same module as data (function and import tables, source map). */
  moduleData?: BytecodeModule;
  /** What the code calls its objects and threads (`names.ts`), with the module. */
  names?: SourceNames;
}

export function compile(source: string, fileName = 'scenario.c'): CompileResult {
  let analysis;
  try {
    analysis = analyze(source, fileName);
  } catch (e) {
    return { diagnostics: [internalError(e, fileName)] };
  }
  const { diagnostics, moduleData, program } = analysis;
  if (!moduleData || !program) return { diagnostics };
  try {
    const module = writeModule(moduleData);
    return { diagnostics, module, moduleData, names: sourceNames(program) };
  } catch (e) {
    return { diagnostics: [...diagnostics, internalError(e, fileName)] };
  }
}

function internalError(e: unknown, fileName: string): Diagnostic {
  return {
    severity: 'error', message: `internal error in the compiler: ${(e as Error).message}`,
    file: fileName, line: 1, col: 1, endLine: 1, endCol: 1,
  };
}

export { readModule };
