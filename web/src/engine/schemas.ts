/* zod schemas for everything that crosses the worker boundary. Every message
   from the worker is parsed with these before it reaches the store; the worker
   parses what it receives the same way. */
import { z } from 'zod';

import { ENTRY_ROLES } from '../scenario/entry-points';
import { OUTCOME_NAMES } from '../trace/kinds';
import { preparedProblem, type DecodedTrace } from '../trace/prepared';

export { runSettingsSchema } from '../settings/schema';

export const diagnosticSchema = z.object({
  severity: z.enum(['error', 'warning', 'note']),
  message: z.string(),
  file: z.string(),
  line: z.number().int().min(0),
  col: z.number().int().min(0),
  endLine: z.number().int().min(0),
  endCol: z.number().int().min(0),
});

const line = z.number().int().min(0);

/* An entry point of the checked program, for the export's Code Tour. Only an
   identifier: the tour inserts the name into Markdown as it is. */
export const entryPointSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).max(1000),
  role: z.enum(ENTRY_ROLES),
});

export const traceBytesSchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'trace must be a Uint8Array');

/* What the code calls its objects and threads (web/src/scenario/names.ts). */
export const codeNamesSchema = z.object({
  calls: z.array(z.object({ line, col: line, callee: z.string().optional(), object: z.string().optional(), routine: z.string().optional() })).max(100_000),
  unload: z.string().optional(),
});

export const runResultSchema = z.object({
  outcome: z.enum(OUTCOME_NAMES),
  status: z.string().nullable(),
  prints: z.array(z.string()),
  bugcheck: z
    .object({ code: z.string(), name: z.string(), params: z.array(z.string()), line })
    .nullable(),
  deadlock: z
    .object({
      threads: z.array(
        z.object({ thread: z.string(), waitingOn: z.string().nullable(), ownedBy: z.string().nullable(), line, inCycle: z.boolean() }),
      ),
    })
    .nullable(),
  assertion: z.object({ line, expression: z.string() }).nullable(),
  leaks: z.array(z.object({ tag: z.string(), bytes: z.number().int().min(0), line })),
  findings: z.array(
    z.object({ code: z.string(), name: z.string(), message: z.string(), lines: z.array(line) }),
  ),
  steps: z.number().int().min(0),
  timeNs: z.number().min(0),
  choices: z.array(z.number().int().min(0)),
  replay: z.object({ divergedAt: z.number().int().min(0) }).nullable(),
  truncated: z.boolean(),
  trace: traceBytesSchema,
});

/* The trace as the worker prepared it for the views (../trace/prepared.ts). */
export const decodedTraceSchema = z.any().superRefine((value, ctx) => {
  const problem = preparedProblem(value);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `decoded trace: ${problem}` });
}) as unknown as z.ZodType<DecodedTrace>;
