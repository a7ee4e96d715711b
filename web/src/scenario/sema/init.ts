/**
 * Initializers: braces, designators (`.Field =`, `[3] =`), brace elision,
 * strings into char arrays, zero-filling of what is left out. The result is
 * a flat list of scalar stores; for static storage each must be a constant
 * or an address constant (a global, a string literal, a function).
 */
import type { SourceRange } from '../diagnostics';
import type { Initializer } from '../parse/ast';
import { type CType, isComplete, isInteger, isPointer, sizeOf, unqual } from '../types/ctype';
import { quoteType } from '../types/print';
import type { Checker } from './checker';
import { assignConvert, value } from './convert';
import { checkExpr } from './expr';
import { intConstant } from './fold';
import type { AddrTarget, StaticInit, TExpr } from './ir';

export interface InitStore { offset: number; type: CType; e: TExpr }
export interface FlatInit { stores: InitStore[]; strings: { offset: number; bytes: number[] }[]; arrayLength?: number }

type Item = { designators: Extract<Initializer, { kind: 'list' }>['items'][number]['designators']; init: Initializer };

export function flattenInit(c: Checker, type: CType, init: Initializer, name: string): FlatInit {
  const out: FlatInit = { stores: [], strings: [] };
  const what = `initialization of '${name}'`;

  const stringFor = (t: CType, i: Initializer): number[] | undefined => {
    if (t.kind !== 'array' || !isInteger(t.of) || sizeOf(t.of) !== 1) return undefined;
    const inner = i.kind === 'list' && i.items.length === 1 && !i.items[0].designators.length ? i.items[0].init : i;
    if (inner.kind === 'expr' && inner.expr.kind === 'string') return inner.expr.bytes;
    return undefined;
  };

  const scalar = (t: CType, offset: number, i: Initializer) => {
    let e = i;
    while (e.kind === 'list') {
      if (e.items.length !== 1) { c.error(e.items.length ? 'excess elements in scalar initializer' : 'empty scalar initializer', e.at); return; }
      e = e.items[0].init;
    }
    const raw = checkExpr(c, e.expr);
    const v = assignConvert(c, raw.k === 'func' ? raw : value(c, raw), t, { what }, e.at);
    if (!v.err) out.stores.push({ offset, type: unqual(t), e: v });
  };

  /** Fills aggregate `t` at `offset` from items[pos...]; returns the next unused position. */
  const fill = (t: CType, offset: number, items: Item[], pos: number, braced: boolean, at: SourceRange): number => {
    if (t.kind === 'array') {
      let idx = 0, maxLen = 0;
      while (pos < items.length) {
        const it = items[pos];
        if (it.designators.length) {
          if (!braced) break;
          const d = it.designators[0];
          if (d.kind !== 'index' || it.designators.length > 1) { c.error(d.kind === 'index' ? 'nested designators are outside the scenario subset' : `field designator '${d.name}' in an array initializer`, d.at); pos++; continue; }
          const v = intConstant(c, d.index, 'array index in initializer');
          if (v === undefined || v < 0n || (t.len !== undefined && v >= BigInt(t.len))) { if (v !== undefined) c.error('array index in initializer exceeds array bounds', d.at); pos++; continue; }
          idx = Number(v);
        }
        if (t.len !== undefined && idx >= t.len) {
          if (braced) c.error('excess elements in array initializer', it.init.at);
          if (braced) pos = items.length;
          break;
        }
        pos = element(t.of, offset + idx * sizeOf(t.of)!, items, pos);
        idx++;
        maxLen = Math.max(maxLen, idx);
      }
      if (t.len === undefined) out.arrayLength = maxLen;
      return pos;
    }
    if (t.kind === 'struct') {
      const fields = t.def.fields;
      if (t.def.opaque && items.length && !(items.length === 1 && isZero(items[0].init))) {
        c.error(`${quoteType(t)} is an opaque kernel object: initialise it with its kernel routine`, at);
        return items.length;
      }
      let f = 0;
      while (pos < items.length) {
        const it = items[pos];
        if (it.designators.length) {
          if (!braced) break;
          const d = it.designators[0];
          if (d.kind !== 'field' || it.designators.length > 1) { c.error(d.kind === 'field' ? 'nested designators are outside the scenario subset' : 'array index in a struct initializer', d.at); pos++; continue; }
          f = fields.findIndex((x) => x.name === d.name);
          if (f < 0) { c.error(`${quoteType(t)} has no member named '${d.name}'${c.suggestAmong(d.name, fields.map((x) => x.name))}`, d.at); pos++; continue; }
        } else if (t.def.isUnion && f > 0) f = fields.length;
        if (f >= fields.length) {
          if (braced) { c.error('excess elements in struct initializer', it.init.at); pos = items.length; }
          break;
        }
        pos = element(fields[f].type, offset + fields[f].offset, items, pos);
        f++;
      }
      return pos;
    }
    scalar(t, offset, items[pos].init);
    return pos + 1;
  };

  /** One element of an aggregate: its own braces, a string for a char array, a struct value, or brace elision. */
  const element = (t: CType, offset: number, items: Item[], pos: number): number => {
    const it = items[pos];
    const str = stringFor(t, it.init);
    if (str) { putString(t, offset, str, it.init.at); return pos + 1; }
    if (t.kind !== 'array' && t.kind !== 'struct') { scalar(t, offset, it.init); return pos + 1; }
    if (it.init.kind === 'list') { fill(t, offset, it.init.items, 0, true, it.init.at); return pos + 1; }
    if (t.kind === 'struct' && it.init.kind === 'expr') {
      const v = value(c, checkExpr(c, it.init.expr));
      if (v.type.kind === 'struct') {
        const r = assignConvert(c, v, t, { what }, it.init.at);
        if (!r.err) out.stores.push({ offset, type: t, e: r });
        return pos + 1;
      }
    }
    return fill(t, offset, [{ ...it, designators: [] }, ...items.slice(pos + 1)], 0, false, it.init.at) + pos;
  };

  const putString = (t: CType & { kind: 'array' } | CType, offset: number, bytes: number[], at: SourceRange) => {
    const len = t.kind === 'array' ? t.len : undefined;
    if (len !== undefined && bytes.length > len) c.error(`initializer-string for array of ${quoteType((t as CType & { kind: 'array' }).of)} is too long`, at);
    const n = len === undefined ? bytes.length + 1 : Math.min(len, bytes.length + 1);
    if (len === undefined && offset === 0) out.arrayLength = n;
    out.strings.push({ offset, bytes: [...bytes, 0].slice(0, n) });
  };

  if (!isComplete(type) && !(type.kind === 'array' && type.len === undefined)) {
    c.error(`variable '${name}' has initializer but incomplete type ${quoteType(type)}`, init.at);
    return out;
  }
  const str = stringFor(type, init);
  if (str) putString(type, 0, str, init.at);
  else if (type.kind === 'array' || type.kind === 'struct') {
    if (init.kind === 'list') fill(type, 0, init.items, 0, true, init.at);
    else element(type, 0, [{ designators: [], init }], 0);
  } else scalar(type, 0, init);
  return out;
}

