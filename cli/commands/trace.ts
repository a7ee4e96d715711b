/** `wdkm trace FILE [run options] --format perfetto|jsonl --out PATH`: a run's trace, decoded, for Perfetto or for scripts. */
import { chromeTraceLines, decodeTrace, jsonLines, toPerfetto } from '../../web/src/trace/index';
import { parseFlags, RUN_FLAGS, runSettings } from '../options';
import { compileScenario, runScenario } from '../scenario';
import { makeNamer } from '../../web/src/trace/names';
import { type Command, EXIT_ERROR, EXIT_OK } from './types';

const FORMATS = ['perfetto', 'jsonl'] as const;

export const traceCommand: Command = {
  name: 'trace',
  summary: 'run a scenario and write its trace as Perfetto (Chrome Trace Event) JSON or JSON lines',
  usage: 'wdkm trace FILE [--cpus 1-8] [--policy timed|rr|random|pct] [--seed N] [--budget STEPS] [--format perfetto|jsonl] --out PATH|-',
  async run(args, io) {
    const flags = parseFlags(args, { values: [...RUN_FLAGS, 'format', 'out'] });
    if (!flags.ok) { io.err(`wdkm trace: ${flags.error}\nusage: ${this.usage}`); return EXIT_ERROR; }
    const { positional, values } = flags.value;
    const out = values.get('out');
    if (positional.length !== 1 || out === undefined) { io.err(`wdkm trace: expected FILE and --out PATH\nusage: ${this.usage}`); return EXIT_ERROR; }
    const format = values.get('format') ?? 'perfetto';
    if (!(FORMATS as readonly string[]).includes(format)) {
      io.err(`wdkm trace: bad value '${format}' for --format: expected one of ${FORMATS.join(', ')}`);
      return EXIT_ERROR;
    }
    const settings = runSettings(values);
    if (!settings.ok) { io.err(`wdkm trace: ${settings.error}`); return EXIT_ERROR; }
    const scenario = compileScenario('trace', positional[0]!, io);
    if (typeof scenario === 'number') return scenario;
    const result = await runScenario('trace', scenario, settings.value, io);
    if (typeof result === 'number') return result;
    const events = decodeTrace(result.trace);
    const lines = format === 'jsonl' ? jsonLines(events) : chromeTraceLines(toPerfetto(events, makeNamer(events, scenario.names)));
    if (out === '-') {
      for (const line of lines) io.out(line);
      return EXIT_OK;
    }
    try {
      io.writeLines(out, lines);
    } catch (e) {
      io.err(`wdkm trace: ${(e as Error).message}`);
      return EXIT_ERROR;
    }
    io.out(`${out}: ${events.length} events, outcome ${result.outcome}`);
    return EXIT_OK;
  },
};
