/**
 * The checker's shared state: scopes for ordinary identifiers and for
 * struct/enum tags, the symbols found so far, read-only data, and the
 * function being checked (its frame layout, loops and switches).
 */
import type { DiagnosticBag, SourceRange } from '../diagnostics';
import { didYouMean } from '../didyoumean';
import { HEADER_NAMES } from '../prelude';
import type { CType, EnumDef, StructDef } from '../types/ctype';
import { alignOf, sizeOf } from '../types/ctype';
import type { FuncSym, GlobalSym, ImportDataSym, LocalSym, RoItem, SwitchInfo } from './ir';

export type Ordinary =
  | LocalSym | GlobalSym | FuncSym | ImportDataSym
  | { kind: 'typedef'; name: string; type: CType; at: SourceRange }
  | { kind: 'enumConst'; name: string; value: bigint; at: SourceRange };
export type Tag = { kind: 'struct'; def: StructDef } | { kind: 'enum'; def: EnumDef };

interface Scope { names: Map<string, Ordinary>; tags: Map<string, Tag> }

export interface FunctionState {
  sym: FuncSym;
  frameTop: number;
  frameMax: number;
  loops: number;
  switches: SwitchInfo[];
  /** Innermost first: is `break` for a loop or a switch? */
  breakables: ('loop' | 'switch')[];
}

export class Checker {
  private scopes: Scope[] = [{ names: new Map(), tags: new Map() }];
  readonly functions: FuncSym[] = [];
  readonly globals: GlobalSym[] = [];
  readonly ro: RoItem[] = [];
  private roStrings = new Map<string, number>();
  fn?: FunctionState;
  private nextId = 1;

  constructor(readonly diags: DiagnosticBag, readonly file: string) {}

  error(msg: string, at: SourceRange): void { this.diags.error(msg, at); }
  warning(msg: string, at: SourceRange): void { this.diags.warning(msg, at); }
  isPrelude(at: SourceRange): boolean { return HEADER_NAMES.has(at.file); }
  newId(): number { return this.nextId++; }

  get atFileScope(): boolean { return this.scopes.length === 1; }
  pushScope(): void { this.scopes.push({ names: new Map(), tags: new Map() }); }
  popScope(): void { if (this.scopes.length > 1) this.scopes.pop(); }

  lookup(name: string): Ordinary | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i].names.get(name);
      if (s) return s;
    }
    return undefined;
  }
  lookupCurrent(name: string): Ordinary | undefined { return this.scopes[this.scopes.length - 1].names.get(name); }
  declare(sym: Ordinary): void { this.scopes[this.scopes.length - 1].names.set(sym.name, sym); }

  lookupTag(name: string, currentOnly = false): Tag | undefined {
    for (let i = this.scopes.length - 1; i >= (currentOnly ? this.scopes.length - 1 : 0); i--) {
      const t = this.scopes[i].tags.get(name);
      if (t) return t;
    }
    return undefined;
  }
  declareTag(name: string, tag: Tag): void { this.scopes[this.scopes.length - 1].tags.set(name, tag); }

  /** "; did you mean 'X'?" among every visible name, the WDK's included. */
  suggest(name: string, filter?: (o: Ordinary) => boolean): string {
    const names: string[] = [];
    for (const s of this.scopes) for (const [n, o] of s.names) if (!filter || filter(o)) names.push(n);
    return didYouMean(name, names);
  }

  suggestAmong(name: string, names: string[]): string { return didYouMean(name, names); }

  /** The read-only item for a string literal (identical literals share one copy). */
  stringId(bytes: number[]): number {
    const key = bytes.join(',');
    const known = this.roStrings.get(key);
    if (known !== undefined) return known;
    this.ro.push({ kind: 'string', bytes });
    this.roStrings.set(key, this.ro.length - 1);
    return this.ro.length - 1;
  }
  typeInfoId(name: string, size: number): number {
    const i = this.ro.findIndex((r) => r.kind === 'typeInfo' && r.name === name && r.size === size);
    if (i >= 0) return i;
    this.ro.push({ kind: 'typeInfo', name, size });
    return this.ro.length - 1;
  }

  /** A frame slot for a local of type `t`, aligned; block exits give it back (see `releaseFrame`). */
  allocLocal(name: string, t: CType, at: SourceRange): LocalSym {
    const f = this.fn!;
    const align = Math.max(1, alignOf(t));
    const offset = Math.ceil(f.frameTop / align) * align;
    f.frameTop = offset + (sizeOf(t) ?? 0);
    f.frameMax = Math.max(f.frameMax, f.frameTop);
    return { kind: 'local', name, type: t, offset, at };
  }
  frameMark(): number { return this.fn?.frameTop ?? 0; }
  releaseFrame(mark: number): void { if (this.fn) this.fn.frameTop = mark; }
}