function isZero(i: Initializer): boolean {
  return i.kind === 'expr' && i.expr.kind === 'int' && i.expr.value === 0n;
}

/** The image pieces of a static object's initializer; non-constant elements are errors. */
export function staticInit(c: Checker, flat: FlatInit): StaticInit[] {
  const out: StaticInit[] = flat.strings.map((s) => ({ kind: 'bytes', offset: s.offset, bytes: s.bytes }));
  for (const s of flat.stores) {
    const size = sizeOf(s.type) ?? 8;
    if (s.e.k === 'const') { out.push({ kind: 'int', offset: s.offset, size, value: s.e.value }); continue; }
    const a = isPointer(s.type) ? addressConstant(s.e) : undefined;
    if (a) out.push({ kind: 'addr', offset: s.offset, target: a.target, addend: a.addend });
    else c.error('initializer element is not constant (a global needs a constant or the address of a global, a string or a function)', s.e.at);
  }
  return out;
}

type Address = { target: AddrTarget; addend: number };

function addressConstant(e: TExpr): Address | undefined {
  switch (e.k) {
    case 'conv': return isPointer(e.e.type) ? addressConstant(e.e) : undefined;
    case 'funcRef': return { target: { kind: 'func', fn: e.fn }, addend: 0 };
    case 'typeInfo': return { target: { kind: 'ro', id: e.id }, addend: 0 };
    case 'addr': return lvalueAddress(e.lv);
    case 'ptrAdd': {
      const base = addressConstant(e.ptr);
      if (!base || e.idx.k !== 'const') return undefined;
      const delta = Number(BigInt.asIntN(64, e.idx.value)) * e.scale;
      return { ...base, addend: base.addend + (e.negate ? -delta : delta) };
    }
    default: return undefined;
  }
}

function lvalueAddress(lv: TExpr): Address | undefined {
  switch (lv.k) {
    case 'global': return { target: { kind: 'global', sym: lv.sym }, addend: 0 };
    case 'ro': return { target: { kind: 'ro', id: lv.id }, addend: 0 };
    case 'member': { const b = lvalueAddress(lv.base); return b && { ...b, addend: b.addend + lv.offset }; }
    case 'deref': return addressConstant(lv.ptr);
    default: return undefined;
  }
}
