/**
 * The parser's state: the token stream, the typedef names in scope (C needs
 * them to tell `(T)x` from `(x)`), and error reporting with recovery.
 */
import { type DiagnosticBag, rangeFrom, type SourceRange } from '../diagnostics';
import type { Token } from '../lex/token';
import { HEADER_NAMES } from '../prelude';

/** Thrown to unwind to the nearest recovery point; never escapes the parser. */
export class ParseAbort extends Error {}

export const KEYWORDS = new Set([
  'auto', 'break', 'case', 'char', 'const', 'continue', 'default', 'do', 'double', 'else', 'enum',
  'extern', 'float', 'for', 'goto', 'if', 'inline', 'int', 'long', 'register', 'restrict', 'return',
  'short', 'signed', 'sizeof', 'static', 'struct', 'switch', 'typedef', 'union', 'unsigned', 'void',
  'volatile', 'while', '_Bool', '_Complex', '_Imaginary', '_Noreturn', '_Static_assert', '_Alignas',
  '_Alignof', '_Atomic', '_Generic', '_Thread_local', '__inline', '__forceinline', '__asm', '__asm__',
  'asm', '__attribute__', '__declspec', '__int64', '__int32', '__int16', '__int8', 'typeof', '__typeof__',
]);

export class Cursor {
  pos = 0;
  private scopes: Map<string, boolean>[] = [new Map()];

  constructor(private readonly toks: Token[], readonly diags: DiagnosticBag) {}

  peek(k = 0): Token { return this.toks[Math.min(this.pos + k, this.toks.length - 1)]; }
  next(): Token { const t = this.peek(); if (t.kind !== 'eof') this.pos++; return t; }
  prev(): Token { return this.toks[Math.max(0, this.pos - 1)]; }
  atEof(): boolean { return this.peek().kind === 'eof'; }

  is(text: string, k = 0): boolean {
    const t = this.peek(k);
    return (t.kind === 'punct' || t.kind === 'ident') && t.text === text;
  }
  isPunct(text: string, k = 0): boolean { const t = this.peek(k); return t.kind === 'punct' && t.text === text; }
  accept(text: string): Token | undefined { return this.is(text) ? this.next() : undefined; }

  expect(text: string, what?: string): Token {
    if (this.is(text)) return this.next();
    this.fail(`expected '${text}'${what ? ` ${what}` : ''} before ${describe(this.peek())}`,
      text === ';' ? this.afterPrev() : this.peek());
  }

  /**
   * Just past the last consumed token, where gcc puts a missing `;`: the user forgot
   * it there, not at the next token (which is often on the following line).
   */
  private afterPrev(): SourceRange {
    const next = this.peek();
    if (this.pos === 0) return next;
    const t = this.prev();
    if (t.file !== next.file) return next; // the previous token came from a header
    return { file: t.file, line: t.endLine, col: t.endCol, endLine: t.endLine, endCol: t.endCol + 1 };
  }

  /** A token from one of the WDK headers: there, prelude-only constructs are allowed. */
  inPrelude(t: Token): boolean { return HEADER_NAMES.has(t.file); }

  error(message: string, at: SourceRange): void { this.diags.error(message, at); }
  fail(message: string, at: SourceRange): never {
    this.diags.error(message, at);
    throw new ParseAbort(message);
  }

  /** The range from `start` to the last consumed token. */
  from(start: SourceRange): SourceRange { return rangeFrom(start, this.prev().endLine ? this.prev() : start); }

  pushScope(): void { this.scopes.push(new Map()); }
  popScope(): void { if (this.scopes.length > 1) this.scopes.pop(); }
  declare(name: string, isTypedef: boolean): void { this.scopes[this.scopes.length - 1].set(name, isTypedef); }
  isTypedefName(name: string): boolean {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i].get(name);
      if (v !== undefined) return v;
    }
    return false;
  }

  typedefNames(): string[] {
    return this.scopes.flatMap((m) => [...m].filter(([, td]) => td).map(([n]) => n));
  }

  /** Skips to just after the next `;` at this nesting level, or before a `}` that closes it. */
  syncStatement(): void {
    let depth = 0;
    while (!this.atEof()) {
      const t = this.peek();
      if (t.kind === 'punct') {
        if (t.text === '{' || t.text === '(' || t.text === '[') depth++;
        else if (t.text === ')' || t.text === ']') depth = Math.max(0, depth - 1);
        else if (t.text === '}') {
          if (depth === 0) return;
          depth--;
          if (depth === 0) { this.next(); if (this.isPunct(';')) this.next(); return; }
        } else if (t.text === ';' && depth === 0) { this.next(); return; }
      }
      this.next();
    }
  }
}

export function describe(t: Token): string {
  if (t.kind === 'eof') return 'end of input';
  return `'${t.text}'`;
}
