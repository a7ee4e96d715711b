/**
 * Expressions to stack code. `want` says whether the value is used; when it
 * is not, nothing is left on the stack. Struct values are handled by address
 * (`structAddr`), everything else as a normalised 64-bit slot.
 */
import type { BinOp, TExpr } from '../sema/ir';
import { type CType, isPointer, sizeOf } from '../types/ctype';
import type { CodeGen } from './gen';
import { arithSuffix, convOp, isSignedType, kindOf, loadOp, storeOp } from './kinds';

const CMP: Record<string, [string, string]> = {
  lt: ['LT_S', 'LT_U'], le: ['LE_S', 'LE_U'], gt: ['GT_S', 'GT_U'], ge: ['GE_S', 'GE_U'],
};

export function genExpr(g: CodeGen, e: TExpr, want: boolean): void {
  const prev = g.em.at(e.at);
  genInner(g, e, want);
  g.em.restore(prev);
}

function genInner(g: CodeGen, e: TExpr, want: boolean): void {
  const em = g.em;
  const discard = () => { if (!want) em.op('POP'); };
  switch (e.k) {
    case 'const': if (want) em.pushInt(e.value); return;
    case 'load':
      // A discarded read of a named, non-volatile object has no effect (UNREFERENCED_PARAMETER).
      if (!want && !e.lv.type.isVolatile && isNamed(e.lv)) return;
      genAddr(g, e.lv); em.op(loadOp(e.lv.type)); discard(); return;
    case 'addr': genAddr(g, e.lv); discard(); return;
    case 'funcRef': if (want) em.op('FUNC_REF', g.funcIndex(e.fn)); return;
    case 'typeInfo': if (want) em.op('ADDR_RODATA', g.data.roOffset[e.id]); return;
    case 'conv': {
      genExpr(g, e.e, want);
      const op = want ? convOp(e.e.type, e.type) : undefined;
      if (op) em.op(op);
      return;
    }
    case 'neg': genExpr(g, e.e, true); em.op(`NEG${arithSuffix(e.type)}`); discard(); return;
    case 'bnot': genExpr(g, e.e, true); em.op(arithSuffix(e.type) === '_U32' ? 'NOT_U32' : 'NOT'); discard(); return;
    case 'lnot': genExpr(g, e.e, true); em.op('LNOT'); discard(); return;
    case 'bin': genExpr(g, e.l, true); genExpr(g, e.r, true); em.op(binOp(e.op, e.opType)); discard(); return;
    case 'ptrAdd':
      genExpr(g, e.ptr, true);
      genExpr(g, e.idx, true);
      if (e.negate) em.op('NEG_64');
      em.op('INDEX', e.scale);
      discard();
      return;
    case 'ptrDiff':
      genExpr(g, e.l, true); genExpr(g, e.r, true); em.op('SUB_64');
      if (e.scale !== 1) { em.pushInt(BigInt(e.scale)); em.op('DIV_I64'); }
      discard();
      return;
    case 'logic': {
      const short = em.label(), end = em.label();
      genExpr(g, e.l, true);
      em.jump(e.op === 'and' ? 'JZ' : 'JNZ', short);
      genExpr(g, e.r, true);
      em.jump(e.op === 'and' ? 'JZ' : 'JNZ', short);
      em.pushInt(e.op === 'and' ? 1n : 0n);
      em.jump('JMP', end);
      em.bind(short);
      em.pushInt(e.op === 'and' ? 0n : 1n);
      em.bind(end);
      discard();
      return;
    }
    case 'cond': {
      const other = em.label(), end = em.label();
      const value = want && e.type.kind !== 'void';
      genExpr(g, e.c, true);
      em.jump('JZ', other);
      genExpr(g, e.a, value);
      em.jump('JMP', end);
      em.bind(other);
      genExpr(g, e.b, value);
      em.bind(end);
      return;
    }
    case 'comma': genExpr(g, e.l, false); genExpr(g, e.r, want); return;
    case 'assign':
      if (e.type.kind === 'struct') { structAddr(g, e); discard(); return; }
      genAddr(g, e.lv);
      genExpr(g, e.rhs, true);
      em.op(storeOp(e.lv.type, want));
      return;
    case 'compound': {
      genAddr(g, e.lv);
      em.op('DUP');
      em.op(loadOp(e.lv.type));
      if (e.scale !== undefined) {
        genExpr(g, e.rhs, true);
        if (e.op === 'sub') em.op('NEG_64');
        em.op('INDEX', e.scale);
      } else {
        const up = convOp(e.lv.type, e.opType);
        if (up) em.op(up);
        genExpr(g, e.rhs, true);
        em.op(binOp(e.op, e.opType));
        const down = convOp(e.opType, e.lv.type);
        if (down) em.op(down);
      }
      em.op(storeOp(e.lv.type, want));
      return;
    }
    case 'incdec': {
      // new = old + delta (wrapped to the type); a postfix value is new - delta, wrapped again.
      const step = BigInt(e.delta * e.scale);
      const wrap = () => { const op = isPointer(e.type) ? undefined : convOp(LLONG_LIKE, e.type); if (op) em.op(op); };
      genAddr(g, e.lv);
      em.op('DUP');
      em.op(loadOp(e.lv.type));
      em.pushInt(step);
      em.op('ADD_64');
      wrap();
      em.op(storeOp(e.lv.type, want));
      if (want && !e.pre) { em.pushInt(-step); em.op('ADD_64'); wrap(); }
      return;
    }
    case 'call': {
      for (const a of e.args) genExpr(g, a, true);
      if (e.fn.native) {
        const imp = g.importIndex(e.fn);
        const fixed = e.fn.type.params.length;
        if (e.fn.type.variadic) {
          em.op('CALLNV', imp, e.args.length - fixed);
          em.tail(e.args.slice(fixed).map((a) => kindOf(a.type)));
        } else em.op('CALLN', imp);
      } else em.op('CALL', g.funcIndex(e.fn));
      if (!want && e.type.kind !== 'void') em.op('POP');
      return;
    }
    case 'assert': {
      const ok = em.label();
      genExpr(g, e.cond, true);
      em.jump('JNZ', ok);
      em.op('ASSERT_FAIL', g.data.roOffset[e.textId]);
      em.bind(ok);
      if (want) em.pushInt(1n);
      return;
    }
    case 'void': genExpr(g, e.e, false); return;
    case 'func': throw new Error('a function designator reached code generation');
    default:
      // An lvalue used as a value (struct rvalues are addresses).
      if (e.type.kind === 'struct') { structAddr(g, e); discard(); return; }
      throw new Error(`unexpected lvalue ${e.k} as a value`);
  }
}

