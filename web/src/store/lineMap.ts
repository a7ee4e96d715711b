/* Where a line of the source a run was made from is in today's source: the
   lines both share, by a line diff (common head and tail, then the longest
   common subsequence of what is between). A line that was changed or removed
   has no place (null), so a stale result's line link never points at a line
   that moved or is something else now. */
export type LineMap = (line: number) => number | null;

const MAX_CELLS = 4_000_000; /* the middle's LCS table; beyond it only head and tail are matched */

export function lineMap(before: string, after: string): LineMap {
  if (before === after) return (line) => line;
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  const middle = new Map<number, number>(); /* 0-based old -> new, inside the middle */
  if (n > 0 && m > 0 && n * m <= MAX_CELLS) {
    /* lcs[i][j]: the LCS of a[head+i..] and b[head+j..], in one flat array */
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = a[head + i] === b[head + j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[head + i] === b[head + j]) middle.set(head + i++, head + j++);
      else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) i++;
      else j++;
    }
  }
  return (line) => {
    const k = line - 1;
    if (k < 0 || k >= a.length) return null;
    if (k < head) return line;
    if (k >= a.length - tail) return k - (a.length - b.length) + 1;
    const to = middle.get(k);
    return to === undefined ? null : to + 1;
  };
}
