/**
 * Writes instructions with their operands, resolves jump labels, and keeps
 * the source map: every instruction is attributed to the line and column of
 * the construct being compiled when it was emitted.
 */
import type { SourceRange } from '../diagnostics';
import { ByteWriter } from '../bytecode/bytes';
import type { SourceMapEntry } from '../bytecode/module';
import { OP, OPS } from '../bytecode/opcodes';

export interface Label { offset?: number; patches: number[] }

export class Emitter {
  private w = new ByteWriter();
  readonly srcmap: SourceMapEntry[] = [];
  private line = 0;
  private col = 0;

  get offset(): number { return this.w.length; }

  /** Attributes the following instructions to `at`; returns the previous position to restore. */
  at(at: SourceRange): [number, number] {
    const prev: [number, number] = [this.line, this.col];
    this.line = at.line;
    this.col = at.col;
    return prev;
  }
  restore([line, col]: [number, number]): void { this.line = line; this.col = col; }

  op(name: string, ...args: (number | bigint)[]): void {
    const code = OP[name];
    const info = OPS[code - 1];
    if (!info || info.operands.length !== args.length) throw new Error(`bad instruction ${name}(${args.join(',')})`);
    const last = this.srcmap[this.srcmap.length - 1];
    if (!last || last.line !== this.line || last.col !== this.col) {
      if (last && last.offset === this.offset) this.srcmap.pop();
      this.srcmap.push({ offset: this.offset, line: this.line, col: this.col });
    }
    this.w.u8(code);
    info.operands.forEach((o, i) => {
      const v = args[i];
      if (o === 'i64') this.w.i64(BigInt(v));
      else if (o === 'i32') this.w.i32(Number(v));
      else if (o === 'u8') this.w.u8(Number(v));
      else if (o === 'u16') this.w.u16(Number(v));
      else this.w.u32(Number(v));
    });
  }
  /** Raw bytes after an instruction (CALLNV's argument kinds). */
  tail(bytes: number[]): void { this.w.bytes(bytes); }

  pushInt(v: bigint): void {
    const s = BigInt.asIntN(64, v);
    if (s >= -0x80000000n && s <= 0x7fffffffn) this.op('PUSH_I32', Number(s));
    else this.op('PUSH_I64', s);
  }

  label(): Label { return { patches: [] }; }
  bind(l: Label): void {
    l.offset = this.offset;
    for (const p of l.patches) this.w.patchU32(p, l.offset);
  }
  jump(name: 'JMP' | 'JZ' | 'JNZ', l: Label): void {
    this.op(name, l.offset ?? 0);
    if (l.offset === undefined) l.patches.push(this.offset - 4);
  }

  finish(): Uint8Array { return this.w.finish(); }
}
