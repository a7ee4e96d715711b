// A reader for PE32+ images (.sys, .dll, .exe for x64), just deep enough to
// check a driver: headers, sections, imports, exports, the COFF symbol table
// that an unstripped mingw-w64 build keeps, and the header checksum. Pure
// TypeScript over bytes; offsets and field names follow the PE/COFF
// specification (winnt.h names in the comments).

export interface PeSection {
  name: string;
  virtualAddress: number;
  virtualSize: number;
  rawOffset: number;
  rawSize: number;
  characteristics: number;
}

export interface PeImport {
  dll: string;
  /** Imported names; an import by ordinal appears as "#<ordinal>". */
  names: string[];
}

export interface PeImage {
  machine: number;             // IMAGE_FILE_HEADER.Machine
  characteristics: number;     // IMAGE_FILE_HEADER.Characteristics
  magic: number;               // IMAGE_OPTIONAL_HEADER64.Magic
  entryPointRva: number;       // AddressOfEntryPoint
  imageBase: bigint;
  subsystem: number;
  dllCharacteristics: number;
  checksum: number;            // CheckSum as stored
  computedChecksum: number;    // CheckSum as the image's bytes give it
  dataDirectories: { rva: number; size: number }[];
  sections: PeSection[];
  imports: PeImport[];
  exports: string[];
  /** External COFF symbols that name a section address: name -> RVA. */
  symbols: Map<string, number>;
}

export class PeFormatError extends Error {}

const DIR_EXPORT = 0;
const DIR_IMPORT = 1;

function cString(bytes: Uint8Array, offset: number, max = 4096): string {
  let end = offset;
  while (end < bytes.length && end - offset < max && bytes[end] !== 0) end++;
  return String.fromCharCode(...bytes.subarray(offset, end));
}

/** The PE checksum: 16-bit one's-complement-style sum of the file, plus its length. */
export function peChecksum(bytes: Uint8Array, checksumOffset: number): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    if (i === checksumOffset || i === checksumOffset + 2) continue;
    sum += bytes[i] | ((i + 1 < bytes.length ? bytes[i + 1] : 0) << 8);
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  sum = (sum & 0xffff) + (sum >>> 16);
  return (sum + bytes.length) >>> 0;
}

export function parsePe(bytes: Uint8Array): PeImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (offset: number, size: number, what: string) => {
    if (offset < 0 || offset + size > bytes.length) throw new PeFormatError(`${what} lies outside the file`);
  };
  need(0, 0x40, 'the DOS header');
  if (view.getUint16(0, true) !== 0x5a4d) throw new PeFormatError('no MZ signature');
  const pe = view.getUint32(0x3c, true);
  need(pe, 24, 'the PE header');
  if (view.getUint32(pe, true) !== 0x00004550) throw new PeFormatError('no PE\\0\\0 signature');

  const file = pe + 4;
  const machine = view.getUint16(file, true);
  const sectionCount = view.getUint16(file + 2, true);
  const symbolTable = view.getUint32(file + 8, true);
  const symbolCount = view.getUint32(file + 12, true);
  const optionalSize = view.getUint16(file + 16, true);
  const characteristics = view.getUint16(file + 18, true);

  const opt = file + 20;
  need(opt, optionalSize, 'the optional header');
  const magic = view.getUint16(opt, true);
  if (magic !== 0x20b) throw new PeFormatError(`optional header magic 0x${magic.toString(16)} is not PE32+`);
  const dirCount = view.getUint32(opt + 108, true);
  const dataDirectories = Array.from({ length: Math.min(dirCount, 16) }, (_, i) => ({
    rva: view.getUint32(opt + 112 + i * 8, true),
    size: view.getUint32(opt + 116 + i * 8, true),
  }));

  const sectionTable = opt + optionalSize;
  need(sectionTable, sectionCount * 40, 'the section table');
  const sections: PeSection[] = Array.from({ length: sectionCount }, (_, i) => {
    const s = sectionTable + i * 40;
    return {
      name: cString(bytes, s, 8),
      virtualSize: view.getUint32(s + 8, true),
      virtualAddress: view.getUint32(s + 12, true),
      rawSize: view.getUint32(s + 16, true),
      rawOffset: view.getUint32(s + 20, true),
      characteristics: view.getUint32(s + 36, true),
    };
  });

  const rvaToOffset = (rva: number): number => {
    for (const s of sections) {
      if (rva >= s.virtualAddress && rva < s.virtualAddress + Math.max(s.virtualSize, s.rawSize)) {
        const offset = s.rawOffset + (rva - s.virtualAddress);
        need(offset, 1, `RVA 0x${rva.toString(16)}`);
        return offset;
      }
    }
    throw new PeFormatError(`RVA 0x${rva.toString(16)} is in no section`);
  };

  const image: PeImage = {
    machine,
    characteristics,
    magic,
    entryPointRva: view.getUint32(opt + 16, true),
    imageBase: view.getBigUint64(opt + 24, true),
    subsystem: view.getUint16(opt + 68, true),
    dllCharacteristics: view.getUint16(opt + 70, true),
    checksum: view.getUint32(opt + 64, true),
    computedChecksum: peChecksum(bytes, opt + 64),
    dataDirectories,
    sections,
    imports: [],
    exports: [],
    symbols: new Map(),
  };
  image.imports = readImports(view, bytes, dataDirectories[DIR_IMPORT], rvaToOffset);
  image.exports = readExports(view, bytes, dataDirectories[DIR_EXPORT], rvaToOffset);
  image.symbols = readSymbols(view, bytes, symbolTable, symbolCount, sections);
  return image;
}

