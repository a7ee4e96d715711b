/**
 * DbgPrint format checking (warnings, like gcc's -Wformat): each conversion
 * against the argument it will read, by size and kind, since on x64 a `%d`
 * given a 64-bit value or a `%lld` given an int prints the wrong number.
 */
import type { Expr } from '../parse/ast';
import { type CType, isInteger, isPointer, sizeOf } from '../types/ctype';
import { quoteType } from '../types/print';
import type { Checker } from './checker';
import type { TExpr } from './ir';

interface Conversion { text: string; conv: string; size: number; stars: number }

/** What DbgPrint formats here (core-c/emu/format.c), so what a scenario may write. */
export const FORMAT_CONVERSIONS = 'diuoxXcspZ';
export const FORMAT_LENGTHS = ['hh', 'h', 'll', 'l', 'I64', 'I32', 'I', 'w'] as const;

/**
 * The conversions of a printf-style format, or why the formatter cannot print
 * it: an unknown conversion or length modifier would print as written and
 * shift every argument after it, so it is refused, not warned about.
 */
export function parseFormat(fmt: string): Conversion[] | string {
  const out: Conversion[] = [];
  const re = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?(hh|h|ll|l|I64|I32|I|w|z|j|t|L|q)?(.?)/g;
  for (let m = re.exec(fmt); m; m = re.exec(fmt)) {
    const [text, , width, prec, len = '', conv] = m;
    if (text === '%%') continue;
    if (!conv) return `format string ends in the middle of '${text}'`;
    if (!FORMAT_CONVERSIONS.includes(conv)) {
      const hint = conv === 'n' ? " ('%n' writes memory and is not supported)" : '';
      return `DbgPrint has no conversion '%${conv}' in '${text}'${hint}; use one of %d %i %u %o %x %X %c %s %p %Z %wZ %%`;
    }
    if (len && !(FORMAT_LENGTHS as readonly string[]).includes(len)) {
      return `DbgPrint has no length modifier '${len}' in '${text}'; write 'll' or 'I64' for 64-bit values, 'I' for pointer-sized ones`;
    }
    if (len === 'w' && conv !== 'Z') return `'${text}': the 'w' modifier goes only with 'Z' ('%wZ' prints a UNICODE_STRING)`;
    if (conv === 'Z' && len !== 'w' && len !== '') return `'${text}': write '%Z' (ANSI_STRING) or '%wZ' (UNICODE_STRING)`;
    const size = len === 'll' || len === 'I64' || len === 'I' ? 8 : len === 'h' ? 2 : len === 'hh' ? 1 : 4;
    out.push({ text, conv: conv === 'Z' && len === 'w' ? 'wZ' : conv, size, stars: (width === '*' ? 1 : 0) + (prec === '*' ? 1 : 0) });
  }
  return out;
}

export function checkFormat(c: Checker, fmtExpr: Expr, args: TExpr[]): void {
  if (fmtExpr.kind !== 'string') return; // a computed format cannot be checked
  const convs = parseFormat(new TextDecoder().decode(new Uint8Array(fmtExpr.bytes)));
  if (typeof convs === 'string') { c.error(convs, fmtExpr.at); return; }
  let n = 1;
  const nextArg = () => args[n++];
  for (const cv of convs) {
    for (let s = 0; s < cv.stars; s++) {
      const a = nextArg();
      if (!a) { c.warning(`field width specifier '*' expects a matching 'int' argument`, fmtExpr.at); return; }
    }
    const a = nextArg();
    if (!a) { c.warning(`format '${cv.text}' expects a matching argument`, fmtExpr.at); return; }
    const problem = mismatch(cv, a.type);
    if (problem) c.warning(`format '${cv.text}' expects ${problem}, but argument ${n} has type ${quoteType(a.type)}`, a.at);
  }
  if (n < args.length) c.warning('too many arguments for format', args[n].at);
}

function mismatch(cv: Conversion, t: CType): string | undefined {
  if (cv.conv === 's') {
    return isPointer(t) && t.to.kind === 'int' && sizeOf(t.to) === 1 ? undefined : "a 'char *' argument";
  }
  if (cv.conv === 'wZ') return isStructPointer(t, '_UNICODE_STRING') ? undefined : "a 'PUNICODE_STRING' argument";
  if (cv.conv === 'Z') return isStructPointer(t, '_STRING') ? undefined : "a 'PANSI_STRING' argument";
  if (cv.conv === 'p') return isPointer(t) ? undefined : "a pointer argument";
  if (cv.conv === 'c') return isInteger(t) && sizeOf(t)! <= 4 ? undefined : "an 'int' argument";
  if (cv.size < 4) return isInteger(t) && sizeOf(t)! <= 4 ? undefined : "an 'int' argument";
  const want = cv.size === 8 ? "a 64-bit integer argument ('long long')" : "a 32-bit integer argument ('int' or 'long')";
  if (!isInteger(t)) return want;
  return sizeOf(t) === cv.size ? undefined : want;
}

function isStructPointer(t: CType, tag: string): boolean {
  return isPointer(t) && t.to.kind === 'struct' && t.to.def.tag === tag;
}
