/** `wdkm lessons [--json]`: the course's lessons. */
import { lessonPath, readCourse } from '../course';
import { parseFlags } from '../options';
import { type Command, EXIT_ERROR, EXIT_OK } from './types';

export const lessonsCommand: Command = {
  name: 'lessons',
  summary: 'list the lessons of the course (lessons/)',
  usage: 'wdkm lessons [--json]',
  run(args, io) {
    const flags = parseFlags(args, { values: [], switches: ['json'] });
    if (!flags.ok || flags.value.positional.length) {
      io.err(`wdkm lessons: ${flags.ok ? 'takes no FILE' : flags.error}\nusage: ${this.usage}`);
      return EXIT_ERROR;
    }
    let course;
    try {
      course = readCourse();
    } catch (e) {
      io.err(`wdkm lessons: ${(e as Error).message}`);
      return EXIT_ERROR;
    }
    if (flags.value.switches.has('json')) {
      io.out(JSON.stringify(course.map((l) => ({
        id: l.id, title: l.title, kind: l.kind, goal: l.goal,
        start: lessonPath(l, l.files.start), solution: lessonPath(l, l.files.solution),
      }))));
    } else {
      const w = Math.max(...course.map((l) => l.id.length));
      for (const l of course) io.out(`${l.id.padEnd(w)}  ${l.kind.padEnd(7)}  ${l.title}`);
    }
    return EXIT_OK;
  },
};
