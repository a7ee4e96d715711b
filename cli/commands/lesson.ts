/** `wdkm lesson check ID FILE [--schedule S] [--json]`, or `--start` / `--solution`: grades an attempt at a lesson. */
import { nodeGradeDeps, readCourse } from '../course';
import { parseFlags } from '../options';
import { grade, lessonAttempt, withSchedule, type Attempt } from '../../web/src/learn/grade';
import { parseSchedule } from '../../web/src/learn/schedule';
import { exploreDeps } from '../explore-deps';
import { type Command, EXIT_ERROR, EXIT_FAIL, EXIT_OK } from './types';

export const lessonCommand: Command = {
  name: 'lesson',
  summary: "grade an attempt at a lesson (or the lesson's own start or solution)",
  usage: 'wdkm lesson check ID (FILE [--schedule S] | --start | --solution) [--json]',
  async run(args, io) {
    const usage = `usage: ${this.usage}`;
    const flags = parseFlags(args, { values: ['schedule'], switches: ['json', 'start', 'solution'] });
    if (!flags.ok) { io.err(`wdkm lesson: ${flags.error}\n${usage}`); return EXIT_ERROR; }
    const { positional, values, switches } = flags.value;
    const [verb, id, file, ...extra] = positional;
    if (verb !== 'check' || !id || extra.length) { io.err(`wdkm lesson: expected 'check ID FILE'\n${usage}`); return EXIT_ERROR; }
    const own = ['start', 'solution'].filter((s) => switches.has(s)) as ('start' | 'solution')[];
    if (own.length > 1 || (own.length === 1) === (file !== undefined)) {
      io.err(`wdkm lesson check: give either a FILE or one of --start, --solution\n${usage}`);
      return EXIT_ERROR;
    }
    if (own.length && values.has('schedule')) { io.err(`wdkm lesson check: --schedule goes with a FILE\n${usage}`); return EXIT_ERROR; }

    let course;
    try {
      course = readCourse();
    } catch (e) {
      io.err(`wdkm lesson: ${(e as Error).message}`);
      return EXIT_ERROR;
    }
    const lesson = course.find((l) => l.id === id);
    if (!lesson) { io.err(`wdkm lesson check: no lesson '${id}' (wdkm lessons lists them)`); return EXIT_ERROR; }

    let attempt: Attempt;
    if (own.length) {
      attempt = lessonAttempt(lesson, own[0]!, parseSchedule);
    } else {
      const text = io.readFile(file!);
      if (text === undefined) { io.err(`wdkm lesson check: cannot read '${file}': no such file`); return EXIT_ERROR; }
      attempt = { text };
      const s = values.get('schedule');
      if (s !== undefined) {
        const parsed = parseSchedule(s);
        if (typeof parsed === 'string') { io.err(`wdkm lesson check: ${parsed}`); return EXIT_ERROR; }
        attempt = withSchedule(attempt, parsed);
      }
    }
    const result = await grade(lesson, attempt, { ...nodeGradeDeps(), ...exploreDeps() });
    if (switches.has('json')) {
      io.out(JSON.stringify(result));
    } else {
      io.out(`${result.passed ? 'passed' : 'not passed'}: ${result.message}`);
      if (result.witness) io.out(`witness schedule: ${result.witness.schedule}\n  (replay it: wdkm run ${file ?? 'FILE'} --schedule ${result.witness.schedule})`);
    }
    return result.passed ? EXIT_OK : EXIT_FAIL;
  },
};
