/**
 * A driver's entry points from its checked program, for the export's Code
 * Tour: DriverEntry, the routine stored in `DriverObject->DriverUnload`, the
 * start routines handed to PsCreateSystemThread and the deferred routines
 * handed to KeInitializeDpc. From the checked program, so code under `#if 0`
 * or in comments is not read, and in one walk of it (linear in its size).
 * The export's Code Tour names exactly these (web/src/export/tour.ts); the
 * app's checker worker sends them with its diagnostics.
 */
import type { CheckedProgram, FuncSym, TExpr } from './sema/ir';

export const ENTRY_ROLES = ['DriverEntry', 'DriverUnload', 'SystemThread', 'Dpc'] as const;
export type EntryRole = (typeof ENTRY_ROLES)[number];
export interface EntryPoint { name: string; role: EntryRole }

/** The defined function an argument names, through casts and `&`. */
function routineOf(e: TExpr | undefined): FuncSym | undefined {
  while (e && (e.k === 'conv' || e.k === 'addr' || e.k === 'load')) e = e.k === 'conv' ? e.e : e.lv;
  if (!e) return undefined;
  const fn = e.k === 'funcRef' || e.k === 'func' ? e.fn : undefined;
  return fn?.def ? fn : undefined;
}

export function entryPoints(program: CheckedProgram): EntryPoint[] {
  const byRole: Record<Exclude<EntryRole, 'DriverEntry'>, FuncSym[]> = { DriverUnload: [], SystemThread: [], Dpc: [] };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) { for (const x of node) visit(x); return; }
    if (node === null || typeof node !== 'object') return;
    const n = node as Record<string, unknown> & TExpr;
    if (n.k === 'call') {
      const routine = n.fn.name === 'PsCreateSystemThread' ? routineOf(n.args[5]) : n.fn.name === 'KeInitializeDpc' ? routineOf(n.args[1]) : undefined;
      if (routine) byRole[n.fn.name === 'PsCreateSystemThread' ? 'SystemThread' : 'Dpc'].push(routine);
    }
    if (n.k === 'assign' && n.lv.k === 'member' && n.lv.name === 'DriverUnload') {
      const routine = routineOf(n.rhs);
      if (routine) byRole.DriverUnload.push(routine);
    }
    // Children only: types, symbols and callees are not part of this function's code.
    for (const [key, value] of Object.entries(n)) {
      if (key !== 'type' && key !== 'sym' && key !== 'fn' && key !== 'at' && key !== 'opType') visit(value);
    }
  };
  for (const f of program.functions) if (f.def) visit(f.def.body);
  const out: EntryPoint[] = [{ name: 'DriverEntry', role: 'DriverEntry' }];
  const seen = new Set(['DriverEntry']);
  for (const role of ['DriverUnload', 'SystemThread', 'Dpc'] as const) {
    for (const f of byRole[role]) if (!seen.has(f.name)) { seen.add(f.name); out.push({ name: f.name, role }); }
  }
  return out;
}
