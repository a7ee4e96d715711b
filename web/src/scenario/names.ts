/**
 * The names the code gives to what the kernel creates, for the views: at each
 * call of a kernel or wdkm routine, the variable passed as the object it
 * initialises (`&First` -> "First") and the routine it starts (`ThreadA`), and
 * the function stored in `DriverObject->DriverUnload`. The trace records the
 * line and column of the call that created each object and thread, so
 * `web/src/trace/names.ts` joins the two.
 */
import type { CheckedProgram, TExpr, TStmt } from './sema/ir';
import { type CType, sizeOf } from './types/ctype';

export interface CallSite {
  line: number;
  col: number;
  callee: string;
  /** The argument naming the object the routine creates or acts on. */
  object?: string;
  /** The function passed as a thread start routine or a DPC routine. */
  routine?: string;
}

/** How a global's bytes divide into fields and elements, so an address in it
    can be named as the code spells it (`Counter.Value`, `Buf[3]`). A kernel
    object, whose insides the code cannot name, is one scalar. */
export type DataShape =
  | { k: 'scalar' }
  | { k: 'array'; len: number; elem: number; of: DataShape }
  | { k: 'struct'; fields: { name: string; offset: number; size: number; shape: DataShape }[] };

/** A global as the data layout placed it: offset in the globals image, size. */
export interface DataSymbol { name: string; offset: number; size: number; shape: DataShape }

export interface SourceNames {
  calls: CallSite[];
  /** The function stored in DriverObject->DriverUnload, if any. */
  unload?: string;
  /** The globals, for naming the memory a data race touches (web/src/explore/memory-names.ts). */
  data?: DataSymbol[];
}

export function shapeOf(t: CType): DataShape {
  if (t.kind === 'array') {
    const elem = sizeOf(t.of) ?? 0;
    return elem > 0 && t.len !== undefined ? { k: 'array', len: t.len, elem, of: shapeOf(t.of) } : { k: 'scalar' };
  }
  /* A union's bytes belong to every member at once: naming one would be a guess. */
  if (t.kind === 'struct' && !t.def.opaque && !t.def.isUnion && t.def.complete) {
    return { k: 'struct', fields: t.def.fields.map((f) => ({ name: f.name, offset: f.offset, size: sizeOf(f.type) ?? 0, shape: shapeOf(f.type) })) };
  }
  return { k: 'scalar' };
}

/** Parameter names of the prelude's routines that designate a kernel object. */
/* The parameter names the headers give a kernel object or a wdkm lock
   (held to the headers' prototypes by names.test.ts). A call names the first
   one it passes: KeSetTimerEx(&Timer, ..., &TickDpc) acts on Timer. */
export const OBJECT_PARAMS = new Set(['Mutex', 'FastMutex', 'GuardedMutex', 'Event', 'Semaphore', 'Timer', 'SpinLock', 'Resource', 'Dpc', 'Lock']);
const ROUTINE_PARAMS = new Set(['StartRoutine', 'DeferredRoutine']);
const MAX_NAME = 32;

/** A short C spelling of an expression that designates something, or undefined. */
export function spell(e: TExpr): string | undefined {
  switch (e.k) {
    case 'global': return e.sym.displayName || e.sym.name;
    case 'local': return e.sym.name;
    case 'func': case 'funcRef': return e.fn.name;
    case 'addr': case 'load': case 'conv': return spell(e.k === 'addr' || e.k === 'load' ? e.lv : e.e);
    case 'member': {
      if (!e.name) return undefined;
      const base = e.base.k === 'deref' && e.arrow ? spell(e.base.ptr) : spell(e.base);
      return base ? `${base}${e.arrow ? '->' : '.'}${e.name}` : e.name;
    }
    case 'deref': {
      if (e.ptr.k === 'ptrAdd') {
        const base = spell(e.ptr.ptr);
        const idx = e.ptr.idx.k === 'const' ? String(e.ptr.idx.value) : e.ptr.idx.k === 'conv' || e.ptr.idx.k === 'load' ? spell(e.ptr.idx) : undefined;
        return base ? `${base}[${idx ?? '…'}]` : undefined;
      }
      const inner = spell(e.ptr);
      return inner ? `*${inner}` : undefined;
    }
    case 'ptrAdd': {
      const base = spell(e.ptr);
      return base && e.idx.k === 'const' && e.idx.value === 0n ? base : undefined;
    }
    default: return undefined;
  }
}

const short = (s: string | undefined) => (s && s.length <= MAX_NAME ? s : s ? `${s.slice(0, MAX_NAME - 1)}…` : undefined);

export function sourceNames(program: CheckedProgram): SourceNames {
  const calls: CallSite[] = [];
  let unload: string | undefined;
  const expr = (e: TExpr | undefined): void => {
    if (!e) return;
    switch (e.k) {
      case 'call': {
        e.args.forEach(expr);
        if (!e.fn.native) return;
        const site: CallSite = { line: e.at.line, col: e.at.col, callee: e.fn.name };
        e.fn.type.params.forEach((p, i) => {
          const arg = e.args[i];
          if (!arg || !p.name) return;
          if (!site.object && OBJECT_PARAMS.has(p.name)) site.object = short(spell(arg));
          if (!site.routine && ROUTINE_PARAMS.has(p.name)) site.routine = short(spell(arg));
        });
        if (site.object || site.routine) calls.push(site);
        return;
      }
      case 'assign':
        if (e.lv.k === 'member' && e.lv.name === 'DriverUnload') unload = spell(e.rhs) ?? unload;
        expr(e.lv); expr(e.rhs); return;
      case 'addr': case 'load': expr(e.lv); return;
      case 'deref': expr(e.ptr); return;
      case 'member': expr(e.base); return;
      case 'conv': case 'neg': case 'bnot': case 'lnot': case 'void': expr(e.e); return;
      case 'bin': case 'ptrDiff': case 'logic': case 'comma': expr(e.l); expr(e.r); return;
      case 'ptrAdd': expr(e.ptr); expr(e.idx); return;
      case 'cond': expr(e.c); expr(e.a); expr(e.b); return;
      case 'compound': expr(e.lv); expr(e.rhs); return;
      case 'incdec': expr(e.lv); return;
      case 'assert': expr(e.cond); return;
      default: return;
    }
  };
  const stmt = (s: TStmt | undefined): void => {
    if (!s) return;
    switch (s.k) {
      case 'expr': expr(s.e); return;
      case 'block': s.items.forEach(stmt); return;
      case 'init': s.stores.forEach((x) => expr(x.e)); return;
      case 'if': expr(s.c); stmt(s.then); stmt(s.else); return;
      case 'while': case 'do': expr(s.c); stmt(s.body); return;
      case 'for': s.init.forEach(stmt); expr(s.c); expr(s.step); stmt(s.body); return;
      case 'switch': expr(s.value); stmt(s.body); return;
      case 'case': case 'default': stmt(s.body); return;
      case 'return': expr(s.value); return;
      default: return;
    }
  };
  for (const fn of program.functions) fn.def?.body.forEach(stmt);
  calls.sort((a, b) => a.line - b.line || a.col - b.col);
  const data = program.globals.map((g) => ({ name: g.displayName || g.name, offset: g.offset, size: sizeOf(g.type) ?? 0, shape: shapeOf(g.type) }));
  return { calls, unload, data };
}
