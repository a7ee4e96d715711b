/**
 * File-scope declarations and function definitions, and the checks on the
 * whole program: DriverEntry with the WDK's signature, every called or
 * referenced function defined, scenario functions in the subset (no
 * variadic functions, no structs by value).
 */
import type { SourceRange } from '../diagnostics';
import type { Declaration, FunctionDef, Initializer, TranslationUnit } from '../parse/ast';
import { type CType, isComplete, withAlias } from '../types/ctype';
import { compatible } from '../types/conv';
import { quoteType } from '../types/print';
import { Checker } from './checker';
import type { DiagnosticBag } from '../diagnostics';
import { flattenInit, staticInit } from './init';
import type { CheckedProgram, FuncSym, GlobalSym } from './ir';
import { checkStmt } from './stmt';
import { declaratorType, refuseUserType, resolveSpec } from './typeres';

export { refuseUserType };

export function checkProgram(tu: TranslationUnit, diags: DiagnosticBag, file: string): CheckedProgram {
  const c = new Checker(diags, file);
  for (const d of tu.decls) {
    if (diags.full) break;
    if (d.kind === 'function') checkFunction(c, d);
    else checkFileDecl(c, d);
  }
  const driverEntry = checkDriverEntry(c, file);
  for (const fn of c.functions) {
    if (!fn.native && !fn.def && fn.used) c.error(`'${fn.name}' is used but never defined (undefined reference when the driver links)`, fn.used);
  }
  return { functions: c.functions, globals: c.globals, ro: c.ro, driverEntry };
}

function checkFileDecl(c: Checker, d: Declaration): void {
  const base = resolveSpec(c, d.spec);
  const prelude = c.isPrelude(d.at);
  for (const { declarator, init } of d.declarators) {
    const name = declarator.name!;
    const t = declaratorType(c, base, declarator, 'var');
    if (d.spec.storage === 'typedef') {
      refuseUserType(c, t, declarator.at, 'typedef');
      const old = c.lookupCurrent(name);
      if (old && !(old.kind === 'typedef' && compatible(old.type, t))) c.error(`conflicting types for '${name}'`, declarator.nameAt);
      c.declare({ kind: 'typedef', name, type: withAlias(t, name), at: declarator.nameAt });
    } else if (t.kind === 'func') {
      declareFunction(c, name, t, declarator.nameAt, !!d.spec.noreturn);
    } else if (d.spec.storage === 'extern' && prelude) {
      c.declare({ kind: 'importData', name, type: t, at: declarator.nameAt });
    } else if (d.spec.storage === 'extern') {
      c.error(`'extern' declarations are outside the scenario subset (a scenario is one file)`, d.spec.at);
    } else {
      refuseUserType(c, t, declarator.at, 'variable');
      if (c.lookupCurrent(name)) { c.error(`redefinition of '${name}'`, declarator.nameAt); continue; }
      declareGlobal(c, name, t, init, declarator.nameAt, name);
    }
  }
}

/** A global or a static local: static storage, a constant initial image. */
export function declareGlobal(c: Checker, name: string, t: CType, init: Initializer | undefined, at: SourceRange, displayName: string): GlobalSym | undefined {
  let type = t;
  const flat = init ? flattenInit(c, t, init, name) : undefined;
  if (type.kind === 'array' && type.len === undefined && flat?.arrayLength) type = { ...type, len: flat.arrayLength };
  if (!isComplete(type)) { c.error(`storage size of '${name}' isn't known (${quoteType(type)})`, at); return undefined; }
  const sym: GlobalSym = { kind: 'global', name, type, at, offset: 0, init: flat ? staticInit(c, flat) : [], displayName };
  c.globals.push(sym);
  c.declare(sym);
  return sym;
}

