/* The examples gallery's data: every examples/*.c file, described by its
   leading comment `/* @title ... @group ... @description ... *\/`. Those
   header comments (and the `@expect`/`@explore` ones the CLI tests read from
   the files) stay beside the example: the editor and the export get the
   driver without them (./headers.ts). */
import { stripHeaders } from './headers';

export { stripHeaders };

export interface Example {
  id: string;
  title: string;
  group: string;
  description: string;
  /** The driver as the editor opens it: the file without its header comments. */
  source: string;
}


const TAG = /@(title|group|description)\s+([^@]*)/g;

export function parseExample(path: string, source: string): Example {
  const id = path.replace(/^.*\//, '').replace(/\.c$/, '');
  const header = /^\s*\/\*([\s\S]*?)\*\//.exec(source)?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const match of header.matchAll(TAG)) {
    fields[match[1]!] = match[2]!.replace(/^\s*\*\s?/gm, ' ').replace(/\s+/g, ' ').trim();
  }
  return {
    id,
    title: fields.title || id,
    group: fields.group || 'Other',
    description: fields.description || '',
    source: stripHeaders(source),
  };
}

/**
 * The gallery is read as a path: the crate's mutexes and a driver's life first,
 * then what goes wrong (races, deadlocks, leaks, bug checks, a spent budget),
 * then the kernel beyond the crate. A group not listed here comes last but one
 * (examples/catalogue.test.ts insists every bundled group is listed).
 */
export const GROUP_PATH: readonly string[] = [
  'wdk-mutex crate', 'driver lifecycle', 'IRQL',
  'races', 'deadlocks', 'pool', 'bug checks', 'budget',
  'events', 'beyond the crate',
];

function groupRank(group: string): number {
  const i = GROUP_PATH.findIndex((g) => g.toLowerCase() === group.toLowerCase());
  return i >= 0 ? i : GROUP_PATH.length - 1.5;
}

export function buildCatalogue(files: Record<string, string>): Example[] {
  return Object.entries(files)
    .map(([path, source]) => parseExample(path, source))
    .sort((a, b) => groupRank(a.group) - groupRank(b.group) || a.group.localeCompare(b.group) || a.title.localeCompare(b.title));
}

export interface ExampleGroup {
  group: string;
  examples: Example[];
}

/* Case-insensitive match on every word of the query against title, group and description. */
export function searchExamples(examples: Example[], query: string): ExampleGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<string, Example[]>();
  for (const ex of examples) {
    const haystack = `${ex.title} ${ex.group} ${ex.description} ${ex.id}`.toLowerCase();
    if (!words.every((w) => haystack.includes(w))) continue;
    const list = groups.get(ex.group) ?? [];
    list.push(ex);
    groups.set(ex.group, list);
  }
  return [...groups].map(([group, list]) => ({ group, examples: list }));
}
