/**
 * From written declarations to types: specifier words, typedef names,
 * struct layout (x64 alignment; the prelude's LARGE_INTEGER is the one union),
 * enums (gcc's rule: unsigned int underneath unless a value is negative),
 * and declarators (pointers, arrays with constant sizes, parameter lists).
 */
import type { SourceRange } from '../diagnostics';
import type { DeclSpec, Declarator, MemberDecl, TypeSpec } from '../parse/ast';
import {
  alignOf, type CType, type EnumDef, type Field, type FuncParam, type IntKind, intType, isComplete,
  ptrTo, sizeOf, type StructDef, VOID, withAlias, withQuals,
} from '../types/ctype';
import { quoteType } from '../types/print';
import type { Checker } from './checker';
import { intConstant } from './fold';

export function resolveSpec(c: Checker, spec: DeclSpec): CType {
  return withQuals(resolveTypeSpec(c, spec.type), { isConst: spec.isConst, isVolatile: spec.isVolatile });
}

function resolveTypeSpec(c: Checker, ts: TypeSpec): CType {
  switch (ts.kind) {
    case 'builtin': return builtinType(c, ts.words, ts.at);
    case 'typedefName': {
      const s = c.lookup(ts.name);
      if (s?.kind === 'typedef') return s.type;
      c.error(`unknown type name '${ts.name}'`, ts.at);
      return intType('int');
    }
    case 'struct': return { kind: 'struct', def: structDef(c, ts) };
    case 'enum': return { kind: 'enum', def: enumDef(c, ts) };
  }
}

function builtinType(c: Checker, words: string[], at: SourceRange): CType {
  const count = (w: string) => words.filter((x) => x === w).length;
  const signed = count('signed'), unsigned = count('unsigned'), longs = count('long');
  const ms: Record<string, IntKind> = { __int64: 'llong', __int32: 'int', __int16: 'short', __int8: 'char' };
  const base = words.filter((w) => !['signed', 'unsigned', 'long', 'short'].includes(w));
  const bad = () => { c.error('invalid combination of type specifiers', at); return intType('int'); };
  if (signed + unsigned > 1 || longs > 2 || base.length > 1 || (count('short') && longs) || count('short') > 1) return bad();
  const b = base[0];
  if (b === 'void') return words.length === 1 ? VOID : bad();
  let ik: IntKind;
  if (b && b in ms) { if (longs || count('short')) return bad(); ik = ms[b]; }
  else if (b === 'char') { if (longs || count('short')) return bad(); ik = unsigned ? 'uchar' : signed ? 'schar' : 'char'; }
  else if (count('short')) ik = 'short';
  else if (longs === 2) ik = 'llong';
  else if (longs === 1) ik = 'long';
  else ik = 'int';
  if (unsigned) ik = ({ char: 'uchar', schar: 'uchar', short: 'ushort', int: 'uint', long: 'ulong', llong: 'ullong' } as Record<string, IntKind>)[ik] ?? ik;
  if (ik === 'char' && signed) ik = 'schar';
  return intType(ik);
}

function structDef(c: Checker, ts: TypeSpec & { kind: 'struct' }): StructDef {
  const kind = ts.union ? 'union' : 'struct';
  let def: StructDef | undefined;
  if (ts.tag) {
    const found = c.lookupTag(ts.tag, !!ts.members);
    if (found?.kind === 'struct') def = found.def;
    else if (found) c.error(`'${ts.tag}' defined as wrong kind of tag`, ts.at);
  }
  if (!def || (ts.members && def.complete)) {
    if (def && ts.members) c.error(`redefinition of '${kind} ${ts.tag}'`, ts.at);
    def = { tag: ts.tag, isUnion: ts.union, complete: false, fields: [], size: 0, align: 1, opaque: false, id: c.newId() };
    if (ts.tag) c.declareTag(ts.tag, { kind: 'struct', def });
  }
  if (ts.members) layout(c, def, ts.members, ts.at);
  return def;
}

function layout(c: Checker, def: StructDef, members: MemberDecl[], at: SourceRange): void {
  const fields: Field[] = [];
  let size = 0, align = 1;
  for (const m of members) {
    const t = declaratorType(c, resolveSpec(c, m.spec), m.declarator, 'member');
    if (!isComplete(t)) {
      c.error(m.declarator.name ? `field '${m.declarator.name}' has incomplete type ${quoteType(t)}` : 'declaration does not declare anything', m.at);
      continue;
    }
    refuseUserType(c, t, m.at, 'field');
    const a = alignOf(t), s = sizeOf(t)!;
    const offset = def.isUnion ? 0 : Math.ceil(size / a) * a;
    if (m.declarator.name) {
      if (fields.some((f) => f.name === m.declarator.name)) c.error(`duplicate member '${m.declarator.name}'`, m.declarator.nameAt);
      fields.push({ name: m.declarator.name, type: t, offset });
    } else if (t.kind === 'struct') {
      for (const f of t.def.fields) fields.push({ ...f, offset: offset + f.offset });
    } else c.error('declaration does not declare anything', m.at);
    size = def.isUnion ? Math.max(size, s) : offset + s;
    align = Math.max(align, a);
  }
  if (fields.length === 0) c.error('a struct needs at least one member', at);
  def.fields = fields;
  def.align = align;
  def.size = Math.ceil(size / align) * align;
  def.opaque = fields.some((f) => f.name.startsWith('__wdkm_opaque'));
  def.complete = true;
}

