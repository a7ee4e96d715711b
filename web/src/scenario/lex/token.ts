/** Preprocessing tokens: what the lexer makes and the preprocessor rewrites. */
import type { SourceRange } from '../diagnostics';

export type TokenKind = 'ident' | 'number' | 'char' | 'string' | 'punct' | 'other' | 'eof';

export interface Token extends SourceRange {
  kind: TokenKind;
  text: string;
  /** First token on its source line: directives start only there. */
  bol: boolean;
  /** Whitespace before it: needed by `#` stringification and `#define F(` vs `F (`. */
  space: boolean;
  /** Macros this token came out of (the C standard's "hide set"). */
  hide?: ReadonlySet<string>;
  /** Set on a macro argument's tokens so `#if defined` and `##` can tell. */
  noExpand?: boolean;
}

/** A copy of `t` placed at `at` (a macro's use site), keeping its text. */
export function relocate(t: Token, at: SourceRange, hide?: ReadonlySet<string>): Token {
  return {
    ...t, file: at.file, line: at.line, col: at.col, endLine: at.endLine, endCol: at.endCol,
    hide: hide ?? t.hide,
  };
}
