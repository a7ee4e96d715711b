/**
 * Macro expansion with the C standard's rescanning rules, using hide sets
 * (Prosser's algorithm): a token that came out of macro M never expands M
 * again. Tokens made by an expansion take the position of the invocation, so
 * an error inside a macro body points at the line that used the macro.
 */
import type { DiagnosticBag, SourceRange } from '../diagnostics';
import { lex } from '../lex/lexer';
import { relocate, type Token } from '../lex/token';

export interface Macro {
  name: string;
  /** Parameter names for a function-like macro; undefined for an object-like one. */
  params?: string[];
  variadic: boolean;
  body: Token[];
  /** Where it was defined, for "redefined" diagnostics. */
  at: SourceRange;
}

export type MacroTable = Map<string, Macro>;

const union = (a: ReadonlySet<string> | undefined, b: Iterable<string>) => new Set([...(a ?? []), ...b]);
/** Work limits of one file's expansion: macro invocations, and tokens produced
 *  by them (a macro that uses its argument twice at every level doubles its
 *  output per level, so a few lines can ask for billions of tokens). */
export const MAX_EXPANSIONS = 20_000;
export const MAX_EXPANDED_TOKENS = 250_000;

export class MacroExpander {
  private budget = MAX_EXPANSIONS;
  private produced = 0;
  constructor(private readonly macros: MacroTable, private readonly diags: DiagnosticBag) {}

  private depth = 0;
  /** Set when the work limit stopped expansion: what follows is not the scenario. */
  stopped = false;

  /** Fully macro-expands a token list (no directives in it, no eof token). */
  expand(input: Token[]): Token[] {
    if (this.stopped) return [];
    this.depth++;
    try {
      return this.expandList(input);
    } catch (e) {
      if (!(e instanceof ExpansionLimit) || this.depth > 1) throw e;
      const what = e.tokens
        ? `more than ${MAX_EXPANDED_TOKENS.toLocaleString('en-US')} tokens`
        : `more than ${MAX_EXPANSIONS.toLocaleString('en-US')} macro invocations`;
      this.diags.error(`macro expansion stopped at '${e.name}': the scenario's macros expand to ${what} ` +
        '(the preprocessor\'s work limit; a macro that uses its argument twice at each level doubles its work per level)', e.at);
      this.stopped = true;
      return [];
    } finally {
      this.depth--;
    }
  }

  private expandList(input: Token[]): Token[] {
    let buf = input.slice();
    const out: Token[] = [];
    let i = 0;
    while (i < buf.length) {
      const t = buf[i];
      const m = t.kind === 'ident' && !t.noExpand ? this.macros.get(t.text) : undefined;
      if (!m || t.hide?.has(t.text)) {
        out.push(t);
        i++;
        continue;
      }
      if (!m.params) {
        this.spend(t);
        const body = this.builtin(m, t) ?? this.paste(m.body.map((b) => ({ ...b })), t);
        const hs = union(t.hide, [m.name]);
        this.charge(body.length, t, t.text);
        buf = replace(buf, i, 1, body.map((b) => relocate(b, t, union(b.hide, hs))));
        if (body.length) buf[i] = { ...buf[i], space: t.space, bol: t.bol };
        continue;
      }
      // Function-like: only an invocation when '(' follows.
      if (buf[i + 1]?.text !== '(' || buf[i + 1].kind !== 'punct') { out.push(t); i++; continue; }
      const call = this.collectArgs(buf, i + 1, t);
      if (!call) { i = buf.length; continue; }
      this.spend(t);
      const site: SourceRange = { ...t, endLine: call.close.endLine, endCol: call.close.endCol };
      const args = this.bindArgs(m, call.args, site);
      if (!args) { buf = replace(buf, i, call.end - i, []); continue; }
      const hs = union(new Set([...(t.hide ?? [])].filter((h) => call.close.hide?.has(h))), [m.name]);
      const body = this.substitute(m, args, site).map((b) => (b.fromArg ? { ...b.tok, hide: union(b.tok.hide, hs) } : relocate(b.tok, site, union(b.tok.hide, hs))));
      if (body.length) body[0] = { ...body[0], space: t.space, bol: t.bol };
      this.charge(body.length, t, t.text);
      buf = replace(buf, i, call.end - i, body);
    }
    return out;
  }

  /** Counts tokens produced; past the limit the whole expansion stops. */
  private charge(tokens: number, at: SourceRange, name: string): void {
    this.produced += tokens;
    if (this.produced > MAX_EXPANDED_TOKENS) throw new ExpansionLimit(at, name, true);
  }

  private spend(at: Token): void {
    if (--this.budget < 0) throw new ExpansionLimit(at, at.text, false);
  }

  private builtin(m: Macro, t: Token): Token[] | undefined {
    if (m.name === '__LINE__') return [{ ...t, kind: 'number', text: String(t.line) }];
    if (m.name === '__FILE__') return [{ ...t, kind: 'string', text: JSON.stringify(t.file) }];
    return undefined;
  }

  /** The arguments of an invocation whose '(' is at `open`, split at top-level commas. */
  private collectArgs(buf: Token[], open: number, name: Token): { args: Token[][]; close: Token; end: number } | undefined {
    const args: Token[][] = [[]];
    let depth = 0;
    for (let j = open + 1; j < buf.length; j++) {
      const a = buf[j];
      if (a.kind === 'punct' && a.text === '(') depth++;
      if (a.kind === 'punct' && a.text === ')') {
        if (depth === 0) return { args, close: a, end: j + 1 };
        depth--;
      }
      if (a.kind === 'punct' && a.text === ',' && depth === 0) args.push([]);
      else args[args.length - 1].push(a);
    }
    this.diags.error(`unterminated argument list invoking macro '${name.text}'`, name);
    return undefined;
  }

