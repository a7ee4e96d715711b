/* How threads, objects and pool tags are named on screen, matching the
   engine's own reports ("KMUTEX #2", "Thread 3"). */
import { OBJECT_TYPES } from './types';

export const threadName = (id: number): string => (id === 0 ? 'no thread' : `Thread ${id}`);

export const objectTypeName = (type: number): string => OBJECT_TYPES[type] ?? 'object';

export const objectName = (type: number, id: number): string => `${objectTypeName(type)} #${id}`;

/* A pool tag as stored: its first character in the low byte ('Fred' stored reads "derF"
   as a number in hex, and shows as "Fred"). */
export function tagName(tag: number): string {
  let text = '';
  for (let i = 0; i < 4; i++) {
    const c = Math.floor(tag / 2 ** (8 * i)) & 0xff;
    text += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '?';
  }
  return text;
}

export const IRQL_NAMES: Record<number, string> = { 0: 'PASSIVE_LEVEL', 1: 'APC_LEVEL', 2: 'DISPATCH_LEVEL' };
export const irqlName = (irql: number): string => IRQL_NAMES[irql] ?? `DIRQL ${irql}`;
