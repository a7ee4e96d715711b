/**
 * The C lexer: source text to preprocessing tokens with exact positions.
 * Comments become whitespace; a backslash-newline joins lines (directives
 * continue over it). Nothing here throws: bad input becomes a diagnostic
 * and an `other` token, so the parser reports it in context.
 */
import type { DiagnosticBag } from '../diagnostics';
import type { Token, TokenKind } from './token';

const PUNCTUATORS = [
  '%:%:', '...', '<<=', '>>=',
  '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '*=', '/=', '%=', '+=', '-=',
  '&=', '^=', '|=', '##', '<:', ':>', '<%', '%>', '%:',
  '[', ']', '(', ')', '{', '}', '.', '&', '*', '+', '-', '~', '!', '/', '%', '<', '>', '^', '|',
  '?', ':', ';', '=', ',', '#',
];
const DIGRAPHS: Record<string, string> = { '<:': '[', ':>': ']', '<%': '{', '%>': '}', '%:': '#', '%:%:': '##' };

const isIdStart = (c: string) => /[A-Za-z_$]/.test(c);
const isIdChar = (c: string) => /[A-Za-z0-9_$]/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

export function lex(src: string, file: string, diags: DiagnosticBag): Token[] {
  const out: Token[] = [];
  let i = 0, line = 1, col = 1;
  let bol = true, space = false;

  const peek = (k = 0) => src[i + k] ?? '';
  const advance = () => {
    if (src[i] === '\n') { line++; col = 1; } else col++;
    i++;
  };
  /** Skips any backslash-newline splices at the cursor. */
  const skipSplices = () => {
    while (src[i] === '\\' && (src[i + 1] === '\n' || (src[i + 1] === '\r' && src[i + 2] === '\n'))) {
      if (src[i + 1] === '\r') advance();
      advance(); advance();
    }
  };
  const push = (kind: TokenKind, text: string, sl: number, sc: number) => {
    out.push({ kind, text, file, line: sl, col: sc, endLine: line, endCol: col, bol, space });
    bol = false; space = false;
  };

  while (i < src.length) {
    skipSplices();
    if (i >= src.length) break;
    const c = src[i];
    if (c === '\n') { advance(); bol = true; space = false; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') { advance(); space = true; continue; }
    if (c === '/' && peek(1) === '/') {
      while (i < src.length && src[i] !== '\n') { advance(); skipSplices(); }
      space = true;
      continue;
    }
    if (c === '/' && peek(1) === '*') {
      const sl = line, sc = col;
      advance(); advance();
      while (i < src.length && !(src[i] === '*' && src[i + 1] === '/')) advance();
      if (i >= src.length) {
        diags.error('unterminated comment', { file, line: sl, col: sc, endLine: sl, endCol: sc + 2 });
      } else { advance(); advance(); }
      space = true;
      continue;
    }
    const sl = line, sc = col;
    if (isIdStart(c)) {
      // L"..." and L'...' are wide literals: lexed as one token so they can be refused clearly.
      let text = '';
      while (i < src.length && isIdChar(src[i])) { text += src[i]; advance(); skipSplices(); }
      if ((text === 'L' || text === 'u' || text === 'U' || text === 'u8') && (src[i] === '"' || src[i] === '\'')) {
        const q = src[i];
        text += lexQuoted(q);
        push(q === '"' ? 'string' : 'char', text, sl, sc);
      } else push('ident', text, sl, sc);
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(peek(1)))) {
      // A pp-number: digits, letters, dots, and exponent signs (so 1e+5 stays one token).
      let text = '';
      while (i < src.length) {
        const ch = src[i];
        if ((ch === '+' || ch === '-') && /[eEpP]/.test(text[text.length - 1] ?? '')) { text += ch; advance(); continue; }
        if (!isIdChar(ch) && ch !== '.') break;
        text += ch; advance(); skipSplices();
      }
      push('number', text, sl, sc);
      continue;
    }
    if (c === '"' || c === '\'') {
      const text = lexQuoted(c);
      push(c === '"' ? 'string' : 'char', text, sl, sc);
      continue;
    }
    const p = PUNCTUATORS.find((q) => src.startsWith(q, i));
    if (p) {
      for (let k = 0; k < p.length; k++) advance();
      push('punct', DIGRAPHS[p] ?? p, sl, sc);
      continue;
    }
    advance();
    push('other', c, sl, sc);
  }
  out.push({ kind: 'eof', text: '', file, line, col, endLine: line, endCol: col, bol: true, space: false });
  return out;

  /** A quoted literal including its quotes; stops at end of line if unterminated. */
  function lexQuoted(q: string): string {
    const sl = line, sc = col;
    let text = q;
    advance();
    while (i < src.length && src[i] !== q && src[i] !== '\n') {
      if (src[i] === '\\' && i + 1 < src.length && src[i + 1] !== '\n') { text += src[i]; advance(); }
      text += src[i]; advance(); skipSplices();
    }
    if (src[i] === q) { text += q; advance(); } else {
      diags.error(q === '"' ? 'missing terminating " character' : "missing terminating ' character",
        { file, line: sl, col: sc, endLine: line, endCol: col });
    }
    return text;
  }
}
