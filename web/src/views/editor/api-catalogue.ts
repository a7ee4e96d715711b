/* The API catalogue behind completion and hover: the surface the headers
   declare, with the notes of web/src/scenario/api/routines.ts. */
import { API, CONSTANT_NAMES, TYPE_NAMES, type ApiEntry } from '../../scenario/api/surface';

export { API, CONSTANT_NAMES, TYPE_NAMES };
export type { ApiEntry };

const byName = new Map(API.map((e) => [e.name, e]));

export function lookupApi(name: string): ApiEntry | undefined {
  return byName.get(name);
}

/* Markdown for a hover or a completion's documentation. */
export function describeApi(entry: ApiEntry): string {
  return [
    '```wdkm-c',
    entry.signature,
    '```',
    `**IRQL:** ${entry.irql} · *${entry.header}*`,
    '',
    entry.doc,
  ].join('\n');
}
