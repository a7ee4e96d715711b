/**
 * Declarations: specifiers, declarators (pointers, arrays, parameter lists,
 * parenthesised declarators), struct and enum bodies, type names and
 * initializers. Constructs outside the subset are refused here when their
 * syntax alone shows them (union, bit-fields, attributes, floating types).
 */
import type { Token } from '../lex/token';
import type {
  DeclSpec, Declarator, Deriv, Designator, Enumerator, Initializer, MemberDecl, ParamDecl, StorageClass,
  TypeName, TypeSpec,
} from './ast';
import { didYouMean } from '../didyoumean';
import { type Cursor, describe, KEYWORDS } from './cursor';
import { parseAssignExpr, parseCondExpr } from './expr-parser';

const STORAGE = new Set(['typedef', 'static', 'extern', 'auto', 'register']);
const TYPE_WORDS = new Set(['void', 'char', 'short', 'int', 'long', 'signed', 'unsigned', '__int64', '__int32', '__int16', '__int8']);
/** Type words outside the subset, each with what to say about it. */
const REFUSED_TYPES: Record<string, string> = {
  float: 'floating point is outside the scenario subset',
  double: 'floating point is outside the scenario subset',
  _Complex: 'complex types are outside the scenario subset',
  _Imaginary: 'complex types are outside the scenario subset',
  _Bool: "'_Bool' is outside the scenario subset; use BOOLEAN",
  _Atomic: "'_Atomic' is outside the scenario subset; use the Interlocked routines",
  _Thread_local: 'thread-local storage is outside the scenario subset',
  _Alignas: "'_Alignas' is outside the scenario subset",
  typeof: "'typeof' is outside the scenario subset",
  __typeof__: "'typeof' is outside the scenario subset",
};
const REFUSED_WITH_PARENS: Record<string, string> = {
  __attribute__: "'__attribute__' is outside the scenario subset",
  __declspec: "'__declspec' is outside the scenario subset",
};

export function isTypeStart(p: Cursor, k = 0): boolean {
  const t = p.peek(k);
  if (t.kind !== 'ident') return false;
  return TYPE_WORDS.has(t.text) || ['const', 'volatile', 'restrict', 'struct', 'union', 'enum'].includes(t.text)
    || t.text in REFUSED_TYPES || p.isTypedefName(t.text);
}

export function isDeclStart(p: Cursor): boolean {
  const t = p.peek();
  return isTypeStart(p) || (t.kind === 'ident' && (STORAGE.has(t.text) || ['inline', '__inline', '__forceinline', '_Noreturn'].includes(t.text) || t.text in REFUSED_WITH_PARENS));
}

export function parseDeclSpec(p: Cursor, allowStorage: boolean): DeclSpec {
  const start = p.peek();
  let storage: StorageClass | undefined;
  let type: TypeSpec | undefined;
  const words: Token[] = [];
  let isConst = false, isVolatile = false, isInline = false, noreturn = false;
  for (;;) {
    const t = p.peek();
    if (t.kind !== 'ident') break;
    const w = t.text;
    if (STORAGE.has(w)) {
      p.next();
      if (!allowStorage) p.error(`storage class '${w}' is not allowed here`, t);
      else if (storage) p.error('multiple storage classes in declaration specifiers', t);
      else storage = w as StorageClass;
    } else if (w === 'const') { p.next(); isConst = true; }
    else if (w === 'volatile') { p.next(); isVolatile = true; }
    else if (w === 'restrict' || w === '__restrict') p.next();
    else if (w === 'inline' || w === '__inline' || w === '__forceinline') { p.next(); isInline = true; }
    else if (w === '_Noreturn') { p.next(); noreturn = true; }
    else if (w in REFUSED_WITH_PARENS) {
      p.next();
      p.error(REFUSED_WITH_PARENS[w], t);
      skipParens(p);
    } else if (w in REFUSED_TYPES) {
      p.next();
      p.error(REFUSED_TYPES[w], t);
      if (w === '_Alignas' || w === 'typeof' || w === '__typeof__') skipParens(p);
      else if (!type && w !== '_Atomic' && w !== '_Thread_local') words.push({ ...t, text: 'int' });
    } else if (TYPE_WORDS.has(w) && !type) { p.next(); words.push(t); }
    else if ((w === 'struct' || w === 'union') && !type && !words.length) type = parseStructSpec(p);
    else if (w === 'enum' && !type && !words.length) type = parseEnumSpec(p);
    else if (!type && !words.length && p.isTypedefName(w)) { p.next(); type = { kind: 'typedefName', name: w, at: t }; }
    else break;
  }
  if (!type) {
    if (words.length) type = { kind: 'builtin', words: words.map((x) => x.text), at: p.from(words[0]) };
    else {
      const t = p.peek();
      // `Foo x` with Foo unknown: say so, suggest a type name, and carry on as if it were int.
      if (t.kind === 'ident' && !KEYWORDS.has(t.text) && (p.peek(1).kind === 'ident' || p.isPunct('*', 1))) {
        p.next();
        p.error(`unknown type name '${t.text}'${didYouMean(t.text, p.typedefNames())}`, t);
        type = { kind: 'builtin', words: ['int'], at: t };
      } else p.fail(`expected a type before ${describe(t)}`, t);
    }
  }
  return { storage, type: type!, isConst, isVolatile, isInline, noreturn, at: p.from(start) };
}