  private bindArgs(m: Macro, raw: Token[][], site: SourceRange): Map<string, Token[]> | undefined {
    const params = m.params!;
    const named = m.variadic ? params.length - 1 : params.length;
    let args = raw;
    if (params.length === 0 && raw.length === 1 && raw[0].length === 0) args = [];
    if (m.variadic && args.length === named) args = [...args, []];
    if (args.length < named || (!m.variadic && args.length > params.length)) {
      const verb = args.length < named ? 'requires' : 'passed';
      this.diags.error(`macro '${m.name}' ${verb === 'requires' ? `requires ${named} arguments, but only ${args.length} given` : `passed ${args.length} arguments, but takes just ${params.length}`}`, site);
      return undefined;
    }
    const map = new Map<string, Token[]>();
    params.forEach((p, k) => map.set(p, k < named ? args[k] : joinWithCommas(args.slice(named), site)));
    return map;
  }

  /** Replaces parameters in the body: `#p` stringifies, `p ## x` pastes raw tokens, others get expanded args. */
  private substitute(m: Macro, args: Map<string, Token[]>, site: SourceRange): { tok: Token; fromArg: boolean }[] {
    const body = m.body;
    const res: { tok: Token; fromArg: boolean; pasteNext?: boolean }[] = [];
    const isParam = (t: Token | undefined) => t?.kind === 'ident' && args.has(t.text);
    for (let k = 0; k < body.length; k++) {
      const t = body[k];
      if (t.text === '#' && t.kind === 'punct' && isParam(body[k + 1])) {
        res.push({ tok: { ...t, kind: 'string', text: stringify(args.get(body[k + 1].text)!) }, fromArg: false });
        k++;
        continue;
      }
      if (t.text === '##' && t.kind === 'punct') {
        // GNU comma elision: `, ## __VA_ARGS__` drops the comma when there are no variadic args.
        const prev = res[res.length - 1];
        if (prev?.tok.text === ',' && body[k + 1]?.text === '__VA_ARGS__' && m.variadic && args.get('__VA_ARGS__')!.length === 0) {
          res.pop();
          k++;
          continue;
        }
        res.push({ tok: t, fromArg: false });
        continue;
      }
      if (isParam(t)) {
        const raw = args.get(t.text)!;
        const pasted = body[k - 1]?.text === '##' || body[k + 1]?.text === '##';
        const toks = pasted ? raw : this.expand(raw.map((a) => ({ ...a, noExpand: false })));
        this.charge(toks.length, site, m.name);
        if (toks.length === 0 && pasted) res.push({ tok: { ...t, kind: 'other', text: '' }, fromArg: true });
        toks.forEach((a, n) => res.push({ tok: n === 0 ? { ...a, space: t.space } : a, fromArg: true }));
        continue;
      }
      res.push({ tok: t, fromArg: false });
    }
    return this.pasteMarked(res, site);
  }

  private paste(body: Token[], site: SourceRange): Token[] {
    return this.pasteMarked(body.map((tok) => ({ tok, fromArg: false })), site).map((r) => r.tok);
  }

  /** Applies every `##` left to right; empty placemarkers vanish at the end. */
  private pasteMarked(items: { tok: Token; fromArg: boolean }[], site: SourceRange): { tok: Token; fromArg: boolean }[] {
    const out: { tok: Token; fromArg: boolean }[] = [];
    for (let k = 0; k < items.length; k++) {
      const it = items[k];
      if (it.tok.kind === 'punct' && it.tok.text === '##' && out.length && k + 1 < items.length) {
        const left = out.pop()!.tok, right = items[++k].tok;
        const text = left.text + right.text;
        if (text === '') { out.push({ tok: left, fromArg: false }); continue; }
        const toks = lex(text, site.file, this.diags).filter((x) => x.kind !== 'eof');
        if (toks.length !== 1) {
          this.diags.error(`pasting "${left.text}" and "${right.text}" does not give a valid preprocessing token`, site);
          toks.forEach((x) => out.push({ tok: relocate(x, site), fromArg: false }));
          continue;
        }
        out.push({ tok: { ...relocate(toks[0], site), space: left.space }, fromArg: false });
        continue;
      }
      out.push(it);
    }
    return out.filter((x) => !(x.tok.kind === 'other' && x.tok.text === ''));
  }
}

class ExpansionLimit extends Error {
  constructor(readonly at: SourceRange, readonly name: string, readonly tokens: boolean) { super('expansion limit'); }
}

/** buf.splice(at, count, ...items) without spreading items as arguments (which fails past ~100k). */
function replace(buf: Token[], at: number, count: number, items: Token[]): Token[] {
  if (items.length < 10_000) { buf.splice(at, count, ...items); return buf; }
  return buf.slice(0, at).concat(items, buf.slice(at + count));
}

function joinWithCommas(args: Token[][], site: SourceRange): Token[] {
  const out: Token[] = [];
  args.forEach((a, k) => {
    if (k > 0) out.push({ ...site, kind: 'punct', text: ',', bol: false, space: false });
    for (const x of a) out.push(x);
  });
  return out;
}

/** `#x`: the argument's spelling, one space where the source had whitespace, quotes escaped. */
export function stringify(toks: Token[]): string {
  let s = '';
  toks.forEach((t, k) => {
    if (k > 0 && t.space) s += ' ';
    s += t.kind === 'string' || t.kind === 'char' ? t.text.replace(/[\\"]/g, (c) => '\\' + c) : t.text;
  });
  return `"${s}"`;
}
