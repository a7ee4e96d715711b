/**
 * Code generation for a checked program: statements and control flow,
 * function and import tables, and the module that ties them together.
 */
import type { BytecodeModule, FunctionEntry, ImportEntry } from '../bytecode/module';
import { KIND, NO_FUNCTION, VERSION } from '../bytecode/opcodes';
import type { CheckedProgram, FuncSym, ImportDataSym, TStmt } from '../sema/ir';
import { sizeOf } from '../types/ctype';
import { type DataLayout, layoutData } from './data';
import { Emitter, type Label } from './emitter';
import { genAddr, genExpr, structAddr } from './gen-expr';
import { dataSignature, kindOf, loadOp, signature, storeOp } from './kinds';

export class CodeGen {
  readonly em = new Emitter();
  readonly data: DataLayout;
  private readonly funcs: FuncSym[];
  private readonly funcIdx = new Map<FuncSym, number>();
  readonly imports: ImportEntry[] = [];
  private readonly importIdx = new Map<string, number>();
  private breaks: Label[] = [];
  private continues: Label[] = [];
  private caseLabels = new Map<object, Label[]>();
  private defaultLabels = new Map<object, Label>();

  constructor(private readonly p: CheckedProgram) {
    this.funcs = p.functions.filter((f) => !f.native && f.def);
    this.funcs.forEach((f, i) => this.funcIdx.set(f, i));
    this.data = layoutData(p, (fn) => this.funcIndex(fn));
  }

  funcIndex(fn: FuncSym): number {
    const i = this.funcIdx.get(fn);
    if (i === undefined) throw new Error(`function '${fn.name}' has no body`);
    return i;
  }

  importIndex(fn: FuncSym): number {
    let i = this.importIdx.get(fn.name);
    if (i === undefined) {
      i = this.imports.length;
      this.imports.push({
        name: fn.name, isData: false, retKind: kindOf(fn.type.ret), params: fn.type.params.map((q) => kindOf(q.type)),
        variadic: fn.type.variadic, dataSize: 0, signature: signature(fn),
      });
      this.importIdx.set(fn.name, i);
    }
    return i;
  }

  importDataIndex(d: ImportDataSym): number {
    let i = this.importIdx.get(d.name);
    if (i === undefined) {
      i = this.imports.length;
      this.imports.push({ name: d.name, isData: true, retKind: KIND.VOID, params: [], variadic: false, dataSize: sizeOf(d.type) ?? 0, signature: dataSignature(d) });
      this.importIdx.set(d.name, i);
    }
    return i;
  }

  generate(sourceFile: string): BytecodeModule {
    const functions: FunctionEntry[] = this.funcs.map((fn) => {
      const def = fn.def!;
      const codeOffset = this.em.offset;
      this.em.at(fn.at);
      for (const s of def.body) this.stmt(s);
      this.em.at(def.endAt);
      if (fn.type.ret.kind === 'void') this.em.op('RET');
      else { this.em.pushInt(0n); this.em.op('RETV'); }
      return {
        name: fn.name, params: def.params.map((q) => ({ offset: q.offset, kind: kindOf(q.type) })), retKind: kindOf(fn.type.ret),
        frameSize: def.frameSize, codeOffset, codeLength: this.em.offset - codeOffset, line: fn.at.line, col: fn.at.col,
      };
    });
    const entry = this.p.driverEntry ? this.funcIdx.get(this.p.driverEntry) ?? NO_FUNCTION : NO_FUNCTION;
    return {
      version: VERSION, sourceFile, driverEntry: entry, functions, imports: this.imports, code: this.em.finish(),
      rodata: this.data.rodata, globals: this.data.globals, srcmap: this.em.srcmap, symbols: this.data.symbols,
    };
  }

