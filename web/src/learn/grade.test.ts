/* The grader's decisions on given runs and explorations (the real ones are
   graded lesson by lesson in cli/lessons.test.ts). */
import { describe, expect, it } from 'vitest';
import { grade, type ExploredOutcome, type ExploreReport, type GradeDeps } from './grade';
import { buildCourse } from './lesson';

const md = (header: string) => `---\ntitle: T\ngoal: Make it right.\n${header}\n---\nText.\n## Hint\nOne.\n`;
const fix = buildCourse({
  '01-f/lesson.md': md('kind: fix\nmust-print: total = 2\nkeep: ASSERT(total == 2);\nforbid: KeBugCheck'),
  '01-f/start.c': 'start', '01-f/solution.c': 'solution',
})[0]!;

const clean: ExploredOutcome = { outcome: 'completed', status: '0x00000000', prints: ['total = 2'], bugcheck: null, deadlock: null, assertion: null, leaks: [], count: 3, schedule: 'x2:1*3' };
function exploring(report: Partial<ExploreReport>): GradeDeps {
  const full: ExploreReport = { complete: true, schedules: 3, outcomes: [clean], races: [], ...report };
  return { run: async () => ({ ok: false, message: 'no runs here' }), explore: async () => ({ ok: true, value: full }) };
}
const attempt = { text: 'ASSERT(total == 2);' };

describe('fix-it grading', () => {
  it('passes a complete exploration whose every outcome is clean and prints what is required', async () => {
    expect(await grade(fix, attempt, exploring({}))).toMatchObject({ passed: true });
  });
  it('fails with the witness of a failing outcome', async () => {
    const bad = { ...clean, outcome: 'deadlock', status: null, prints: [], deadlock: { threads: [{ thread: 'thread 2', waitingOn: 'KMUTEX #3', ownedBy: 'thread 3', line: 12, inCycle: true }] }, count: 1, schedule: 'x2:1*5.2*4' };
    const g = await grade(fix, attempt, exploring({ outcomes: [clean, bad], schedules: 4 }));
    expect(g.passed).toBe(false);
    expect(g.message).toMatch(/1 of 4 schedules.*deadlock/);
    expect(g.witness).toEqual({ schedule: 'x2:1*5.2*4', outcome: 'deadlock', summary: expect.stringContaining('line 12') });
  });
  it('fails a clean-looking run that lacks the required line, a data race, an incomplete exploration, a leak', async () => {
    expect((await grade(fix, attempt, exploring({ outcomes: [{ ...clean, prints: ['total = 1'] }] }))).passed).toBe(false);
    expect((await grade(fix, attempt, exploring({ races: [{ lines: [18, 19], message: 'data race: the write at line 18 and the read at line 19 touch the same 4 bytes (0xFFFFF80110000000) from different threads, and nothing orders them', address: '0xFFFFF80110000000', bytes: 4, kinds: ['write', 'read'], variable: 'Counter' }] }))).message)
      .toMatch(/data race remains between lines 18 and 19: data race: the write to Counter at line 18 and the read of Counter at line 19 touch the same 4 bytes \(0xFFFFF80110000000\) from different threads/);
    expect((await grade(fix, attempt, exploring({ complete: false }))).message).toMatch(/could not cover every schedule/);
    expect((await grade(fix, attempt, exploring({ outcomes: [{ ...clean, leaks: [{ tag: 'WdKm', bytes: 84, line: 3 }] }] }))).witness?.outcome).toBe('completed');
  });
  it('holds the attempt to the stated limits before exploring', async () => {
    expect((await grade(fix, { text: 'no assert' }, exploring({}))).message).toMatch(/must still contain `ASSERT\(total == 2\);`/);
    expect((await grade(fix, { text: 'ASSERT(total == 2); KeBugCheckEx(1,0,0,0,0);' }, exploring({}))).message).toMatch(/does not allow `KeBugCheck`/);
    /* a forbidden name in a comment is not code */
    expect((await grade(fix, { text: 'ASSERT(total == 2); /* no KeBugCheck here */' }, exploring({}))).passed).toBe(true);
  });
  it('says when no explorer is available', async () => {
    expect((await grade(fix, attempt, { run: async () => ({ ok: false, message: '' }) })).message).toMatch(/no explorer/);
  });
});
