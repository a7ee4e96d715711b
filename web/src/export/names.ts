// Names and labels as they enter an exported driver project.
//
// The driver name becomes a file name (src/<name>.c, <name>.sys, <name>.inf),
// a service name (sc create <name>), a Makefile variable and an MSBuild
// project name, so it is held to the one spelling all of those accept: a C
// identifier of ASCII letters, digits and underscores. The label is free text
// for people (the service's display name, the README title); it is reduced to
// printable ASCII because the INF is written as ASCII, and escaped separately
// for each file it reaches (see escape.ts).

export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

/** Longest driver name we emit: short enough for every tool in the chain. */
export const MAX_NAME_LENGTH = 32;
/** Longest label we emit (the service display name). */
export const MAX_LABEL_LENGTH = 80;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Windows refuses these as file names whatever the extension (CON.sys is the
// console device, not a file), so they can never be driver names.
const DEVICE_NAMES = new Set([
  'con', 'prn', 'aux', 'nul',
  ...Array.from({ length: 9 }, (_, i) => `com${i + 1}`),
  ...Array.from({ length: 9 }, (_, i) => `lpt${i + 1}`),
]);

/**
 * Turns what the user typed into a driver name: every character outside
 * [A-Za-z0-9_] becomes '_', runs of '_' collapse, leading and trailing '_' go,
 * a leading digit gets a "drv_" prefix, and the result is cut to
 * MAX_NAME_LENGTH. Throws ExportError when nothing usable is left or the name
 * is one Windows reserves. `taken` lists stems (lower case) the project
 * already uses for other sources: Visual Studio puts every object file in one
 * folder, so src/kmutex.c and src/wdkm/kmutex.c would overwrite each other.
 */
export function toDriverName(raw: string, taken: ReadonlySet<string> = new Set()): string {
  let name = raw
    .replace(/[^A-Za-z0-9_]/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (/^[0-9]/.test(name)) name = `drv_${name}`;
  name = name.slice(0, MAX_NAME_LENGTH).replace(/_+$/, '');
  if (name.length === 0 || !IDENTIFIER.test(name)) {
    throw new ExportError(`"${raw}" gives no usable driver name: use letters, digits and underscores`);
  }
  const lower = name.toLowerCase();
  if (DEVICE_NAMES.has(lower)) {
    throw new ExportError(`"${name}" is a device name Windows reserves; choose another driver name`);
  }
  if (taken.has(lower)) {
    throw new ExportError(`"${name}" is also the name of a source file of the project; choose another driver name`);
  }
  return name;
}

/**
 * A label for people: control characters and anything outside printable
 * ASCII become a space, whitespace collapses, and the result is cut to
 * MAX_LABEL_LENGTH. An empty label falls back to the driver name.
 */
export function toLabel(raw: string | undefined, fallback: string): string {
  const label = (raw ?? '')
    .replace(/[^\x20-\x7E]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_LABEL_LENGTH)
    .trim();
  return label.length > 0 ? label : fallback;
}

/** The stem of a source file name, lower case: "wdkm/KMutex.c" -> "kmutex". */
export function stemOf(fileName: string): string {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).toLowerCase();
}
