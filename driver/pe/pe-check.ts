// What makes a PE image a loadable x64 kernel driver, as a list of checks
// over a parsed image. Each failed rule is one line of the returned list,
// so a test can show every problem of a build at once.

import type { PeImage } from './pe-parse';

export const IMAGE_FILE_MACHINE_AMD64 = 0x8664;
export const PE32_PLUS_MAGIC = 0x20b;
export const IMAGE_SUBSYSTEM_NATIVE = 1;
const IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE = 0x0040;
const IMAGE_DLLCHARACTERISTICS_NX_COMPAT = 0x0100;
const IMAGE_SCN_MEM_EXECUTE = 0x20000000;
const IMAGE_SCN_MEM_WRITE = 0x80000000;
const DIR_BASERELOC = 5;

/** Names each kernel module may supply, by lower-case DLL name. */
export type ImportAllowList = ReadonlyMap<string, ReadonlySet<string>>;

export interface DriverCheckOptions {
  /** What the driver may import: mingw-w64's import libraries plus later-exports.json. */
  allowed: ImportAllowList;
  /** The RVA of DriverEntry; defaults to the image's own COFF symbol table. */
  driverEntryRva?: number;
}

/** Every way `image` falls short of a loadable x64 driver; empty when none. */
export function checkDriverImage(image: PeImage, options: DriverCheckOptions): string[] {
  const problems: string[] = [];
  const hex = (n: number) => `0x${n.toString(16)}`;

  if (image.magic !== PE32_PLUS_MAGIC) problems.push(`magic ${hex(image.magic)}, not PE32+ (0x20b)`);
  if (image.machine !== IMAGE_FILE_MACHINE_AMD64) problems.push(`machine ${hex(image.machine)}, not x64 (0x8664)`);
  if (image.subsystem !== IMAGE_SUBSYSTEM_NATIVE) problems.push(`subsystem ${image.subsystem}, not NATIVE (1)`);

  const entry = options.driverEntryRva ?? image.symbols.get('DriverEntry');
  if (entry === undefined) problems.push('DriverEntry not found (stripped image and no RVA given)');
  else if (image.entryPointRva !== entry) {
    problems.push(`entry point ${hex(image.entryPointRva)} is not DriverEntry (${hex(entry)})`);
  }

  // The kernel maps drivers at an address of its choosing: relocations are
  // required, and the image says it accepts being moved and never executes data.
  const reloc = image.dataDirectories[DIR_BASERELOC];
  if (!reloc || reloc.rva === 0 || reloc.size === 0) problems.push('no base relocations');
  if (!(image.dllCharacteristics & IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE)) problems.push('DYNAMIC_BASE not set');
  if (!(image.dllCharacteristics & IMAGE_DLLCHARACTERISTICS_NX_COMPAT)) problems.push('NX_COMPAT not set');
  // Memory integrity (HVCI) refuses a driver with a section both writable and executable.
  for (const s of image.sections) {
    if ((s.characteristics & IMAGE_SCN_MEM_EXECUTE) !== 0 && (s.characteristics & IMAGE_SCN_MEM_WRITE) !== 0) {
      problems.push(`section ${s.name} is writable and executable`);
    }
  }
  // link /RELEASE sets the checksum of every WDK driver; ld must have too.
  if (image.checksum !== image.computedChecksum) {
    problems.push(`checksum ${hex(image.checksum)} does not match the image (${hex(image.computedChecksum)})`);
  }

  for (const imp of image.imports) {
    const allowed = options.allowed.get(imp.dll.toLowerCase());
    if (!allowed) {
      problems.push(`imports from ${imp.dll}, which is not ntoskrnl.exe or HAL.dll`);
      continue;
    }
    for (const name of imp.names) {
      if (!allowed.has(name)) problems.push(`imports ${name} from ${imp.dll}, which no known kernel exports`);
    }
  }
  return problems;
}

/** The imported names of an image, "dll!name" sorted: for reports and snapshots. */
export function importList(image: PeImage): string[] {
  return image.imports.flatMap((i) => i.names.map((n) => `${i.dll.toLowerCase()}!${n}`)).sort();
}
