/**
 * `compile()`: scenario source to a bytecode module (docs/bytecode.md) and
 * its diagnostics. A module is produced only when there is no error.
 */
import { readModule } from './bytecode/reader';
import type { BytecodeModule } from './bytecode/module';
import { writeModule } from './bytecode/writer';
import { generate } from './codegen/gen';
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
  const { diagnostics, program } = analyze(source, fileName);
  if (!program) return { diagnostics };
  try {
    const moduleData = generate(program, fileName);
    const module = writeModule(moduleData);
    return { diagnostics, module, moduleData, names: sourceNames(program) };
  } catch (e) {
    const d: Diagnostic = {
      severity: 'error', message: `internal error in the compiler: ${(e as Error).message}`,
      file: fileName, line: 1, col: 1, endLine: 1, endCol: 1,
    };
    return { diagnostics: [...diagnostics, d] };
  }
}

export { readModule };
