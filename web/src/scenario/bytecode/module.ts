/** A bytecode module as data: what the writer serialises and the reader rebuilds. */

export interface Reloc {
  /** Offset of the 8-byte slot to patch, within its image. */
  offset: number;
  kind: number; // RELOC.*
  /** A byte offset in the target region (GLOBAL, RODATA) or a function index (FUNC). */
  target: number;
  addend: number;
}

export interface Image { bytes: Uint8Array; align: number; relocs: Reloc[] }

export interface FunctionEntry {
  name: string;
  params: { offset: number; kind: number }[];
  retKind: number;
  frameSize: number;
  codeOffset: number;
  codeLength: number;
  line: number;
  col: number;
}

export interface ImportEntry {
  name: string;
  isData: boolean;
  retKind: number;
  params: number[];
  variadic: boolean;
  /** For a data import: its size in bytes. */
  dataSize: number;
  /** The C declaration, for the VM to check its table against. */
  signature: string;
}

export interface SourceMapEntry { offset: number; line: number; col: number }
export interface GlobalSymbol { name: string; offset: number; size: number; type: string; line: number }

export interface BytecodeModule {
  version: { major: number; minor: number };
  sourceFile: string;
  driverEntry: number;
  functions: FunctionEntry[];
  imports: ImportEntry[];
  code: Uint8Array;
  rodata: Image;
  globals: Image;
  srcmap: SourceMapEntry[];
  symbols: GlobalSymbol[];
}
