/** Serialises a module: header, then sections in id order (layout in docs/bytecode.md). */
import { ByteWriter } from './bytes';
import type { BytecodeModule, Image } from './module';
import { MAGIC, SECTION } from './opcodes';

export function writeModule(m: BytecodeModule): Uint8Array {
  const sections: [number, Uint8Array][] = [];
  const section = (id: number, fill: (w: ByteWriter) => void) => { const w = new ByteWriter(); fill(w); sections.push([id, w.finish()]); };

  section(SECTION.META, (w) => { w.u32(m.driverEntry).str(m.sourceFile); });
  section(SECTION.FUNCS, (w) => {
    w.u32(m.functions.length);
    for (const f of m.functions) {
      w.str(f.name).u32(f.codeOffset).u32(f.codeLength).u32(f.frameSize).u8(f.retKind).u8(f.params.length);
      for (const p of f.params) w.u32(p.offset).u8(p.kind);
      w.u32(f.line).u32(f.col);
    }
  });
  section(SECTION.IMPORTS, (w) => {
    w.u32(m.imports.length);
    for (const i of m.imports) {
      w.str(i.name).u8(i.isData ? 1 : 0).u8(i.retKind).u8(i.variadic ? 1 : 0).u8(i.params.length);
      for (const k of i.params) w.u8(k);
      w.u32(i.dataSize).str(i.signature);
    }
  });
  section(SECTION.CODE, (w) => { w.bytes(m.code); });
  section(SECTION.RODATA, (w) => image(w, m.rodata));
  section(SECTION.GLOBALS, (w) => image(w, m.globals));
  section(SECTION.SRCMAP, (w) => {
    w.u32(m.srcmap.length);
    let off = 0, line = 0;
    for (const e of m.srcmap) { w.uleb(e.offset - off).sleb(e.line - line).uleb(e.col); off = e.offset; line = e.line; }
  });
  section(SECTION.SYMBOLS, (w) => {
    w.u32(m.symbols.length);
    for (const s of m.symbols) w.str(s.name).u32(s.offset).u32(s.size).str(s.type).u32(s.line);
  });

  const out = new ByteWriter().bytes(MAGIC).u16(m.version.major).u16(m.version.minor).u32(sections.length);
  for (const [id, body] of sections) out.u32(id).u32(body.length).bytes(body);
  return out.finish();
}

function image(w: ByteWriter, img: Image): void {
  w.u32(img.bytes.length).u32(img.align).u32(img.relocs.length);
  for (const r of img.relocs) w.u32(r.offset).u8(r.kind).u32(r.target).i32(r.addend);
  w.bytes(img.bytes);
}
