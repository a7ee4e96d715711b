/** Human-readable listing of a module, with names, strings and source positions resolved. */
import { ByteReader } from './bytes';
import type { BytecodeModule } from './module';
import { KIND_NAMES, NO_FUNCTION, OP_BY_CODE, RELOC } from './opcodes';
import { readModule } from './reader';

export interface Instruction { offset: number; name: string; args: (number | bigint)[]; kinds: number[]; size: number }

/** Decodes the instructions in code[from, to). Throws on an unknown opcode (a corrupt module). */
export function decode(code: Uint8Array, from = 0, to = code.length): Instruction[] {
  const r = new ByteReader(code, to);
  r.pos = from;
  const out: Instruction[] = [];
  while (!r.done) {
    const offset = r.pos;
    const op = OP_BY_CODE.get(r.u8());
    if (!op) throw new Error(`unknown opcode 0x${code[offset].toString(16)} at ${offset}`);
    const args = op.operands.map((o) => (o === 'i64' ? r.i64() : o === 'i32' ? r.i32() : o === 'u8' ? r.u8() : o === 'u16' ? r.u16() : r.u32()));
    const kinds = op.name === 'CALLNV' ? Array.from({ length: Number(args[1]) }, () => r.u8()) : [];
    out.push({ offset, name: op.name, args, kinds, size: r.pos - offset });
  }
  return out;
}

function cString(bytes: Uint8Array, at: number): string | undefined {
  if (at < 0 || at >= bytes.length) return undefined;
  let end = at;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return JSON.stringify(new TextDecoder().decode(bytes.subarray(at, end)));
}

export function disassemble(input: Uint8Array | BytecodeModule): string {
  const m = input instanceof Uint8Array ? readModule(input) : input;
  const lines: string[] = [];
  const kinds = (ks: number[]) => ks.map((k) => KIND_NAMES[k] ?? `?${k}`).join(', ');
  const entry = m.driverEntry === NO_FUNCTION ? 'none' : m.functions[m.driverEntry]?.name;
  lines.push(`; wdkm bytecode v${m.version.major}.${m.version.minor} from ${m.sourceFile}; entry ${entry}`);
  m.imports.forEach((i, n) => lines.push(`; import ${n} ${i.isData ? `data ${i.dataSize} bytes` : `(${kinds(i.params)}${i.variadic ? ', ...' : ''}) -> ${KIND_NAMES[i.retKind]}`}: ${i.signature}`));
  const relocText = (r: { kind: number; target: number; addend: number }) =>
    r.kind === RELOC.FUNC ? `func ${m.functions[r.target]?.name}` : `${r.kind === RELOC.GLOBAL ? 'globals' : 'rodata'}+${r.target + r.addend}`;
  lines.push(`; rodata ${m.rodata.bytes.length} bytes${m.rodata.relocs.map((r) => `, [${r.offset}] = ${relocText(r)}`).join('')}`);
  lines.push(`; globals ${m.globals.bytes.length} bytes${m.globals.relocs.map((r) => `, [${r.offset}] = ${relocText(r)}`).join('')}`);
  for (const s of m.symbols) lines.push(`;   global ${s.name} @${s.offset} (${s.size} bytes) ${s.type}`);
  const srcAt = (off: number) => {
    let best: { line: number; col: number } | undefined;
    for (const e of m.srcmap) { if (e.offset <= off) best = e; else break; }
    return best;
  };
  for (const f of m.functions) {
    lines.push('', `func ${f.name}(${f.params.map((p) => `${KIND_NAMES[p.kind]}@${p.offset}`).join(', ')}) -> ${KIND_NAMES[f.retKind]}; frame ${f.frameSize}`);
    let last = '';
    for (const ins of decode(m.code, f.codeOffset, f.codeOffset + f.codeLength)) {
      let text = `${ins.name} ${ins.args.join(' ')}`.trim();
      if (ins.name === 'CALL') text += `  ; ${m.functions[Number(ins.args[0])]?.name}`;
      if (ins.name === 'CALLN' || ins.name === 'CALLNV' || ins.name === 'ADDR_IMPORT') text += `  ; ${m.imports[Number(ins.args[0])]?.name}`;
      if (ins.name === 'CALLNV') text += ` (${kinds(ins.kinds)})`;
      if (ins.name === 'FUNC_REF') text += `  ; ${m.functions[Number(ins.args[0])]?.name}`;
      if (ins.name === 'ADDR_RODATA' || ins.name === 'ASSERT_FAIL') text += `  ; ${cString(m.rodata.bytes, Number(ins.args[0])) ?? ''}`;
      const pos = srcAt(ins.offset);
      const where = pos ? `${pos.line}:${pos.col}` : '';
      lines.push(`  ${ins.offset.toString().padStart(5, '0')}  ${text}${where !== last ? `${' '.repeat(Math.max(1, 36 - text.length))}; line ${where}` : ''}`);
      last = where;
    }
  }
  return lines.join('\n');
}
