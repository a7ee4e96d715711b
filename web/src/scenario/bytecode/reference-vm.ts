/**
 * A small reference interpreter of docs/bytecode.md, in TypeScript, for the
 * front end's tests (the real VM is C, in core-c/vm). One thread, no
 * scheduling; kernel imports are supplied by the caller. It follows the
 * documented semantics exactly, so a difference from the C VM is a bug in
 * one of them.
 */
import { decode, type Instruction } from './disassemble';
import type { BytecodeModule } from './module';
import { KIND, RELOC } from './opcodes';
import { readModule } from './reader';

export type Native = (args: bigint[], vm: ReferenceVM, kinds: number[]) => bigint | void;

const RO_BASE = 0x1000_0000n, GLOBAL_BASE = 0x2000_0000n, STACK_BASE = 0x3000_0000n, IMPORT_BASE = 0x4000_0000n;
export const FUNC_BASE = 0x5000_0000n;
const STACK_SIZE = 1 << 16;

export class VMError extends Error {}

export class ReferenceVM {
  readonly m: BytecodeModule;
  private regions: { base: bigint; bytes: Uint8Array; writable: boolean }[];
  private code = new Map<number, Instruction>();
  steps = 0;

  constructor(module: Uint8Array, private natives: Record<string, Native> = {}) {
    this.m = readModule(module);
    const ro = this.m.rodata.bytes.slice(), g = this.m.globals.bytes.slice();
    const imports = new Uint8Array(Math.max(8, this.m.imports.length * 16));
    this.regions = [
      { base: RO_BASE, bytes: ro, writable: false }, { base: GLOBAL_BASE, bytes: g, writable: true },
      { base: STACK_BASE, bytes: new Uint8Array(STACK_SIZE), writable: true }, { base: IMPORT_BASE, bytes: imports, writable: true },
    ];
    const patch = (img: Uint8Array, relocs: BytecodeModule['globals']['relocs']) => {
      for (const r of relocs) {
        const v = r.kind === RELOC.FUNC ? FUNC_BASE + BigInt(r.target) * 16n
          : (r.kind === RELOC.GLOBAL ? GLOBAL_BASE : RO_BASE) + BigInt(r.target + r.addend);
        new DataView(img.buffer).setBigUint64(r.offset, v, true);
      }
    };
    patch(ro, this.m.rodata.relocs);
    patch(g, this.m.globals.relocs);
    for (const ins of decode(this.m.code)) this.code.set(ins.offset, ins);
  }

  private at(addr: bigint, size: number, write: boolean): [DataView, number] {
    for (const r of this.regions) {
      if (addr >= r.base && addr + BigInt(size) <= r.base + BigInt(r.bytes.length)) {
        if (write && !r.writable) throw new VMError(`write to read-only memory at 0x${addr.toString(16)}`);
        return [new DataView(r.bytes.buffer), Number(addr - r.base)];
      }
    }
    throw new VMError(`access to unmapped memory at 0x${addr.toString(16)}`);
  }
  load(addr: bigint, size: number, signed: boolean): bigint {
    const [dv, o] = this.at(addr, size, false);
    const u = size === 1 ? BigInt(dv.getUint8(o)) : size === 2 ? BigInt(dv.getUint16(o, true)) : size === 4 ? BigInt(dv.getUint32(o, true)) : dv.getBigUint64(o, true);
    return signed ? BigInt.asIntN(size * 8, u) : u;
  }
  store(addr: bigint, size: number, v: bigint): void {
    const [dv, o] = this.at(addr, size, true);
    const u = BigInt.asUintN(size * 8, v);
    if (size === 1) dv.setUint8(o, Number(u)); else if (size === 2) dv.setUint16(o, Number(u), true);
    else if (size === 4) dv.setUint32(o, Number(u), true); else dv.setBigUint64(o, u, true);
  }
  cString(addr: bigint): string {
    const out: number[] = [];
    for (let a = addr; ; a++) { const b = Number(this.load(a, 1, false)); if (!b) break; out.push(b); }
    return new TextDecoder().decode(Uint8Array.from(out));
  }
  globalAddress(name: string): bigint { return GLOBAL_BASE + BigInt(this.m.symbols.find((s) => s.name === name)!.offset); }

