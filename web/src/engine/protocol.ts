/* The typed protocol between the app and the engine worker. Messages are
   `{ type, id }`; every reply echoes the id of its request. A run also carries
   the app's run id so output of a stale run can be dropped. Errors come back
   as data (`type: 'error'`), never as an exception across the boundary. */
import { z } from 'zod';
import { MAX_SOURCE_CHARS } from '../settings';
import { codeNamesSchema, decodedTraceSchema, diagnosticSchema, entryPointSchema, runResultSchema, runSettingsSchema, traceBytesSchema } from './schemas';

export { MAX_SOURCE_CHARS };
/* The name the scenario has in diagnostics; other names are the headers. */
export const SCENARIO_FILE = 'scenario.c';
const source = z.string().max(MAX_SOURCE_CHARS);
const id = z.number().int().min(0);

export const requestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('check'), id, source }),
  /* wasm: the core compiled by the app at boot (./core-wasm.ts), so the worker need not fetch and compile it */
  z.object({ type: z.literal('run'), id, runId: id, source, settings: runSettingsSchema, wasm: z.instanceof(WebAssembly.Module).optional() }),
  /* a trace made elsewhere (the timeline benchmark's), prepared for the views as a run's is */
  z.object({ type: z.literal('trace'), id, trace: traceBytesSchema }),
]);

export const errorStageSchema = z.enum(['request', 'frontend', 'core', 'internal']);

export const replySchema = z.discriminatedUnion('type', [
  /* entryPoints: present when the scenario has no error (the export names them). */
  z.object({ type: z.literal('diagnostics'), id, diagnostics: z.array(diagnosticSchema), entryPoints: z.array(entryPointSchema).max(100_000).optional() }),
  z.object({
    type: z.literal('compileFailed'),
    id,
    runId: id,
    diagnostics: z.array(diagnosticSchema),
  }),
  z.object({
    type: z.literal('result'),
    id,
    runId: id,
    result: runResultSchema,
    diagnostics: z.array(diagnosticSchema),
    names: codeNamesSchema.optional(),
    decoded: decodedTraceSchema,
  }),
  z.object({ type: z.literal('trace'), id, decoded: decodedTraceSchema }),
  z.object({
    type: z.literal('error'),
    id,
    runId: id.optional(),
    stage: errorStageSchema,
    message: z.string(),
  }),
]);

export type Request = z.infer<typeof requestSchema>;
export type Reply = z.infer<typeof replySchema>;
export type ErrorStage = z.infer<typeof errorStageSchema>;
export type CheckRequest = Extract<Request, { type: 'check' }>;
export type RunRequest = Extract<Request, { type: 'run' }>;

/* Parses a message from the worker. A message that fails validation is a
   worker fault: the caller restarts the worker. */
export function parseReply(data: unknown): { ok: true; reply: Reply } | { ok: false; error: string } {
  const parsed = replySchema.safeParse(data);
  if (parsed.success) return { ok: true, reply: parsed.data };
  const first = parsed.error.issues[0];
  const where = first?.path.join('.') || 'message';
  return { ok: false, error: `${where}: ${first?.message ?? 'invalid'}` };
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return typeof err === 'string' ? err : 'unknown error';
}
