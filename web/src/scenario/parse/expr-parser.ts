/**
 * Expressions, by C's precedence: comma, assignment, conditional, the ten
 * binary levels, casts and unary operators, postfix operators, primaries.
 */
import { rangeFrom } from '../diagnostics';
import { parseCharLiteral, parseIntLiteral, parseStringLiteral } from '../lex/literals';
import type { AssignOp, BinaryOp, Expr } from './ast';
import { type Cursor, describe, KEYWORDS } from './cursor';
import { isTypeStart, parseTypeName } from './decl-parser';

const BINARY: Record<string, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '>': 7, '<=': 7, '>=': 7,
  '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
};
const ASSIGN = new Set(['=', '*=', '/=', '%=', '+=', '-=', '<<=', '>>=', '&=', '^=', '|=']);
const MAX_DEPTH = 400;
let depth = 0;

/** Guards the recursion so a fuzzer's 10,000 nested parentheses become a diagnostic, not a stack overflow. */
function nest<T>(p: Cursor, f: () => T): T {
  if (++depth > MAX_DEPTH) { depth = 0; p.fail('expression nested too deeply', p.peek()); }
  try { return f(); } finally { depth = Math.max(0, depth - 1); }
}

export function parseExpr(p: Cursor): Expr {
  let e = parseAssignExpr(p);
  while (p.isPunct(',')) {
    p.next();
    const right = parseAssignExpr(p);
    e = { kind: 'comma', left: e, right, at: rangeFrom(e.at, right.at) };
  }
  return e;
}

export function parseAssignExpr(p: Cursor): Expr {
  return nest(p, () => {
    const left = parseCondExpr(p);
    const t = p.peek();
    if (t.kind === 'punct' && ASSIGN.has(t.text)) {
      p.next();
      const right = parseAssignExpr(p);
      return { kind: 'assign', op: t.text as AssignOp, left, right, at: rangeFrom(left.at, right.at), opAt: t };
    }
    return left;
  });
}

export function parseCondExpr(p: Cursor): Expr {
  const cond = parseBinary(p, 1);
  if (!p.isPunct('?')) return cond;
  p.next();
  const then = parseExpr(p);
  p.expect(':', 'in conditional expression');
  const els = nest(p, () => parseCondExpr(p));
  return { kind: 'cond', cond, then, else: els, at: rangeFrom(cond.at, els.at) };
}

function parseBinary(p: Cursor, minPrec: number): Expr {
  let left = parseCast(p);
  for (;;) {
    const t = p.peek();
    const prec = t.kind === 'punct' ? BINARY[t.text] : undefined;
    if (prec === undefined || prec < minPrec) return left;
    p.next();
    const right = nest(p, () => parseBinary(p, prec + 1));
    left = { kind: 'binary', op: t.text as BinaryOp, left, right, at: rangeFrom(left.at, right.at), opAt: t };
  }
}

function parseCast(p: Cursor): Expr {
  if (p.isPunct('(') && isTypeStart(p, 1)) {
    const open = p.next();
    const type = parseTypeName(p);
    p.expect(')', 'to close the cast');
    if (p.isPunct('{')) p.fail('compound literals are outside the scenario subset; declare a variable', p.from(open));
    const operand = nest(p, () => parseCast(p));
    return { kind: 'cast', type, operand, at: rangeFrom(open, operand.at) };
  }
  return parseUnary(p);
}