  /** Runs function `name` with integer arguments; returns its result (0n for void). */
  call(name: string, args: bigint[] = [], maxSteps = 1_000_000): bigint {
    const index = this.m.functions.findIndex((f) => f.name === name);
    if (index < 0) throw new VMError(`no function ${name}`);
    const stack: bigint[] = [...args];
    return this.run(index, stack, STACK_BASE, maxSteps);
  }

  private run(fi: number, stack: bigint[], frameBase: bigint, maxSteps: number): bigint {
    const f = this.m.functions[fi];
    const args = stack.splice(stack.length - f.params.length);
    for (let a = frameBase; a < frameBase + BigInt(f.frameSize); a++) this.store(a, 1, 0n);
    f.params.forEach((p, i) => this.store(frameBase + BigInt(p.offset), kindSize(p.kind), args[i]));
    let pc = f.codeOffset;
    const base = stack.length;
    const push = (...vs: bigint[]) => { for (const v of vs) stack.push(BigInt.asIntN(64, v)); };
    const pop = () => { if (stack.length <= base) throw new VMError('operand stack underflow'); return stack.pop()!; };
    for (;;) {
      if (++this.steps > maxSteps) throw new VMError('out of steps');
      const ins = this.code.get(pc);
      if (!ins) throw new VMError(`no instruction at ${pc}`);
      pc += ins.size;
      const n = ins.name, a0 = ins.args[0];
      const bin = (f2: (x: bigint, y: bigint) => bigint) => { const y = pop(), x = pop(); push(f2(x, y)); };
      const i32 = (v: bigint) => BigInt.asIntN(32, v), u32 = (v: bigint) => BigInt.asUintN(32, v), w64 = (v: bigint) => BigInt.asIntN(64, v);
      const div = (x: bigint, y: bigint, wrap: (v: bigint) => bigint, rem: boolean) => {
        if (y === 0n) throw new VMError('integer divide by zero');
        if (wrap(x / y) !== x / y && !rem) throw new VMError('integer overflow in division');
        return wrap(rem ? x % y : x / y);
      };
      const su = (v: bigint) => BigInt.asUintN(64, v);
      switch (n) {
        case 'PUSH_I32': case 'PUSH_I64': push(BigInt(a0)); break;
        case 'POP': pop(); break;
        case 'DUP': { const v = pop(); push(v, v); break; }
        case 'ADDR_LOCAL': push(frameBase + BigInt(a0)); break;
        case 'ADDR_GLOBAL': push(GLOBAL_BASE + BigInt(a0)); break;
        case 'ADDR_RODATA': push(RO_BASE + BigInt(a0)); break;
        case 'ADDR_IMPORT': push(IMPORT_BASE + BigInt(a0) * 16n); break;
        case 'FUNC_REF': push(FUNC_BASE + BigInt(a0) * 16n); break;
        case 'COPY': { const src = pop(), dst = pop(); for (let k = 0n; k < BigInt(a0); k++) this.store(dst + k, 1, this.load(src + k, 1, false)); break; }
        case 'ZERO': { const dst = pop(); for (let k = 0n; k < BigInt(a0); k++) this.store(dst + k, 1, 0n); break; }
        case 'INDEX': { const i = pop(), p = pop(); push(su(p + i * BigInt(a0))); break; }
        case 'JMP': pc = Number(a0); break;
        case 'JZ': if (pop() === 0n) pc = Number(a0); break;
        case 'JNZ': if (pop() !== 0n) pc = Number(a0); break;
        case 'CALL': {
          const callee = this.m.functions[Number(a0)];
          const r = this.run(Number(a0), stack, frameBase + BigInt(f.frameSize + 15 & ~15), maxSteps);
          if (callee.retKind !== KIND.VOID) push(r);
          break;
        }
        case 'CALLN': case 'CALLNV': {
          const imp = this.m.imports[Number(a0)];
          const count = imp.params.length + (n === 'CALLNV' ? Number(ins.args[1]) : 0);
          const argv = stack.splice(stack.length - count);
          const native = this.natives[imp.name];
          if (!native) throw new VMError(`no native ${imp.name}`);
          const r = native(argv, this, [...imp.params, ...ins.kinds]);
          if (imp.retKind !== KIND.VOID) push(normalise(imp.retKind, r ?? 0n));
          break;
        }
        case 'RET': stack.length = base; return 0n;
        case 'RETV': { const v = pop(); stack.length = base; return v; }
        case 'ASSERT_FAIL': throw new VMError(`assertion failed: ${this.cString(RO_BASE + BigInt(a0))}`);
        default: {
          if (n.startsWith('LOAD_')) { const [size, signed] = shape(n.slice(5)); push(this.load(pop(), size, signed)); break; }
          if (n.startsWith('STORE')) { const v = pop(), addr = pop(); this.store(addr, Number(n.split('_')[1]) / 8, v); if (n.startsWith('STOREK')) push(v); break; }
          if (/^[SZ]EXT/.test(n)) { const bits = Number(n.slice(4)); const v = pop(); push(n[0] === 'S' ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v)); break; }
          const [op, t = ''] = n.split('_');
          const wrap = t === 'I32' ? i32 : t === 'U32' ? u32 : w64;
          const shiftMask = t.includes('32') ? 31n : 63n;
          switch (op) {
            case 'ADD': bin((x, y) => wrap(x + y)); break;
            case 'SUB': bin((x, y) => wrap(x - y)); break;
            case 'MUL': bin((x, y) => wrap(x * y)); break;
            case 'DIV': bin((x, y) => t === 'U64' ? div(su(x), su(y), w64, false) : div(x, y, t === 'I64' ? w64 : wrap, false)); break;
            case 'REM': bin((x, y) => t === 'U64' ? div(su(x), su(y), w64, true) : div(x, y, t === 'I64' ? w64 : wrap, true)); break;
            case 'SHL': bin((x, y) => wrap(x << (y & shiftMask))); break;
            case 'SHR': bin((x, y) => (t === 'U64' ? w64(su(x) >> (y & 63n)) : t === 'I64' ? x >> (y & 63n) : wrap(x >> (y & 31n)))); break;
            case 'AND': bin((x, y) => x & y); break;
            case 'OR': bin((x, y) => x | y); break;
            case 'XOR': bin((x, y) => x ^ y); break;
            case 'NEG': push(wrap(-pop())); break;
            case 'NOT': push(t === 'U32' ? u32(~pop()) : ~pop()); break;
            case 'LNOT': push(pop() === 0n ? 1n : 0n); break;
            case 'EQ': bin((x, y) => (x === y ? 1n : 0n)); break;
            case 'NE': bin((x, y) => (x !== y ? 1n : 0n)); break;
            case 'LT': case 'LE': case 'GT': case 'GE': bin((x, y) => {
              const [p, q] = t === 'U' ? [su(x), su(y)] : [w64(x), w64(y)];
              const r = op === 'LT' ? p < q : op === 'LE' ? p <= q : op === 'GT' ? p > q : p >= q;
              return r ? 1n : 0n;
            }); break;
            default: throw new VMError(`unknown instruction ${n}`);
          }
        }
      }
    }
  }
}

function shape(s: string): [number, boolean] { return s === '64' ? [8, false] : [Number(s.slice(1)) / 8, s[0] === 'I']; }
function kindSize(k: number): number { return k <= 2 ? 1 : k <= 4 ? 2 : k <= 6 ? 4 : 8; }
function normalise(k: number, v: bigint): bigint {
  if (k >= KIND.I8 && k <= KIND.U64) { const bits = kindSize(k) * 8; return k % 2 ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v); }
  return BigInt.asUintN(64, v);
}
