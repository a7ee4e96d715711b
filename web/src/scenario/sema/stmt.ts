/**
 * Statements and local declarations. Locals get frame slots (reused after
 * their block ends); `static` locals become globals; a switch keeps its value
 * in a hidden frame slot so the operand stack is empty between statements.
 */
import type { Declaration, Stmt } from '../parse/ast';
import { type CType, INT, isComplete, isInteger, unqual } from '../types/ctype';
import { promote } from '../types/conv';
import { quoteType } from '../types/print';
import type { Checker } from './checker';
import { assignConvert, condition, convertInt, value } from './convert';
import { declareGlobal, refuseUserType } from './decl';
import { checkExpr } from './expr';
import { isConst } from './fold';
import { flattenInit } from './init';
import type { SwitchInfo, TExpr, TStmt } from './ir';
import { declaratorType, resolveSpec, typedefType } from './typeres';

export function checkStmt(c: Checker, s: Stmt): TStmt[] {
  const f = c.fn!;
  switch (s.kind) {
    case 'block': {
      c.pushScope();
      const mark = c.frameMark();
      const items = s.items.flatMap((x) => checkStmt(c, x));
      c.releaseFrame(mark);
      c.popScope();
      return [{ k: 'block', items, at: s.at }];
    }
    case 'decl': return checkLocalDecl(c, s.decl);
    case 'expr': return [{ k: 'expr', e: statementValue(c, checkExpr(c, s.expr)), at: s.at }];
    case 'empty': return [];
    case 'if': {
      const cond = condition(c, checkExpr(c, s.cond));
      return [{ k: 'if', c: cond, then: one(c, s.then), else: s.else && one(c, s.else), at: s.at }];
    }
    case 'while': case 'do': {
      const cond = condition(c, checkExpr(c, s.cond));
      const body = loopBody(c, s.body);
      return [s.kind === 'while' ? { k: 'while', c: cond, body, at: s.at } : { k: 'do', body, c: cond, at: s.at }];
    }
    case 'for': {
      c.pushScope();
      const mark = c.frameMark();
      const init = !s.init ? [] : 'spec' in s.init ? checkLocalDecl(c, s.init) : [{ k: 'expr' as const, e: statementValue(c, checkExpr(c, s.init)), at: s.init.at }];
      const cond = s.cond && condition(c, checkExpr(c, s.cond));
      const step = s.step && value(c, checkExpr(c, s.step));
      const body = loopBody(c, s.body);
      c.releaseFrame(mark);
      c.popScope();
      return [{ k: 'for', init, c: cond, step, body, at: s.at }];
    }
    case 'switch': {
      const v = value(c, checkExpr(c, s.value));
      let val = v;
      if (!v.err && !isInteger(v.type)) { c.error(`switch quantity not an integer (${quoteType(v.type)})`, s.value.at); val = { ...v, err: true }; }
      else if (!v.err) val = convertInt(v, promote(v.type));
      const temp = c.allocLocal('<switch>', val.err ? INT : val.type, s.at);
      const info: SwitchInfo = { cases: [], hasDefault: false, temp };
      f.switches.push(info);
      f.breakables.push('switch');
      const body = one(c, s.body);
      f.breakables.pop();
      f.switches.pop();
      return [{ k: 'switch', value: val, info, body, at: s.at }];
    }
    case 'case': case 'default': {
      const info = f.switches[f.switches.length - 1];
      if (!info) { c.error(`'${s.kind}' label not within a switch statement`, s.at); return checkStmt(c, s.body); }
      if (s.kind === 'default') {
        if (info.hasDefault) c.error("multiple default labels in one switch", s.at);
        info.hasDefault = true;
        return [{ k: 'default', info, body: one(c, s.body), at: s.at }];
      }
      const v = value(c, checkExpr(c, s.value));
      let n = 0n;
      if (!v.err && (!isConst(v) || !isInteger(v.type))) c.error('case label does not reduce to an integer constant', s.value.at);
      else if (!v.err) n = (convertInt(v, info.temp.type) as { value: bigint }).value;
      if (info.cases.some((x) => x.value === n)) c.error('duplicate case value', s.value.at);
      info.cases.push({ value: n, at: s.value.at });
      return [{ k: 'case', info, index: info.cases.length - 1, body: one(c, s.body), at: s.at }];
    }
    case 'break':
      if (!f.breakables.length) c.error('break statement not within loop or switch', s.at);
      return [{ k: 'break', at: s.at }];
    case 'continue':
      if (!f.breakables.includes('loop')) c.error('continue statement not within a loop', s.at);
      return [{ k: 'continue', at: s.at }];
    case 'return': return [checkReturn(c, s)];
  }
}

