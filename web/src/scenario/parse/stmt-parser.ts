/**
 * Statements. Declarations may appear anywhere in a block (C99), including
 * `for (int i = 0; ...)`. `goto`, labels and inline assembly are refused.
 */
import type { Declaration, Stmt } from './ast';
import { type Cursor, ParseAbort } from './cursor';
import { isDeclStart, parseDeclarator, parseDeclSpec, parseInitializer } from './decl-parser';
import { parseExpr } from './expr-parser';

export function parseBlock(p: Cursor): Stmt & { kind: 'block' } {
  const open = p.expect('{');
  p.pushScope();
  const items: Stmt[] = [];
  try {
    while (!p.isPunct('}') && !p.atEof()) {
      const before = p.pos;
      try {
        items.push(parseStmt(p));
      } catch (e) {
        if (!(e instanceof ParseAbort)) throw e;
        if (p.pos === before && !p.isPunct('}')) p.next();
        p.syncStatement();
      }
    }
  } finally { p.popScope(); }
  const close = p.expect('}', 'to close the block');
  return { kind: 'block', items, at: p.from(open), endAt: close };
}

/** A declaration after its specifiers have been recognised: `int a = 1, *b;`. */
export function parseDeclaration(p: Cursor): Declaration {
  const start = p.peek();
  const spec = parseDeclSpec(p, true);
  const declarators: Declaration['declarators'] = [];
  if (!p.isPunct(';')) {
    do {
      const declarator = parseDeclarator(p, 'named');
      if (declarator.name) p.declare(declarator.name, spec.storage === 'typedef');
      const init = p.accept('=') ? parseInitializer(p) : undefined;
      declarators.push({ declarator, init });
    } while (p.accept(','));
  }
  p.expect(';', 'after the declaration');
  return { kind: 'decl', spec, declarators, at: p.from(start) };
}

export function parseStmt(p: Cursor): Stmt {
  const t = p.peek();
  if (t.kind === 'punct' && t.text === '{') return parseBlock(p);
  if (t.kind === 'punct' && t.text === ';') { p.next(); return { kind: 'empty', at: t }; }
  if (t.kind === 'ident') {
    switch (t.text) {
      case 'if': {
        p.next();
        p.expect('(', "after 'if'");
        const cond = parseExpr(p);
        p.expect(')', 'after the condition');
        const then = parseStmt(p);
        const els = p.accept('else') ? parseStmt(p) : undefined;
        return { kind: 'if', cond, then, else: els, at: p.from(t) };
      }
      case 'while': {
        p.next();
        p.expect('(', "after 'while'");
        const cond = parseExpr(p);
        p.expect(')', 'after the condition');
        return { kind: 'while', cond, body: parseStmt(p), at: p.from(t) };
      }
      case 'do': {
        p.next();
        const body = parseStmt(p);
        p.expect('while', "after the body of 'do'");
        p.expect('(', "after 'while'");
        const cond = parseExpr(p);
        p.expect(')', 'after the condition');
        p.expect(';', "after 'do ... while'");
        return { kind: 'do', body, cond, at: p.from(t) };
      }
      case 'for': return parseFor(p);
      case 'switch': {
        p.next();
        p.expect('(', "after 'switch'");
        const value = parseExpr(p);
        p.expect(')', 'after the switch value');
        return { kind: 'switch', value, body: parseStmt(p), at: p.from(t) };
      }
      case 'case': {
        p.next();
        const value = parseExpr(p);
        if (p.isPunct('...')) p.fail('case ranges are outside the scenario subset', p.peek());
        p.expect(':', "after the case value");
        return { kind: 'case', value, body: parseCaseBody(p), at: p.from(t) };
      }
      case 'default': {
        p.next();
        p.expect(':', "after 'default'");
        return { kind: 'default', body: parseCaseBody(p), at: p.from(t) };
      }
      case 'break': p.next(); p.expect(';', "after 'break'"); return { kind: 'break', at: t };
      case 'continue': p.next(); p.expect(';', "after 'continue'"); return { kind: 'continue', at: t };
      case 'return': {
        p.next();
        const value = p.isPunct(';') ? undefined : parseExpr(p);
        p.expect(';', 'after the return value');
        return { kind: 'return', value, at: p.from(t) };
      }
      case 'goto':
        p.fail("'goto' is outside the scenario subset; use structured control flow (break, return, a flag)", t);
        break;
      case 'asm': case '__asm': case '__asm__':
        p.fail('inline assembly is outside the scenario subset', t);
        break;
      case '_Static_assert':
        p.fail("'_Static_assert' is outside the scenario subset", t);
    }
    if (p.isPunct(':', 1) && !p.isTypedefName(t.text)) {
      p.fail(`label '${t.text}': labels (and goto) are outside the scenario subset`, t);
    }
    if (isDeclStart(p)) {
      const decl = parseDeclaration(p);
      return { kind: 'decl', decl, at: decl.at };
    }
  }
  const expr = parseExpr(p);
  p.expect(';', 'after the expression');
  return { kind: 'expr', expr, at: p.from(t) };
}

/** What follows `case X:`: one statement (others follow as siblings, as in C's grammar). */
function parseCaseBody(p: Cursor): Stmt {
  if (p.isPunct('}')) return { kind: 'empty', at: p.peek() };
  return parseStmt(p);
}

function parseFor(p: Cursor): Stmt {
  const t = p.next();
  p.expect('(', "after 'for'");
  p.pushScope();
  try {
    let init: Declaration | ReturnType<typeof parseExpr> | undefined;
    if (isDeclStart(p)) init = parseDeclaration(p);
    else {
      if (!p.isPunct(';')) init = parseExpr(p);
      p.expect(';', 'after the for initializer');
    }
    const cond = p.isPunct(';') ? undefined : parseExpr(p);
    p.expect(';', 'after the for condition');
    const step = p.isPunct(')') ? undefined : parseExpr(p);
    p.expect(')', 'to close the for header');
    const body = parseStmt(p);
    return { kind: 'for', init, cond, step, body, at: p.from(t) };
  } finally { p.popScope(); }
}
