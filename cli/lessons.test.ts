/* Every lesson of the course: its start fails its goal and its solution
   passes, graded exactly as `wdkm lesson check ID --start|--solution` does. */
import { describe, expect, it } from 'vitest';
import { nodeGradeDeps, readCourse } from './course';
import { exploreDeps } from './explore-deps';
import { runCli } from './memory-io';
import { grade, lessonAttempt } from '../web/src/learn/grade';
import { parseSchedule } from '../web/src/learn/schedule';
import { buildCourse, LessonFormatError } from '../web/src/learn/lesson';

const course = readCourse();
const deps = { ...nodeGradeDeps(), ...exploreDeps() };

describe('the course', () => {
  it('has at least 20 lessons of every kind, each with hints', () => {
    expect(course.length).toBeGreaterThanOrEqual(20);
    const kinds = course.map((l) => l.kind);
    expect(kinds).toContain('break');
    expect(kinds).toContain('predict');
    for (const l of course) expect(l.hints.length, l.id).toBeGreaterThan(0);
  });

  for (const lesson of course) {
    it(`${lesson.id}: the start fails its goal and the solution passes`, async () => {
      const start = await grade(lesson, lessonAttempt(lesson, 'start', parseSchedule), deps);
      expect(start.passed, `${lesson.id} start: ${start.message}`).toBe(false);
      const solution = await grade(lesson, lessonAttempt(lesson, 'solution', parseSchedule), deps);
      expect(solution.passed, `${lesson.id} solution: ${solution.message}`).toBe(true);
    });
  }
});

describe('wdkm lessons and wdkm lesson check', () => {
  it('lists every lesson with the paths of its files', async () => {
    const r = await runCli(['lessons', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as { id: string; kind: string; start: string; solution: string }[];
    expect(list.map((l) => l.id)).toEqual(course.map((l) => l.id));
    expect(list[0]).toMatchObject({ id: 'lost-update', kind: 'break', start: 'lessons/01-lost-update/start.c' });
  });

  it('grades a player file with a schedule, and refuses a schedule-only lesson whose code changed', async () => {
    const disk = (p: string) => (p === 'lost.c' ? course[0]!.sources.start : undefined);
    const broken = await runCli(['lesson', 'check', 'lost-update', 'lost.c', '--schedule', '1*4.2*2.3', '--json'], {}, disk);
    expect(broken.code).toBe(0);
    expect(JSON.parse(broken.out)).toMatchObject({ passed: true });
    const edited = await runCli(['lesson', 'check', 'lost-update', 'x.c', '--json'], { 'x.c': course[0]!.sources.start.replace('Counter = seen + 1;', 'Counter = seen;') });
    expect(edited.code).toBe(1);
    expect(JSON.parse(edited.out).message).toMatch(/schedule alone/);
  });

  it('says what is wrong with the command line', async () => {
    expect((await runCli(['lesson', 'check', 'no-such-lesson', '--start'])).err).toMatch(/no lesson 'no-such-lesson'/);
    expect((await runCli(['lesson', 'check', 'lost-update'])).code).toBe(2);
    expect((await runCli(['lesson', 'check', 'lost-update', 'f.c', '--schedule', '1.x'], { 'f.c': '' })).err).toMatch(/bad schedule/);
  });
});

describe('the lesson format', () => {
  const md = (header: string) => `---\ntitle: T\ngoal: G\n${header}\n---\nText.\n## Hint\nOne.\n`;
  it('reads the header, the text and the hints', () => {
    const [l] = buildCourse({ '07-x/lesson.md': md('kind: break\nexpect: outcome=deadlock print=^a b$'), '07-x/start.c': 's', '07-x/solution.c': 'z' });
    expect(l).toMatchObject({ id: 'x', order: 7, kind: 'break', text: 'Text.', hints: ['One.'] });
    expect(l!.goalSpec.expect.outcome).toBe('deadlock');
    expect(l!.goalSpec.expect.print!.test('a b')).toBe(true);
  });
  it('refuses a malformed lesson with a message naming the file', () => {
    expect(() => buildCourse({ 'x/lesson.md': md('kind: break') })).toThrow(/expected NN-id/);
    expect(() => buildCourse({ '01-x/lesson.md': md('kind: nope') })).toThrow(LessonFormatError);
    expect(() => buildCourse({ '01-x/lesson.md': md('kind: break\nexpect: outcome=deadlock\nedits: none'), '01-x/start.c': '', '01-x/solution.c': '' })).toThrow(/solution.schedule/);
    expect(() => buildCourse({ '01-x/lesson.md': md('kind: predict\nask: outcome\nchoice: a') })).toThrow(/at least two/);
  });
});
