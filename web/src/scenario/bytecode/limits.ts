/**
 * The VM's limits on a module (core-c/vm/vmp.h, loader.c and verify.c refuse
 * a module past them), checked on the generated module so the editor names
 * the limit instead of the run failing with "malformed module". A test reads
 * the C sources to keep the two in step.
 */
import { decode } from './disassemble';
import type { BytecodeModule } from './module';
import { KIND, OP_BY_CODE } from './opcodes';

export const VM_LIMITS = {
  /** Parameters of one function (loader.c). */
  maxParams: 32,
  /** Bytes of one function's locals (loader.c: a quarter of VM_GUEST_STACK). */
  maxFrameBytes: 32 * 1024,
  /** Arguments of one call to a kernel routine, the format's included (verify.c). */
  maxNativeArgs: 24,
  /** Operand stack slots a function may use (verify.c: VM_MAX_STACK - 8). */
  maxOperandStack: 64,
} as const;

export interface LimitProblem { message: string; line: number; col: number }

function stackEffect(text: string): [number, number] {
  const [pops, pushes] = text.split('->').map((s) => s.trim().split(/\s+/).filter(Boolean).length);
  return [pops!, pushes!];
}

export function moduleLimitProblems(m: BytecodeModule): LimitProblem[] {
  const out: LimitProblem[] = [];
  const lineOf = (offset: number) => {
    let best = { line: 1, col: 1 };
    for (const e of m.srcmap) { if (e.offset <= offset) best = e; else break; }
    return best;
  };
  for (const f of m.functions) {
    const at = { line: f.line, col: f.col };
    if (f.params.length > VM_LIMITS.maxParams) {
      out.push({ ...at, message: `'${f.name}' has ${f.params.length} parameters; the VM takes at most ${VM_LIMITS.maxParams} (pass a pointer to a struct instead)` });
    }
    if (f.frameSize > VM_LIMITS.maxFrameBytes) {
      out.push({ ...at, message: `the locals of '${f.name}' take ${f.frameSize.toLocaleString('en-US')} bytes; a function's frame may hold at most ` +
        `${VM_LIMITS.maxFrameBytes.toLocaleString('en-US')} bytes (a kernel stack is small: allocate large buffers from pool)` });
    }
    const seen = new Map<number, number>();
    let h = 0, reachable = true, reported = false;
    for (const ins of decode(m.code, f.codeOffset, f.codeOffset + f.codeLength)) {
      if (!reachable) h = seen.get(ins.offset) ?? 0;
      reachable = true;
      let pop: number, push: number;
      if (ins.name === 'CALL') {
        const callee = m.functions[Number(ins.args[0])];
        pop = callee?.params.length ?? 0;
        push = callee && callee.retKind !== KIND.VOID ? 1 : 0;
      } else if (ins.name === 'CALLN' || ins.name === 'CALLNV') {
        const im = m.imports[Number(ins.args[0])];
        pop = (im?.params.length ?? 0) + ins.kinds.length;
        push = im && im.retKind !== KIND.VOID ? 1 : 0;
        if (pop > VM_LIMITS.maxNativeArgs) {
          out.push({ ...lineOf(ins.offset), message: `this call to '${im?.name}' passes ${pop} arguments; a call to a kernel routine takes at most ${VM_LIMITS.maxNativeArgs}` });
        }
      } else {
        [pop, push] = stackEffect(OP_BY_CODE.get(m.code[ins.offset]!)!.stack);
      }
      h = Math.max(0, h - pop) + push;
      if (h > VM_LIMITS.maxOperandStack && !reported) {
        reported = true;
        out.push({ ...lineOf(ins.offset), message: `this expression is too deep for the VM: it needs more than ${VM_LIMITS.maxOperandStack} operand stack slots (split it with temporary variables)` });
      }
      if (ins.name === 'JMP' || ins.name === 'JZ' || ins.name === 'JNZ') seen.set(Number(ins.args[0]), h);
      if (ins.name === 'JMP' || ins.name === 'RET' || ins.name === 'RETV' || ins.name === 'ASSERT_FAIL') reachable = false;
    }
  }
  return out;
}
