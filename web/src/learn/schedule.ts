/* Schedules in the explorer's notation (web/src/explore/schedule.ts):
   `1*5.2*2.3*2` replays under the lesson's own policy (manual picks, a
   break-it solution), `x2:1*5.2*4` under the explore policy on 2 CPUs (a
   fix-it witness). */
import { formatSchedule, parseSchedule as parseText } from '../explore/schedule';

export interface LessonSchedule {
  choices: number[];
  /** Set for an explorer's schedule: replay it under the explore policy on this many CPUs. */
  exploreCpus: number | null;
}

export function parseSchedule(text: string): LessonSchedule | string {
  const r = parseText(text);
  if (!r.ok) return `bad schedule '${text}': ${r.error}`;
  return { choices: r.value.choices, exploreCpus: r.value.explore?.cpus ?? null };
}

/** Manual picks as text, as a bare list (`1*5.2*2`): they replay under the run's own policy. */
export function formatPicks(choices: readonly number[]): string {
  return formatSchedule(1, choices).replace(/^x\d+:/, '');
}