function one(c: Checker, s: Stmt): TStmt {
  const r = checkStmt(c, s);
  return r.length === 1 ? r[0] : { k: 'block', items: r, at: s.at };
}

function loopBody(c: Checker, s: Stmt): TStmt {
  c.fn!.breakables.push('loop');
  const b = one(c, s);
  c.fn!.breakables.pop();
  return b;
}

function checkReturn(c: Checker, s: Stmt & { kind: 'return' }): TStmt {
  const fn = c.fn!.sym;
  const ret = fn.type.ret;
  if (!s.value) {
    if (ret.kind !== 'void') c.error(`'return' with no value, in function '${fn.name}' returning ${quoteType(ret)}`, s.at);
    return { k: 'return', at: s.at };
  }
  const raw = checkExpr(c, s.value);
  if (ret.kind === 'void') {
    const v = value(c, raw);
    if (!v.err && v.type.kind !== 'void') c.error(`'return' with a value, in function '${fn.name}' returning 'void'`, s.at);
    return { k: 'return', at: s.at };
  }
  const v = assignConvert(c, raw.k === 'func' ? raw : value(c, raw), ret, { what: `returning from '${fn.name}'` }, s.value.at);
  return { k: 'return', value: v, at: s.at };
}

export function checkLocalDecl(c: Checker, d: Declaration): TStmt[] {
  const base = resolveSpec(c, d.spec);
  const out: TStmt[] = [];
  for (const { declarator, init } of d.declarators) {
    const name = declarator.name!;
    let t: CType = declaratorType(c, base, declarator, 'var');
    if (d.spec.storage === 'typedef') {
      refuseUserType(c, t, declarator.at, 'typedef');
      c.declare({ kind: 'typedef', name, type: typedefType(t, name), at: declarator.nameAt });
      continue;
    }
    if (t.kind === 'func') { c.error(`declare '${name}' at file scope: local function declarations are outside the scenario subset`, declarator.nameAt); continue; }
    if (d.spec.storage === 'extern') { c.error(`'extern' declarations are outside the scenario subset (a scenario is one file)`, d.spec.at); continue; }
    if (c.lookupCurrent(name)) c.error(`redeclaration of '${name}'`, declarator.nameAt);
    if (d.spec.storage === 'static') {
      declareGlobal(c, name, t, init, declarator.nameAt, `${c.fn!.sym.name}.${name}`);
      continue;
    }
    refuseUserType(c, t, declarator.at, 'variable');
    if (t.kind === 'array' && t.len === undefined && init) {
      const len = flattenInit(c, t, init, name).arrayLength;
      if (len) t = { ...t, len };
    }
    if (!isComplete(t)) {
      c.error(`storage size of '${name}' isn't known (${quoteType(t)})`, declarator.nameAt);
      continue;
    }
    const sym = c.allocLocal(name, t, declarator.nameAt);
    c.declare(sym);
    if (!init) continue;
    const flat = flattenInit(c, t, init, name);
    const stores = flat.stores.map((s) => ({ offset: s.offset, type: s.type, e: s.e }));
    for (const str of flat.strings) {
      str.bytes.forEach((b, k) => stores.push({ offset: str.offset + k, type: unqual({ kind: 'int', ik: 'uchar' }), e: { k: 'const', value: BigInt(b), type: { kind: 'int', ik: 'uchar' }, at: init.at } }));
    }
    const aggregate = t.kind === 'array' || (t.kind === 'struct' && init.kind === 'list');
    out.push({ k: 'init', sym, zero: aggregate, stores, at: declarator.at });
  }
  return out;
}

export { assignConvert };

/** An expression evaluated for its effect. A routine's name alone (`F;`) has
    no value in the scenario subset: most likely the call's parentheses are missing. */
function statementValue(c: Checker, e: TExpr): TExpr {
  if (e.k === 'func' && !e.err) {
    c.error(`'${e.fn.name}' is not called: a call needs its arguments in parentheses`, e.at);
    return { k: 'const', type: INT, value: 0n, at: e.at, err: true };
  }
  return value(c, e);
}