function enumDef(c: Checker, ts: TypeSpec & { kind: 'enum' }): EnumDef {
  if (!ts.enumerators) {
    const found = ts.tag ? c.lookupTag(ts.tag) : undefined;
    if (found?.kind === 'enum') return found.def;
    c.error(`enum '${ts.tag}' is used before it is defined`, ts.at);
    return { tag: ts.tag, complete: true, underlying: 'int', id: c.newId() };
  }
  if (ts.tag && c.lookupTag(ts.tag, true)) c.error(`redefinition of 'enum ${ts.tag}'`, ts.at);
  const def: EnumDef = { tag: ts.tag, complete: true, underlying: 'uint', id: c.newId() };
  let next = 0n;
  for (const e of ts.enumerators) {
    let v = next;
    if (e.value) v = intConstant(c, e.value, 'enumerator value') ?? next;
    if (v < -0x80000000n || v > 0x7fffffffn) {
      c.error(`enumerator value for '${e.name}' is not an integer constant in the range of 'int'`, e.at);
      v = 0n;
    }
    if (v < 0n) def.underlying = 'int';
    if (c.lookupCurrent(e.name)) c.error(`redeclaration of '${e.name}'`, e.at);
    c.declare({ kind: 'enumConst', name: e.name, value: v, at: e.at });
    next = v + 1n;
  }
  if (ts.tag) c.declareTag(ts.tag, { kind: 'enum', def });
  return def;
}

export type DeclContext = 'var' | 'param' | 'member' | 'typename' | 'typedef' | 'function';

/** Applies a declarator's derivations to the base type. */
export function declaratorType(c: Checker, base: CType, d: Declarator, ctx: DeclContext): CType {
  let t = base;
  for (const dv of d.chain) {
    if (dv.kind === 'ptr') t = ptrTo(t, { isConst: dv.isConst, isVolatile: dv.isVolatile });
    else if (dv.kind === 'array') {
      if (t.kind === 'func') { c.error('declaration of an array of functions', dv.at); continue; }
      if (!isComplete(t)) { c.error(`array type has incomplete element type ${quoteType(t)}`, dv.at); t = intType('int'); }
      let len: number | undefined;
      if (dv.size) {
        const v = intConstant(c, dv.size, 'array size', 'variable-length arrays are outside the scenario subset; give the array a constant size');
        if (v !== undefined && v <= 0n) c.error(v === 0n ? 'zero-size arrays are outside the scenario subset' : 'size of array is negative', dv.size.at);
        else if (v !== undefined && v * BigInt(sizeOf(t) ?? 1) > 0x10000000n) c.error('array is too large', dv.size.at);
        else if (v !== undefined) len = Number(v);
      }
      t = { kind: 'array', of: t, len };
    } else {
      if (t.kind === 'array' || t.kind === 'func') { c.error(`function cannot return ${t.kind === 'array' ? 'an array' : 'a function'}`, dv.at); t = intType('int'); }
      const params: FuncParam[] = dv.params.map((p) => {
        let pt = declaratorType(c, resolveSpec(c, p.spec), p.declarator, 'param');
        if (pt.kind === 'array') pt = ptrTo(pt.of, { isConst: pt.isConst, isVolatile: pt.isVolatile });
        else if (pt.kind === 'func') pt = ptrTo(pt);
        if (pt.kind === 'void') { c.error("parameter has type 'void'", p.at); pt = intType('int'); }
        return { name: p.declarator.name, type: pt };
      });
      t = { kind: 'func', ret: t, params, variadic: dv.variadic };
    }
  }
  void ctx;
  return t;
}

/** A typedef keeps its name on the type, for messages. */
export function typedefType(t: CType, name: string): CType { return withAlias(t, name); }


function containsFuncPtr(t: CType): boolean {
  if (t.kind === 'ptr') return t.to.kind === 'func' || containsFuncPtr(t.to);
  if (t.kind === 'array') return containsFuncPtr(t.of);
  return false;
}

/** Function pointer objects are outside the subset (the prelude's DriverUnload field is the one exception). */
export function refuseUserType(c: Checker, t: CType, at: SourceRange, what: string): void {
  if (c.isPrelude(at) || !containsFuncPtr(t)) return;
  c.error(`function pointers are outside the scenario subset: a ${what} cannot have type ${quoteType(t)}; pass a function by name where the WDK takes a routine`, at);
}
