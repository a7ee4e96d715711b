/** The binary trace: decoding (browser and Node), JSON lines and Perfetto's Chrome Trace Event JSON. */
export { decodeTrace, TraceFormatError, TRACE_VERSION, type TraceEvent, type DeadlockEntry } from './decode';
export { KINDS, kindCode, kindName, OBJECT_TYPES, OUTCOMES, findingName, tagText, type TraceKind } from './kinds';
export { jsonLines, toJsonLines } from './jsonl';
export { chromeTraceLines, toPerfetto, type ChromeEvent, type ChromeTrace } from './perfetto';
export { checkChromeTrace } from './check-chrome';
