/**
 * The scenario front end: C source in, diagnostics and a bytecode module out.
 * Usable from the browser and from Node (no DOM, no Node APIs).
 */
export { check, analyze, checkScenario, type Checked } from './frontend';
export type { EntryPoint, EntryRole } from './entry-points';
export { compile, type CompileResult } from './compile';
export { sourceNames, type SourceNames, type CallSite } from './names';
export { disassemble, decode } from './bytecode/disassemble';
export { readModule } from './bytecode/reader';
export { writeModule } from './bytecode/writer';
export type { BytecodeModule } from './bytecode/module';
export { formatDiagnostic, formatDiagnostics, type Diagnostic, type Severity } from './diagnostics';
export { OPS, KIND, SECTION, RELOC } from './bytecode/opcodes';
