/**
 * The two data images: read-only data (WDKM_TYPE descriptors first, 8-byte
 * aligned, then string literals) and the globals (x64 alignment, each object
 * at its own offset). Pointers in them are relocations the VM applies once it
 * knows where each region lives.
 */
import type { Image, Reloc } from '../bytecode/module';
import { RELOC } from '../bytecode/opcodes';
import type { CheckedProgram, FuncSym, StaticInit } from '../sema/ir';
import { alignOf, sizeOf } from '../types/ctype';
import { typeName } from '../types/print';

export interface DataLayout {
  rodata: Image;
  globals: Image;
  /** Rodata offset of each read-only item, by its id. */
  roOffset: number[];
  /** Every global (static locals as Function.name) for the inspector. */
  symbols: { name: string; offset: number; size: number; type: string; line: number }[];
}

export function layoutData(p: CheckedProgram, funcIndex: (fn: FuncSym) => number): DataLayout {
  const roOffset: number[] = new Array(p.ro.length).fill(0);
  const ro: number[] = [];
  const roRelocs: Reloc[] = [];
  const put64 = (buf: number[], at: number, v: bigint) => { for (let k = 0; k < 8; k++) buf[at + k] = Number((BigInt.asUintN(64, v) >> BigInt(8 * k)) & 0xffn); };
  const pad = (buf: number[], align: number) => { while (buf.length % align) buf.push(0); };

  // Type descriptors: { PCSTR Name; SIZE_T Size; } with Name relocated to its string.
  const nameFixups: { at: number; text: string }[] = [];
  p.ro.forEach((item, id) => {
    if (item.kind !== 'typeInfo') return;
    pad(ro, 8);
    roOffset[id] = ro.length;
    ro.push(...new Array(16).fill(0));
    put64(ro, roOffset[id] + 8, BigInt(item.size));
    nameFixups.push({ at: roOffset[id], text: item.name });
  });
  const stringAt = new Map<string, number>();
  const addString = (bytes: number[]) => {
    const key = bytes.join(',');
    const known = stringAt.get(key);
    if (known !== undefined) return known;
    const at = ro.length;
    for (const b of bytes) ro.push(b);
    ro.push(0);
    stringAt.set(key, at);
    return at;
  };
  const utf8 = (s: string) => [...new TextEncoder().encode(s)];
  p.ro.forEach((item, id) => { if (item.kind === 'string') roOffset[id] = addString(item.bytes); });
  for (const f of nameFixups) roRelocs.push({ offset: f.at, kind: RELOC.RODATA, target: addString(utf8(f.text)), addend: 0 });

  const g: number[] = [];
  const gRelocs: Reloc[] = [];
  let gAlign = 8;
  for (const sym of p.globals) {
    const a = alignOf(sym.type);
    gAlign = Math.max(gAlign, a);
    pad(g, a);
    sym.offset = g.length;
    for (let k = sizeOf(sym.type) ?? 0; k > 0; k--) g.push(0);
  }
  pad(g, 8);
  for (const sym of p.globals) for (const init of sym.init) writeInit(sym.offset, init);

  function writeInit(base: number, init: StaticInit): void {
    const at = base + init.offset;
    if (init.kind === 'bytes') { init.bytes.forEach((b, k) => { g[at + k] = b; }); return; }
    if (init.kind === 'int') {
      for (let k = 0; k < init.size; k++) g[at + k] = Number((BigInt.asUintN(64, init.value) >> BigInt(8 * k)) & 0xffn);
      return;
    }
    const t = init.target;
    const reloc: Reloc = t.kind === 'global' ? { offset: at, kind: RELOC.GLOBAL, target: t.sym.offset, addend: init.addend }
      : t.kind === 'ro' ? { offset: at, kind: RELOC.RODATA, target: roOffset[t.id], addend: init.addend }
      : { offset: at, kind: RELOC.FUNC, target: funcIndex(t.fn), addend: 0 };
    gRelocs.push(reloc);
  }

  const symbols = p.globals.map((s) => ({ name: s.displayName, offset: s.offset, size: sizeOf(s.type) ?? 0, type: typeName(s.type), line: s.at.line }));
  return {
    rodata: { bytes: Uint8Array.from(ro), align: 8, relocs: roRelocs },
    globals: { bytes: Uint8Array.from(g), align: gAlign, relocs: gRelocs },
    roOffset, symbols,
  };
}
