/* A schedule as text: what `explore` prints for each outcome, what
   `run --schedule` and share links take. `x2:1*3.2.3*4` reads "explore policy
   on 2 CPUs; at the numbered choices pick thread 1 three times, then 2, then
   3 four times". A bare list (`1.2.2`) replays under the run's own policy. */

export interface ParsedSchedule {
  /** Set when the text names the explore policy and its CPU count. */
  explore: { cpus: number } | null;
  choices: number[];
}

export type ScheduleParse = { ok: true; value: ParsedSchedule } | { ok: false; error: string };

const MAX_CHOICES = 1_000_000;

export function formatSchedule(cpus: number, choices: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < choices.length;) {
    let run = 1;
    while (i + run < choices.length && choices[i + run] === choices[i]) run++;
    parts.push(run > 1 ? `${choices[i]}*${run}` : `${choices[i]}`);
    i += run;
  }
  return `x${cpus}:${parts.join('.')}`;
}

export function parseSchedule(text: string): ScheduleParse {
  const m = /^(?:x([1-8]):)?(.*)$/.exec(text.trim());
  const body = m?.[2] ?? '';
  const choices: number[] = [];
  if (body !== '') {
    for (const part of body.split('.')) {
      const p = /^(\d{1,5})(?:\*(\d{1,7}))?$/.exec(part);
      if (!p) return { ok: false, error: `cannot read '${part}' in the schedule: expected THREAD or THREAD*COUNT, separated by dots` };
      const tid = Number(p[1]), count = p[2] === undefined ? 1 : Number(p[2]);
      if (tid < 1 || tid > 256 || count < 1) return { ok: false, error: `'${part}' in the schedule: thread ids are 1 to 256, counts at least 1` };
      if (choices.length + count > MAX_CHOICES) return { ok: false, error: `the schedule has more than ${MAX_CHOICES} choices` };
      for (let k = 0; k < count; k++) choices.push(tid);
    }
  }
  return { ok: true, value: { explore: m?.[1] ? { cpus: Number(m[1]) } : null, choices } };
}
