/* How many events one trace can hold, so that an index of an event (a share
   link's moment) can be bounded. The writer stops at 256 MiB and keeps
   64 MiB more for the events that make up the result (TRACE_LIMIT and
   RESULT_RESERVE in core-c/emu/trace.c; ./limits.test.ts reads them there),
   and the smallest record is 8 bytes (docs/trace-format.md: kind, dt, cpu,
   thread, object, a, b, loc, one byte each at least). */
export const MAX_TRACE_BYTES = (256 + 64) * 2 ** 20;
export const MIN_EVENT_BYTES = 8;
/** No run's trace has more events than this. */
export const MAX_TRACE_EVENTS = MAX_TRACE_BYTES / MIN_EVENT_BYTES;
