/* A schedule as text: the thread id picked at each choice, comma-separated
   ("1,1,2,3"), as `--schedule` takes it and a witness gives it. */
export function formatSchedule(schedule: readonly number[]): string {
  return schedule.join(',');
}

export function parseSchedule(text: string): number[] | string {
  const t = text.trim();
  if (t === '') return [];
  const parts = t.split(/\s*,\s*/);
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,5}$/.test(p) || Number(p) < 1 || Number(p) > 65535) return `bad schedule '${text}': expected thread ids separated by commas, such as 1,1,2`;
    out.push(Number(p));
  }
  return out;
}
