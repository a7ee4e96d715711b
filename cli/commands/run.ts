/** `wdkm run FILE [options]`: runs a scenario on the emulated kernel; its output and outcome, readable or as JSON. */
import type { RunResult } from '../../web/src/engine/core-types';
import { parseFlags, RUN_FLAGS, runSettings } from '../options';
import { compileScenario, runScenario } from '../scenario';
import { formatSummary, ntSuccess } from '../summary';
import { type Command, EXIT_ERROR, EXIT_FAIL, EXIT_OK } from './types';

/** The result as `--json` prints it: the contract's keys, in order (the trace and choices stay out). */
export function resultJson(r: RunResult): Record<string, unknown> {
  const { outcome, status, prints, bugcheck, deadlock, assertion, leaks, findings, steps, timeNs } = r;
  return { outcome, status, prints, bugcheck, deadlock, assertion, leaks, findings, steps, timeNs };
}

/* Success is a driver that loaded, returned an NT_SUCCESS status and left nothing behind. */
export function runExitCode(r: RunResult): number {
  return r.outcome === 'completed' && ntSuccess(r.status) && r.leaks.length === 0 ? EXIT_OK : EXIT_FAIL;
}

export const runCommand: Command = {
  name: 'run',
  summary: 'run a scenario on the emulated kernel and print its output and outcome',
  usage: 'wdkm run FILE [--cpus 1-8] [--policy timed|rr|random|pct] [--seed N] [--budget STEPS] [--json]',
  async run(args, io) {
    const flags = parseFlags(args, { values: RUN_FLAGS, switches: ['json'] });
    if (!flags.ok) { io.err(`wdkm run: ${flags.error}\nusage: ${this.usage}`); return EXIT_ERROR; }
    const { positional, values, switches } = flags.value;
    if (positional.length !== 1) { io.err(`wdkm run: expected one FILE\nusage: ${this.usage}`); return EXIT_ERROR; }
    const settings = runSettings(values);
    if (!settings.ok) { io.err(`wdkm run: ${settings.error}`); return EXIT_ERROR; }
    const scenario = compileScenario('run', positional[0]!, io);
    if (typeof scenario === 'number') return scenario;
    const result = await runScenario('run', scenario, settings.value, io);
    if (typeof result === 'number') return result;
    if (switches.has('json')) {
      io.out(JSON.stringify(resultJson(result)));
    } else {
      for (const line of result.prints) io.out(line);
      if (result.prints.length) io.out('');
      for (const line of formatSummary(result, scenario.file, scenario.source)) io.out(line);
    }
    return runExitCode(result);
  },
};
