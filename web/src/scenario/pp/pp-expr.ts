/**
 * `#if` expressions: integer constant expressions evaluated in intmax_t /
 * uintmax_t (64 bits), as the C standard asks of the preprocessor.
 * Identifiers left after macro expansion are 0.
 */
import type { DiagnosticBag, SourceRange } from '../diagnostics';
import { parseCharLiteral, parseIntLiteral } from '../lex/literals';
import type { Token } from '../lex/token';

interface PPValue { v: bigint; u: boolean }

const norm = (v: bigint, u: boolean): PPValue => ({ v: u ? BigInt.asUintN(64, v) : BigInt.asIntN(64, v), u });

class PPError extends Error {
  constructor(message: string, readonly at: SourceRange) { super(message); }
}

const BINARY_PRECEDENCE: Record<string, number> = {
  '*': 10, '/': 10, '%': 10, '+': 9, '-': 9, '<<': 8, '>>': 8, '<': 7, '>': 7, '<=': 7, '>=': 7,
  '==': 6, '!=': 6, '&': 5, '^': 4, '|': 3, '&&': 2, '||': 1,
};

/** Evaluates the tokens of a `#if`/`#elif` line; errors become diagnostics and a false result. */
export function evalPPExpr(toks: Token[], directive: Token, diags: DiagnosticBag): boolean {
  let i = 0;
  const peek = () => toks[i];
  const fail = (msg: string, at?: Token): never => { throw new PPError(msg, at ?? peek() ?? directive); };

  const primary = (): PPValue => {
    const t = toks[i++];
    if (!t) return fail(`#${directive.text} with no expression`, directive);
    if (t.kind === 'punct' && t.text === '(') {
      const v = ternary();
      if (peek()?.text !== ')') fail("missing ')' in expression");
      i++;
      return v;
    }
    if (t.kind === 'number') {
      const r = parseIntLiteral(t.text);
      if (!r.ok) return fail(r.error, t);
      return norm(r.value.value, /u/i.test(t.text.replace(/^0x/i, '')) || r.value.value > 0x7fffffffffffffffn);
    }
    if (t.kind === 'char') {
      const r = parseCharLiteral(t.text);
      if (!r.ok) return fail(r.error, t);
      return norm(r.value, false);
    }
    if (t.kind === 'ident') return norm(0n, false);
    if (t.kind === 'punct' && ['-', '+', '~', '!'].includes(t.text)) {
      const x = primary();
      if (t.text === '-') return norm(-x.v, x.u);
      if (t.text === '+') return x;
      if (t.text === '~') return norm(~x.v, x.u);
      return norm(x.v === 0n ? 1n : 0n, false);
    }
    return fail(`token "${t.text}" is not valid in preprocessor expressions`, t);
  };

  const binary = (minPrec: number): PPValue => {
    let left = primary();
    for (;;) {
      const op = peek();
      const prec = op?.kind === 'punct' ? BINARY_PRECEDENCE[op.text] : undefined;
      if (prec === undefined || prec < minPrec) return left;
      i++;
      const right = binary(prec + 1);
      left = apply(op.text, left, right, op);
    }
  };

  const ternary = (): PPValue => {
    const c = binary(1);
    if (peek()?.text !== '?') return c;
    i++;
    const a = ternary();
    if (peek()?.text !== ':') fail("expected ':' in preprocessor expression");
    i++;
    const b = ternary();
    const u = a.u || b.u;
    return norm(c.v !== 0n ? a.v : b.v, u);
  };

  const apply = (op: string, a: PPValue, b: PPValue, at: Token): PPValue => {
    if (op === '&&') return norm(a.v !== 0n && b.v !== 0n ? 1n : 0n, false);
    if (op === '||') return norm(a.v !== 0n || b.v !== 0n ? 1n : 0n, false);
    if (op === '<<' || op === '>>') {
      const n = b.v & 63n;
      return norm(op === '<<' ? a.v << n : a.v >> n, a.u);
    }
    const u = a.u || b.u;
    const x = norm(a.v, u).v, y = norm(b.v, u).v;
    switch (op) {
      case '*': return norm(x * y, u);
      case '/': case '%':
        if (y === 0n) fail('division by zero in #if', at);
        return norm(op === '/' ? x / y : x % y, u);
      case '+': return norm(x + y, u);
      case '-': return norm(x - y, u);
      case '<': return norm(x < y ? 1n : 0n, false);
      case '>': return norm(x > y ? 1n : 0n, false);
      case '<=': return norm(x <= y ? 1n : 0n, false);
      case '>=': return norm(x >= y ? 1n : 0n, false);
      case '==': return norm(x === y ? 1n : 0n, false);
      case '!=': return norm(x !== y ? 1n : 0n, false);
      case '&': return norm(x & y, u);
      case '^': return norm(x ^ y, u);
      default: return norm(x | y, u);
    }
  };

  try {
    const v = ternary();
    if (i < toks.length) fail(`missing binary operator before token "${toks[i].text}"`, toks[i]);
    return v.v !== 0n;
  } catch (e) {
    if (!(e instanceof PPError)) throw e;
    diags.error(e.message, e.at);
    return false;
  }
}