function declareFunction(c: Checker, name: string, t: CType & { kind: 'func' }, at: SourceRange, noreturn: boolean): FuncSym | undefined {
  const prelude = c.isPrelude(at);
  const old = c.lookup(name);
  if (old) {
    if (old.kind !== 'func') { c.error(`'${name}' redeclared as a different kind of symbol`, at); return undefined; }
    if (old.native && !prelude) { c.error(`'${name}' is part of the WDK/wdkm API and cannot be redeclared or defined by a scenario`, at); return undefined; }
    if (!compatible(old.type, t, true)) { c.error(`conflicting types for '${name}': ${quoteType(t)} but it was declared as ${quoteType(old.type)}`, at); return undefined; }
    return old;
  }
  if (!prelude) checkUserSignature(c, name, t, at);
  const fn: FuncSym = { kind: 'func', name, type: { ...t, noreturn }, at, native: prelude };
  c.functions.push(fn);
  c.declare(fn);
  return fn;
}

function checkUserSignature(c: Checker, name: string, t: CType & { kind: 'func' }, at: SourceRange): void {
  if (t.variadic) c.error(`variadic functions are outside the scenario subset ('${name}')`, at);
  if (t.ret.kind === 'struct') c.error(`returning a struct by value is outside the scenario subset ('${name}'); return it through a pointer`, at);
  refuseUserType(c, t.ret, at, 'return value');
  for (const p of t.params) {
    if (p.type.kind === 'struct') c.error(`passing a struct by value is outside the scenario subset (parameter '${p.name ?? '?'}' of '${name}'); pass a pointer`, at);
    refuseUserType(c, p.type, at, 'parameter');
  }
}

function checkFunction(c: Checker, d: FunctionDef): void {
  const name = d.declarator.name!;
  const t = declaratorType(c, resolveSpec(c, d.spec), d.declarator, 'function');
  if (t.kind !== 'func') { c.error(`'${name}' is defined like a function but is not one`, d.declarator.nameAt); return; }
  const fn = declareFunction(c, name, t, d.declarator.nameAt, d.spec.noreturn);
  if (!fn) return;
  if (fn.def) { c.error(`redefinition of '${name}'`, d.declarator.nameAt); return; }
  if (t.ret.kind !== 'void' && !isComplete(t.ret)) c.error(`return type is an incomplete type ${quoteType(t.ret)}`, d.declarator.nameAt);
  fn.type = { ...t, noreturn: fn.type.noreturn || d.spec.noreturn };
  c.fn = { sym: fn, frameTop: 0, frameMax: 0, loops: 0, switches: [], breakables: [] };
  c.pushScope();
  const fnDeriv = d.declarator.chain[d.declarator.chain.length - 1];
  const params = t.params.map((p, i) => {
    const pAt = fnDeriv.kind === 'func' ? fnDeriv.params[i]?.at ?? d.declarator.nameAt : d.declarator.nameAt;
    if (!p.name) c.error(`parameter name omitted (parameter ${i + 1} of '${name}')`, pAt);
    const sym = c.allocLocal(p.name ?? `<param${i + 1}>`, p.type, pAt);
    if (p.name) {
      if (c.lookupCurrent(p.name)) c.error(`redefinition of parameter '${p.name}'`, pAt);
      c.declare(sym);
    }
    return sym;
  });
  fn.def = { params, body: [], frameSize: 0, endAt: d.body.endAt };
  const body = d.body.items.flatMap((s) => checkStmt(c, s));
  fn.def.body = body;
  fn.def.frameSize = Math.ceil(c.fn.frameMax / 8) * 8;
  c.popScope();
  c.fn = undefined;
}

function checkDriverEntry(c: Checker, file: string): FuncSym | undefined {
  const role = c.lookup('DRIVER_INITIALIZE');
  const want = "NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)";
  const s = c.lookup('DriverEntry');
  const start: SourceRange = { file, line: 1, col: 1, endLine: 1, endCol: 1 };
  if (!s || s.kind !== 'func' || !s.def) {
    c.error(`a scenario needs a DriverEntry: ${want}${role ? '' : ' (and #include <ntddk.h>)'}`, s?.at ?? start);
    return undefined;
  }
  if (role?.kind === 'typedef' && !compatible(role.type, s.type, true)) {
    c.error(`DriverEntry must be declared as ${want}; it has type ${quoteType(s.type)}`, s.at);
    return undefined;
  }
  return s;
}