  private stmt(s: TStmt): void {
    const em = this.em;
    const prev = em.at(s.at);
    switch (s.k) {
      case 'expr': genExpr(this, s.e, false); break;
      case 'block': s.items.forEach((x) => this.stmt(x)); break;
      case 'init': {
        if (s.zero) { em.op('ADDR_LOCAL', s.sym.offset); em.op('ZERO', sizeOf(s.sym.type) ?? 0); }
        for (const st of s.stores) {
          em.at(st.e.at);
          genAddr(this, { k: 'local', sym: s.sym, type: s.sym.type, at: s.at }, st.offset);
          if (st.type.kind === 'struct') { structAddr(this, st.e); em.op('COPY', sizeOf(st.type) ?? 0); }
          else { genExpr(this, st.e, true); em.op(storeOp(st.type, false)); }
        }
        break;
      }
      case 'if': {
        const other = em.label(), end = em.label();
        genExpr(this, s.c, true);
        em.jump('JZ', other);
        this.stmt(s.then);
        if (s.else) { em.jump('JMP', end); em.bind(other); this.stmt(s.else); em.bind(end); } else em.bind(other);
        break;
      }
      case 'while': {
        const top = em.label(), end = em.label();
        em.bind(top);
        genExpr(this, s.c, true);
        em.jump('JZ', end);
        this.loop(s.body, end, top);
        em.jump('JMP', top);
        em.bind(end);
        break;
      }
      case 'do': {
        const top = em.label(), next = em.label(), end = em.label();
        em.bind(top);
        this.loop(s.body, end, next);
        em.bind(next);
        em.at(s.c.at);
        genExpr(this, s.c, true);
        em.jump('JNZ', top);
        em.bind(end);
        break;
      }
      case 'for': {
        const top = em.label(), next = em.label(), end = em.label();
        s.init.forEach((x) => this.stmt(x));
        em.bind(top);
        if (s.c) { genExpr(this, s.c, true); em.jump('JZ', end); }
        this.loop(s.body, end, next);
        em.bind(next);
        if (s.step) genExpr(this, s.step, false);
        em.jump('JMP', top);
        em.bind(end);
        break;
      }
      case 'switch': this.switchStmt(s); break;
      case 'case': em.bind(this.caseLabels.get(s.info)![s.index]); this.stmt(s.body); break;
      case 'default': em.bind(this.defaultLabels.get(s.info)!); this.stmt(s.body); break;
      case 'break': em.jump('JMP', this.breaks[this.breaks.length - 1]); break;
      case 'continue': em.jump('JMP', this.continues[this.continues.length - 1]); break;
      case 'return':
        if (s.value) { genExpr(this, s.value, true); em.op('RETV'); } else em.op('RET');
        break;
    }
    em.restore(prev);
  }

  private loop(body: TStmt, brk: Label, cont: Label): void {
    this.breaks.push(brk);
    this.continues.push(cont);
    this.stmt(body);
    this.breaks.pop();
    this.continues.pop();
  }

  /** The value goes to a hidden local, then one compare-and-jump per case. */
  private switchStmt(s: TStmt & { k: 'switch' }): void {
    const em = this.em;
    const temp = s.info.temp;
    const tempRef = { k: 'local' as const, sym: temp, type: temp.type, at: s.at };
    genAddr(this, tempRef);
    genExpr(this, s.value, true);
    em.op(storeOp(temp.type, false));
    const labels = s.info.cases.map(() => em.label());
    this.caseLabels.set(s.info, labels);
    const end = em.label();
    const dflt = em.label();
    this.defaultLabels.set(s.info, dflt);
    s.info.cases.forEach((c, i) => {
      genAddr(this, tempRef);
      em.op(loadOp(temp.type));
      em.pushInt(c.value);
      em.op('EQ');
      em.jump('JNZ', labels[i]);
    });
    em.jump('JMP', s.info.hasDefault ? dflt : end);
    this.breaks.push(end);
    this.stmt(s.body);
    this.breaks.pop();
    em.bind(end);
  }
}

export function generate(p: CheckedProgram, sourceFile: string): BytecodeModule {
  return new CodeGen(p).generate(sourceFile);
}
