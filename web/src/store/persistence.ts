/* The work in progress in localStorage, versioned and schema-validated.
   v1: source and run settings. v2: adds the replay schedule, the kept draft
   and the theme. Loading validates the stored version, upgrades it one step
   at a time, and falls back to defaults on any failure (keeping the unreadable
   text aside under a second key), never crashing. */
import { z } from 'zod';
import { MAX_SOURCE_CHARS } from '../engine/protocol';
import { machineSettingsSchema, scheduleSchema } from '../settings/schema';
import type { AppState } from './index';

export const STORAGE_KEY = 'wdkm-playground:workspace';
export const CORRUPT_KEY = 'wdkm-playground:workspace:unreadable';

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const settings = machineSettingsSchema;
const source = z.string().max(MAX_SOURCE_CHARS);

const v1Schema = z.object({ version: z.literal(1), source, settings });
const v2Schema = z.object({
  version: z.literal(2),
  source,
  settings,
  schedule: scheduleSchema.nullable(),
  draft: z.object({ source, reason: z.string().max(200) }).nullable(),
  theme: z.enum(['light', 'dark']).nullable(),
});

export type Workspace = z.infer<typeof v2Schema>;
const CURRENT = 2;

const schemas: Record<number, z.ZodTypeAny> = { 1: v1Schema, 2: v2Schema };
const upgrades: Record<number, (w: unknown) => unknown> = {
  1: (w) => ({ ...(w as z.infer<typeof v1Schema>), version: 2, schedule: null, draft: null, theme: null }),
};

export type LoadResult = { kind: 'empty' } | { kind: 'loaded'; workspace: Workspace } | { kind: 'unreadable' };

export function loadWorkspace(storage: StorageLike): LoadResult {
  let raw: string | null;
  try {
    raw = storage.getItem(STORAGE_KEY);
  } catch {
    return { kind: 'empty' };
  }
  if (raw === null) return { kind: 'empty' };
  try {
    let value: unknown = JSON.parse(raw);
    const version = (value as { version?: unknown })?.version;
    if (typeof version !== 'number' || !schemas[version]) throw new Error('unknown version');
    value = schemas[version]!.parse(value);
    for (let v = version; v < CURRENT; v++) value = upgrades[v]!(value);
    return { kind: 'loaded', workspace: v2Schema.parse(value) };
  } catch {
    try {
      storage.setItem(CORRUPT_KEY, raw);
    } catch {
      /* storage full or denied: the unreadable copy cannot be kept */
    }
    return { kind: 'unreadable' };
  }
}

export function workspaceOf(s: AppState): Workspace {
  return { version: CURRENT, source: s.source, settings: s.settings, schedule: s.schedule, draft: s.draft, theme: s.theme };
}

/* Returns false when the browser refused (quota, privacy mode). */
export function saveWorkspace(storage: StorageLike, workspace: Workspace): boolean {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(workspace));
    return true;
  } catch {
    return false;
  }
}