function skipParens(p: Cursor): void {
  if (!p.isPunct('(')) return;
  let depth = 0;
  do {
    const t = p.next();
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
  } while (depth > 0 && !p.atEof());
}

function parseStructSpec(p: Cursor): TypeSpec {
  const kw = p.next();
  const union = kw.text === 'union';
  const fromPrelude = p.inPrelude(kw);
  if (union && !fromPrelude) p.error('unions are outside the scenario subset; use a struct', kw);
  const tagTok = p.peek().kind === 'ident' && !p.isPunct('{') ? p.next() : undefined;
  let members: MemberDecl[] | undefined;
  if (p.accept('{')) {
    members = [];
    while (!p.isPunct('}') && !p.atEof()) {
      const before = p.pos;
      try {
        members.push(...parseMemberDecls(p));
      } catch (e) {
        if (p.pos === before) p.next();
        p.syncStatement();
        void e;
      }
    }
    p.expect('}', 'to close the struct');
  } else if (!tagTok) p.fail(`expected a struct tag or '{' after '${kw.text}'`, p.peek());
  return { kind: 'struct', union, tag: tagTok?.text, members, at: p.from(kw), fromPrelude };
}

function parseMemberDecls(p: Cursor): MemberDecl[] {
  const spec = parseDeclSpec(p, false);
  const out: MemberDecl[] = [];
  if (p.accept(';')) {
    out.push({ spec, declarator: { nameAt: spec.at, chain: [], at: spec.at }, at: spec.at });
    return out;
  }
  do {
    const declarator = parseDeclarator(p, 'named');
    if (p.isPunct(':')) {
      const colon = p.next();
      p.error('bit-fields are outside the scenario subset; use a whole integer field', p.from(colon));
      parseCondExpr(p);
    }
    out.push({ spec, declarator, at: p.from(spec.at) });
  } while (p.accept(','));
  p.expect(';', 'at end of member declaration');
  return out;
}

function parseEnumSpec(p: Cursor): TypeSpec {
  const kw = p.next();
  const tagTok = p.peek().kind === 'ident' && !p.isPunct('{') ? p.next() : undefined;
  let enumerators: Enumerator[] | undefined;
  if (p.accept('{')) {
    enumerators = [];
    while (!p.isPunct('}')) {
      const n = p.next();
      if (n.kind !== 'ident') p.fail(`expected an enumerator name before ${describe(n)}`, n);
      const value = p.accept('=') ? parseCondExpr(p) : undefined;
      enumerators.push({ name: n.text, value, at: n });
      p.declare(n.text, false);
      if (!p.accept(',')) break;
    }
    p.expect('}', 'to close the enum');
  } else if (!tagTok) p.fail("expected an enum tag or '{' after 'enum'", p.peek());
  return { kind: 'enum', tag: tagTok?.text, enumerators, at: p.from(kw) };
}