function isNamed(lv: TExpr): boolean {
  return lv.k === 'local' || lv.k === 'global' || (lv.k === 'member' && isNamed(lv.base));
}

/** Any 64-bit signed type: `convOp(LLONG_LIKE, t)` is the wrap into t. */
const LLONG_LIKE: CType = { kind: 'int', ik: 'llong' };

function binOp(op: BinOp, t: CType): string {
  if (op === 'eq') return 'EQ';
  if (op === 'ne') return 'NE';
  if (op in CMP) return CMP[op][isSignedType(t) ? 0 : 1];
  if (op === 'and' || op === 'or' || op === 'xor') return op.toUpperCase();
  const sfx = arithSuffix(t);
  const name = op.toUpperCase();
  if (op === 'div' || op === 'rem' || op === 'shr') {
    return sfx === '_64' ? `${name}_${isSignedType(t) ? 'I' : 'U'}64` : `${name}${sfx}`;
  }
  return `${name}${sfx}`;
}

/** Pushes the address of an lvalue; a member of a named object folds into one address instruction. */
export function genAddr(g: CodeGen, lv: TExpr, extra = 0): void {
  const em = g.em;
  switch (lv.k) {
    case 'local': em.op('ADDR_LOCAL', lv.sym.offset + extra); return;
    case 'global': em.op('ADDR_GLOBAL', lv.sym.offset + extra); return;
    case 'ro': em.op('ADDR_RODATA', g.data.roOffset[lv.id] + extra); return;
    case 'member': genAddr(g, lv.base, extra + lv.offset); return;
    case 'importData': em.op('ADDR_IMPORT', g.importDataIndex(lv.sym)); break;
    case 'deref': genExpr(g, lv.ptr, true); break;
    default:
      if (lv.type.kind === 'struct') { structAddr(g, lv); break; }
      throw new Error(`not an lvalue: ${lv.k}`);
  }
  if (extra) { em.pushInt(BigInt(extra)); em.op('ADD_64'); }
}

/** The address of a struct value: an lvalue's, or the destination of a struct assignment after the copy. */
export function structAddr(g: CodeGen, e: TExpr): void {
  if (e.k === 'assign') {
    genAddr(g, e.lv);
    g.em.op('DUP');
    structAddr(g, e.rhs);
    g.em.op('COPY', sizeOf(e.type) ?? 0);
    return;
  }
  genAddr(g, e);
}
