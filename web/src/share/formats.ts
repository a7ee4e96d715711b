/* Every share-link format there has ever been, each a schema of its own, and
   the chain of upgrades that brings an old link to the current state.
   v1: source and the four run settings.
   v2: adds the recorded schedule and the selected moment (the index of a trace event).
   v3: adds the mode: manual scheduling on or off.
   Frozen links of each version live in ./fixtures.ts and must keep decoding. */
import { z } from 'zod';
import { MAX_SOURCE_CHARS } from '../engine/protocol';
import { budgetSchema, cpusSchema, policySchema, scheduleSchema, seedSchema } from '../settings/schema';
import { MAX_TRACE_EVENTS } from '../trace/limits';

/* The settings' limits are today's (../settings): a link is checked against
   what this playground can run, whatever version made it. */
const settingsFields = { c: cpusSchema, p: policySchema, r: seedSchema, b: budgetSchema };

export const v1Schema = z.object({ s: z.string().max(MAX_SOURCE_CHARS), ...settingsFields }).strict();

export const v2Schema = z
  .object({
    s: z.string().max(MAX_SOURCE_CHARS),
    ...settingsFields,
    k: scheduleSchema.nullable(),
    /* An event's index: bounded by the most events a trace can hold (1e300 is an integer to zod). */
    m: z.number().int().min(0).max(MAX_TRACE_EVENTS - 1).nullable(),
  })
  .strict();

export const v3Schema = v2Schema.extend({ n: z.boolean() }).strict();

export type V1 = z.infer<typeof v1Schema>;
export type V2 = z.infer<typeof v2Schema>;
export type V3 = z.infer<typeof v3Schema>;

export const CURRENT_VERSION = 3;

/* One step per version: upgrade[n] turns a vN payload into vN+1. */
export const upgrades: Record<number, (payload: unknown) => unknown> = {
  1: (payload) => ({ ...(payload as V1), k: null, m: null }),
  2: (payload) => ({ ...(payload as V2), n: false }),
};

export const schemas: Record<number, z.ZodTypeAny> = { 1: v1Schema, 2: v2Schema, 3: v3Schema };
