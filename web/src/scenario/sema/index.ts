/** The checker's entry: a parsed translation unit to a checked program. */
export { checkProgram } from './decl';
export type { CheckedProgram } from './ir';
