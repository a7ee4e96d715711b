// A scenario as exportProject takes it, checked first as `wdkm export` and
// the app do: a scenario with an error is refused, and the Code Tour names
// the entry points of the checked program.

import type { ExportInput } from '../../web/src/export';
import { formatDiagnostic } from '../../web/src/scenario/diagnostics';
import { checkScenario } from '../../web/src/scenario/frontend';

export function checkedInput(input: Omit<ExportInput, 'entryPoints'>, file = `${input.name}.c`): ExportInput {
  const { diagnostics, entryPoints } = checkScenario(input.source, file);
  if (!entryPoints) {
    const errors = diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    throw new Error(`${file} does not compile, so it is not exported:\n${errors.join('\n')}`);
  }
  return { ...input, entryPoints };
}
