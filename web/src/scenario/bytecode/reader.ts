/** Parses a module back into data (used by the disassembler and tests; the VM has its own C reader). */
import { ByteReader } from './bytes';
import type { BytecodeModule, Image } from './module';
import { MAGIC, NO_FUNCTION, SECTION } from './opcodes';

export function readModule(bytes: Uint8Array): BytecodeModule {
  const r = new ByteReader(bytes);
  for (const b of MAGIC) if (r.u8() !== b) throw new Error('not a wdkm bytecode module (bad magic)');
  const version = { major: r.u16(), minor: r.u16() };
  const count = r.u32();
  const empty: Image = { bytes: new Uint8Array(), align: 1, relocs: [] };
  const m: BytecodeModule = {
    version, sourceFile: '', driverEntry: NO_FUNCTION, functions: [], imports: [], code: new Uint8Array(),
    rodata: empty, globals: empty, srcmap: [], symbols: [],
  };
  for (let s = 0; s < count; s++) {
    const id = r.u32(), len = r.u32();
    const start = r.pos;
    const b = new ByteReader(bytes.subarray(0, start + len));
    b.pos = start;
    switch (id) {
      case SECTION.META: m.driverEntry = b.u32(); m.sourceFile = b.str(); break;
      case SECTION.FUNCS: for (let n = b.u32(); n > 0; n--) {
        const name = b.str(), codeOffset = b.u32(), codeLength = b.u32(), frameSize = b.u32(), retKind = b.u8();
        const params = Array.from({ length: b.u8() }, () => ({ offset: b.u32(), kind: b.u8() }));
        m.functions.push({ name, codeOffset, codeLength, frameSize, retKind, params, line: b.u32(), col: b.u32() });
      } break;
      case SECTION.IMPORTS: for (let n = b.u32(); n > 0; n--) {
        const name = b.str(), isData = b.u8() === 1, retKind = b.u8(), variadic = b.u8() === 1;
        const params = Array.from({ length: b.u8() }, () => b.u8());
        m.imports.push({ name, isData, retKind, variadic, params, dataSize: b.u32(), signature: b.str() });
      } break;
      case SECTION.CODE: m.code = b.bytes(len); break;
      case SECTION.RODATA: m.rodata = image(b); break;
      case SECTION.GLOBALS: m.globals = image(b); break;
      case SECTION.SRCMAP: {
        let off = 0, line = 0;
        for (let n = b.u32(); n > 0; n--) { off += b.uleb(); line += b.sleb(); m.srcmap.push({ offset: off, line, col: b.uleb() }); }
      } break;
      case SECTION.SYMBOLS: for (let n = b.u32(); n > 0; n--) {
        m.symbols.push({ name: b.str(), offset: b.u32(), size: b.u32(), type: b.str(), line: b.u32() });
      } break;
      default: break; // unknown sections are skipped: newer minor versions may add some
    }
    r.pos = start + len;
  }
  return m;
}

function image(b: ByteReader): Image {
  const size = b.u32(), align = b.u32();
  const relocs = Array.from({ length: b.u32() }, () => ({ offset: b.u32(), kind: b.u8(), target: b.u32(), addend: b.i32() }));
  return { bytes: b.bytes(size), align, relocs };
}
