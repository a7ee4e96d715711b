/** The parser's entry: a translation unit of declarations and function definitions. */
import type { DiagnosticBag } from '../diagnostics';
import type { Token } from '../lex/token';
import type { Declaration, ExternalDecl, FunctionDef, TranslationUnit } from './ast';
import { Cursor, ParseAbort } from './cursor';
import { parseDeclarator, parseDeclSpec, parseInitializer } from './decl-parser';
import { parseBlock } from './stmt-parser';

export function parse(tokens: Token[], diags: DiagnosticBag): TranslationUnit {
  const p = new Cursor(tokens, diags);
  const decls: ExternalDecl[] = [];
  while (!p.atEof() && !diags.full) {
    const before = p.pos;
    try {
      const d = parseExternal(p);
      if (d) decls.push(d);
    } catch (e) {
      if (!(e instanceof ParseAbort) && !(e instanceof RangeError)) throw e;
      if (e instanceof RangeError) diags.error('input nested too deeply', p.peek());
      if (p.pos === before) p.next();
      p.syncStatement();
      if (p.isPunct('}')) p.next();
    }
  }
  return { decls };
}

function parseExternal(p: Cursor): ExternalDecl | undefined {
  const start = p.peek();
  if (p.accept(';')) return undefined;
  const spec = parseDeclSpec(p, true);
  const declarators: Declaration['declarators'] = [];
  if (p.isPunct(';')) { p.next(); return { kind: 'decl', spec, declarators, at: p.from(start) }; }
  for (;;) {
    const declarator = parseDeclarator(p, 'named');
    const fn = declarator.chain[declarator.chain.length - 1];
    if (declarators.length === 0 && fn?.kind === 'func' && p.isPunct('{')) {
      if (declarator.name) p.declare(declarator.name, false);
      p.pushScope();
      try {
        for (const prm of fn.params) if (prm.declarator.name) p.declare(prm.declarator.name, false);
        const body = parseBlock(p);
        const def: FunctionDef = { kind: 'function', spec, declarator, body, at: p.from(start) };
        return def;
      } finally { p.popScope(); }
    }
    if (declarator.name) p.declare(declarator.name, spec.storage === 'typedef');
    const init = p.accept('=') ? parseInitializer(p) : undefined;
    declarators.push({ declarator, init });
    if (!p.accept(',')) break;
  }
  if (!p.isPunct(';') && declarators.length === 1 && declarators[0].declarator.chain.at(-1)?.kind === 'func' && p.peek().kind === 'ident') {
    p.fail('old-style (K&R) function definitions are outside the scenario subset', p.peek());
  }
  p.expect(';', 'after the declaration');
  return { kind: 'decl', spec, declarators, at: p.from(start) };
}