/** `mode`: 'named' needs a name, 'abstract' has none (type names), 'either' for parameters. */
export function parseDeclarator(p: Cursor, mode: 'named' | 'abstract' | 'either'): Declarator {
  const start = p.peek();
  const ptrs: Deriv[] = [];
  while (p.isPunct('*')) {
    const star = p.next();
    let isConst = false, isVolatile = false;
    for (;;) {
      if (p.accept('const')) isConst = true;
      else if (p.accept('volatile')) isVolatile = true;
      else if (!p.accept('restrict') && !p.accept('__restrict')) break;
    }
    ptrs.push({ kind: 'ptr', isConst, isVolatile, at: star });
  }
  let name: string | undefined;
  let nameAt = p.peek() as Declarator['nameAt'];
  let inner: Declarator | undefined;
  const t = p.peek();
  if (t.kind === 'ident' && mode !== 'abstract' && !(mode === 'either' && p.isTypedefName(t.text))) {
    p.next();
    name = t.text;
    nameAt = t;
  } else if (p.isPunct('(') && (p.isPunct('*', 1) || p.isPunct('(', 1) || (p.peek(1).kind === 'ident' && mode !== 'abstract' && !isTypeStart(p, 1)))) {
    p.next();
    inner = parseDeclarator(p, mode);
    p.expect(')', 'to close the declarator');
    name = inner.name;
    nameAt = inner.nameAt;
  } else if (mode === 'named') {
    p.fail(`expected an identifier before ${describe(t)}`, t);
  }
  const suffixes: Deriv[] = [];
  for (;;) {
    if (p.isPunct('[')) {
      const open = p.next();
      if (p.is('static') || p.is('const') || p.is('volatile')) p.error('qualifiers in array parameters are outside the scenario subset', p.next());
      const size = p.isPunct(']') ? undefined : parseAssignExpr(p);
      p.expect(']', 'to close the array size');
      suffixes.push({ kind: 'array', size, at: p.from(open) });
    } else if (p.isPunct('(')) {
      suffixes.push(parseParams(p));
    } else break;
  }
  const chain = [...ptrs, ...suffixes.reverse(), ...(inner?.chain ?? [])];
  return { name, nameAt, chain, at: p.from(start) };
}

function parseParams(p: Cursor): Deriv {
  const open = p.next();
  const params: ParamDecl[] = [];
  let variadic = false;
  if (p.is('void') && p.isPunct(')', 1)) { p.next(); p.next(); return { kind: 'func', params, variadic, at: p.from(open) }; }
  if (p.accept(')')) return { kind: 'func', params, variadic, at: p.from(open) };
  do {
    if (p.isPunct('...')) { p.next(); variadic = true; break; }
    const ps = p.peek();
    if (!isDeclStart(p)) {
      if (ps.kind === 'ident' && (p.isPunct(',', 1) || p.isPunct(')', 1))) {
        p.fail(p.isTypedefName(ps.text) ? `expected a parameter` : `unknown type name '${ps.text}' (old-style parameter lists are outside the scenario subset)`, ps);
      }
    }
    const spec = parseDeclSpec(p, true);
    const declarator = parseDeclarator(p, 'either');
    params.push({ spec, declarator, at: p.from(ps) });
  } while (p.accept(','));
  p.expect(')', 'to close the parameter list');
  return { kind: 'func', params, variadic, at: p.from(open) };
}

export function parseTypeName(p: Cursor): TypeName {
  const start = p.peek();
  const spec = parseDeclSpec(p, false);
  const declarator = parseDeclarator(p, 'abstract');
  return { spec, declarator, at: p.from(start) };
}

export function parseInitializer(p: Cursor): Initializer {
  const start = p.peek();
  if (!p.isPunct('{')) {
    const expr = parseAssignExpr(p);
    return { kind: 'expr', expr, at: expr.at };
  }
  p.next();
  const items: { designators: Designator[]; init: Initializer }[] = [];
  while (!p.isPunct('}')) {
    const designators: Designator[] = [];
    for (;;) {
      if (p.isPunct('.')) {
        const dot = p.next();
        const n = p.next();
        if (n.kind !== 'ident') p.fail(`expected a field name after '.'`, n);
        designators.push({ kind: 'field', name: n.text, at: p.from(dot) });
      } else if (p.isPunct('[')) {
        const open = p.next();
        const index = parseCondExpr(p);
        if (p.isPunct('...')) p.fail('range designators are outside the scenario subset', p.peek());
        p.expect(']');
        designators.push({ kind: 'index', index, at: p.from(open) });
      } else break;
    }
    if (designators.length) p.expect('=', 'after the designator');
    items.push({ designators, init: parseInitializer(p) });
    if (!p.accept(',')) break;
  }
  p.expect('}', 'to close the initializer list');
  return { kind: 'list', items, at: p.from(start) };
}