function parseUnary(p: Cursor): Expr {
  const t = p.peek();
  if (t.kind === 'punct' && ['-', '+', '!', '~', '*', '&', '++', '--'].includes(t.text)) {
    p.next();
    const operand = nest(p, () => (t.text === '++' || t.text === '--' ? parseUnary(p) : parseCast(p)));
    return { kind: 'unary', op: t.text as '-', operand, at: rangeFrom(t, operand.at) };
  }
  if (t.kind === 'ident' && t.text === 'sizeof') {
    p.next();
    if (p.isPunct('(') && isTypeStart(p, 1)) {
      p.next();
      const type = parseTypeName(p);
      p.expect(')', 'to close sizeof');
      if (p.isPunct('{')) p.fail('compound literals are outside the scenario subset; declare a variable', p.from(t));
      return { kind: 'sizeofType', type, at: p.from(t) };
    }
    const operand = nest(p, () => parseUnary(p));
    return { kind: 'sizeofExpr', operand, at: rangeFrom(t, operand.at) };
  }
  if (t.kind === 'ident' && ['_Alignof', '__alignof', '__alignof__', '_Generic'].includes(t.text)) {
    p.fail(`'${t.text}' is outside the scenario subset`, t);
  }
  return parsePostfix(p);
}

function parsePostfix(p: Cursor): Expr {
  let e = parsePrimary(p);
  for (;;) {
    const t = p.peek();
    if (t.kind !== 'punct') return e;
    if (t.text === '[') {
      p.next();
      const index = parseExpr(p);
      p.expect(']', 'to close the subscript');
      e = { kind: 'index', base: e, index, at: p.from(e.at) };
    } else if (t.text === '(') {
      p.next();
      const args: Expr[] = [];
      if (!p.isPunct(')')) {
        do args.push(parseAssignExpr(p)); while (p.accept(','));
      }
      p.expect(')', 'to close the argument list');
      e = { kind: 'call', callee: e, args, at: p.from(e.at) };
    } else if (t.text === '.' || t.text === '->') {
      p.next();
      const n = p.next();
      if (n.kind !== 'ident') p.fail(`expected a field name after '${t.text}' before ${describe(n)}`, n);
      e = { kind: 'member', base: e, name: n.text, arrow: t.text === '->', at: p.from(e.at), nameAt: n };
    } else if (t.text === '++' || t.text === '--') {
      p.next();
      e = { kind: 'postfix', op: t.text, operand: e, at: p.from(e.at) };
    } else return e;
  }
}

function parsePrimary(p: Cursor): Expr {
  const t = p.next();
  switch (t.kind) {
    case 'ident': {
      if (KEYWORDS.has(t.text)) p.pos--;
      if (KEYWORDS.has(t.text)) p.fail(`expected an expression before '${t.text}'`, t);
      if (p.isTypedefName(t.text)) p.fail(`unexpected type name '${t.text}': expected an expression`, t);
      return { kind: 'ident', name: t.text, at: t };
    }
    case 'number': {
      const r = parseIntLiteral(t.text);
      if (!r.ok) { p.error(r.error, t); return { kind: 'error', at: t }; }
      if (r.warning) p.diags.warning(r.warning, t);
      return { kind: 'int', value: r.value.value, type: r.value.type, at: t };
    }
    case 'char': {
      const r = parseCharLiteral(t.text);
      if (!r.ok) { p.error(r.error, t); return { kind: 'error', at: t }; }
      if (r.warning) p.diags.warning(r.warning, t);
      return { kind: 'int', value: r.value, type: 'char', at: t };
    }
    case 'string': {
      const bytes: number[] = [];
      let last = t;
      for (let s = t; ; s = p.next()) {
        const r = parseStringLiteral(s.text);
        if (!r.ok) p.error(r.error, s); else for (const b of r.value) bytes.push(b);
        last = s;
        if (p.peek().kind !== 'string') break;
      }
      return { kind: 'string', bytes, at: rangeFrom(t, last) };
    }
    case 'punct':
      if (t.text === '(') {
        if (p.isPunct('{')) p.fail('statement expressions are outside the scenario subset', p.from(t));
        const e = parseExpr(p);
        p.expect(')', 'to close the parenthesis');
        return { ...e, at: p.from(t) } as Expr;
      }
  }
  // Give the token back so recovery resynchronises on it (it may be the ';' that ends the statement).
  if (t.kind !== 'eof') p.pos--;
  p.fail(`expected an expression before ${describe(t)}`, t);
}