type RvaToOffset = (rva: number) => number;

function readImports(view: DataView, bytes: Uint8Array, dir: { rva: number; size: number } | undefined, at: RvaToOffset): PeImport[] {
  const imports: PeImport[] = [];
  if (!dir || dir.rva === 0) return imports;
  for (let d = at(dir.rva); ; d += 20) {
    const lookup = view.getUint32(d, true);
    const nameRva = view.getUint32(d + 12, true);
    const iat = view.getUint32(d + 16, true);
    if (lookup === 0 && nameRva === 0 && iat === 0) break;
    const names: string[] = [];
    for (let t = at(lookup !== 0 ? lookup : iat); ; t += 8) {
      const entry = view.getBigUint64(t, true);
      if (entry === 0n) break;
      if (entry & 0x8000000000000000n) names.push(`#${Number(entry & 0xffffn)}`);
      else names.push(cString(bytes, at(Number(entry & 0x7fffffffn)) + 2)); // skip the hint
    }
    imports.push({ dll: cString(bytes, at(nameRva)), names });
  }
  return imports;
}

function readExports(view: DataView, bytes: Uint8Array, dir: { rva: number; size: number } | undefined, at: RvaToOffset): string[] {
  if (!dir || dir.rva === 0 || dir.size === 0) return [];
  const e = at(dir.rva);
  const count = view.getUint32(e + 24, true);
  const names = count > 0 ? at(view.getUint32(e + 32, true)) : 0;
  return Array.from({ length: count }, (_, i) => cString(bytes, at(view.getUint32(names + i * 4, true))));
}

/**
 * The COFF symbol table an image keeps when it is not stripped (ld writes
 * one; MSVC's link does not, it writes a PDB). Values of section symbols are
 * offsets into their section, so RVA = section address + value.
 */
function readSymbols(view: DataView, bytes: Uint8Array, table: number, count: number, sections: PeSection[]): Map<string, number> {
  const symbols = new Map<string, number>();
  if (table === 0 || count === 0 || table + count * 18 + 4 > bytes.length) return symbols;
  const strings = table + count * 18;
  for (let i = 0; i < count; i++) {
    const s = table + i * 18;
    const name = view.getUint32(s, true) === 0 ? cString(bytes, strings + view.getUint32(s + 4, true)) : cString(bytes, s, 8);
    const value = view.getUint32(s + 8, true);
    const section = view.getInt16(s + 12, true);
    const storageClass = bytes[s + 16];
    const aux = bytes[s + 17];
    if (storageClass === 2 /* IMAGE_SYM_CLASS_EXTERNAL */ && section > 0 && section <= sections.length) {
      symbols.set(name, sections[section - 1].virtualAddress + value);
    }
    i += aux;
  }
  return symbols;
}
