/* How threads, objects and pool tags are named on screen, matching the
   engine's own reports ("KMUTEX #2", "Thread 3"). */
import { OBJECT_TYPES, tagText } from './kinds';

export const threadName = (id: number): string => (id === 0 ? 'no thread' : `Thread ${id}`);

export const objectTypeName = (type: number): string => OBJECT_TYPES[type] ?? 'object';

export const objectName = (type: number, id: number): string => `${objectTypeName(type)} #${id}`;

/* A pool tag as a debugger shows it ('WdKm'), without padding. */
export const tagName = (tag: number): string => tagText(tag).trimEnd();

export const IRQL_NAMES: Record<number, string> = { 0: 'PASSIVE_LEVEL', 1: 'APC_LEVEL', 2: 'DISPATCH_LEVEL' };
export const irqlName = (irql: number): string => IRQL_NAMES[irql] ?? `DIRQL ${irql}`;
