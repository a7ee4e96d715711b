/** `wdkm run FILE [options]`: runs a scenario on the emulated kernel; its output and outcome, readable or as JSON. */
import type { RunResult } from '../../web/src/engine/core-types';
import { parseSchedule } from '../../web/src/explore/schedule';
import { parseFlags, RUN_FLAGS, runSettings } from '../options';
import { compileScenario, runScenario } from '../scenario';
import { formatSummary } from '../summary';
import { runSeverity } from '../../web/src/trace/severity';
import { decodeTrace, type TraceEvent } from '../../web/src/trace';
import { makeNamer, type Namer } from '../../web/src/trace/names';
import { describeOutcome } from '../../web/src/trace/result';
import { type Command, EXIT_ERROR, EXIT_FAIL, EXIT_OK } from './types';

/** The result as `--json` prints it: the contract's keys, in order (the trace and choices stay out):
    the outcome's keys as describeOutcome writes them for `explore --json` too (each deadlock row
    with a `name`), the findings, whether a replayed schedule stopped fitting (`replay`) and the trace was cut (`truncated`), and last
    `names`: every thread and object of the run with its name. */
export function resultJson(r: RunResult, names: Namer = makeNamer(decodeTrace(r.trace))): Record<string, unknown> {
  const { findings, steps, timeNs, replay, truncated } = r;
  return { ...describeOutcome(r, names), findings, steps, timeNs, replay, truncated, names: namesJson(decodeTrace(r.trace), names) };
}

/* Every thread and object in the trace, with the name the views give it. */
export function namesJson(events: TraceEvent[], names: Namer) {
  const threads = new Set<number>();
  const objects = new Set<number>();
  for (const e of events) {
    if (e.kind === 'THREAD_CREATE') threads.add(e.thread);
    if (e.kind === 'OBJECT' && e.a !== 4) objects.add(e.object);
  }
  return {
    threads: [...threads].map((id) => ({ id, name: names.thread(id), routine: names.threadRoutine(id) ?? null })),
    objects: [...objects].map((id) => ({ id, type: names.objectType(id), name: names.object(id), variable: names.objectVariable(id) ?? null })),
  };
}

/* Success is a driver that loaded, returned an NT_SUCCESS status and left nothing behind. */
export function runExitCode(r: RunResult): number {
  return runSeverity(r) === 'clean' ? EXIT_OK : EXIT_FAIL;
}

export const runCommand: Command = {
  name: 'run',
  summary: 'run a scenario on the emulated kernel and print its output and outcome',
  usage: 'wdkm run FILE [--cpus 1-8] [--policy timed|rr|random|pct|explore] [--seed N] [--budget STEPS] [--schedule S] [--json]',
  async run(args, io) {
    const flags = parseFlags(args, { values: [...RUN_FLAGS, 'schedule'], switches: ['json'] });
    if (!flags.ok) { io.err(`wdkm run: ${flags.error}\nusage: ${this.usage}`); return EXIT_ERROR; }
    const { positional, values, switches } = flags.value;
    if (positional.length !== 1) { io.err(`wdkm run: expected one FILE\nusage: ${this.usage}`); return EXIT_ERROR; }
    const settings = runSettings(values);
    if (!settings.ok) { io.err(`wdkm run: ${settings.error}`); return EXIT_ERROR; }
    const scheduleText = values.get('schedule');
    if (scheduleText !== undefined) {
      /* A schedule from `wdkm explore` names its policy and CPUs: replay exactly that. */
      const s = parseSchedule(scheduleText);
      if (!s.ok) { io.err(`wdkm run: bad value for --schedule: ${s.error}`); return EXIT_ERROR; }
      if (s.value.explore) {
        if (values.has('policy') && settings.value.policy !== 'explore') { io.err("wdkm run: this schedule is the explore policy's: leave out --policy"); return EXIT_ERROR; }
        if (values.has('cpus') && settings.value.cpus !== s.value.explore.cpus) { io.err(`wdkm run: this schedule is for ${s.value.explore.cpus} CPUs: leave out --cpus`); return EXIT_ERROR; }
        settings.value.policy = 'explore';
        settings.value.cpus = s.value.explore.cpus;
      }
      settings.value.schedule = s.value.choices;
    }
    const scenario = compileScenario('run', positional[0]!, io);
    if (typeof scenario === 'number') return scenario;
    const result = await runScenario('run', scenario, settings.value, io);
    if (typeof result === 'number') return result;
    const names = makeNamer(decodeTrace(result.trace), scenario.names);
    if (switches.has('json')) {
      io.out(JSON.stringify(resultJson(result, names)));
    } else {
      for (const line of result.prints) io.out(line);
      if (result.prints.length) io.out('');
      for (const line of formatSummary(result, scenario.file, scenario.source, names)) io.out(line);
    }
    return runExitCode(result);
  },
};
