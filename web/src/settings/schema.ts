/* The run settings as zod schemas, from the same limits as ./index.ts: the
   worker's protocol, share links and the saved workspace parse with these. */
import { z } from 'zod';
import { LIMITS, POLICIES, type Policy } from './index';

const whole = (range: { min: number; max: number }) => z.number().int().min(range.min).max(range.max);

export const policySchema = z.enum(POLICIES as [Policy, ...Policy[]]);
export const cpusSchema = whole(LIMITS.cpus);
export const seedSchema = whole(LIMITS.seed);
export const budgetSchema = whole(LIMITS.budget);
export const scheduleSchema = z.array(whole({ min: 0, max: LIMITS.threadId })).max(LIMITS.scheduleLength);

export const machineSettingsSchema = z.object({ cpus: cpusSchema, policy: policySchema, seed: seedSchema, budget: budgetSchema });
export const runSettingsSchema = machineSettingsSchema.extend({ schedule: scheduleSchema.optional() });
