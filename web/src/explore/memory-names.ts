/* A data race's memory in the code's words. The explorer reports an address
   and a size (core-c/emu/explore_hb.c); the compiled program's data layout
   (web/src/scenario/names.ts) says which global, field or element holds a
   globals address, and the core says which allocation holds a pool address. */
import type { CodeNames, ExploreRace } from '../engine/core-types';
import type { DataShape } from '../scenario/names';

/** Where the VM maps the globals image: VM_GLOBALS_BASE in core-c/vm/vmp.h (held equal by memory-names.test.ts). */
export const GLOBALS_VA = 0xFFFFF80110000000n;

function within(name: string, shape: DataShape, offset: number): string {
  if (shape.k === 'array') {
    const i = Math.floor(offset / shape.elem);
    return i < shape.len ? within(`${name}[${i}]`, shape.of, offset - i * shape.elem) : name;
  }
  if (shape.k === 'struct') {
    const f = shape.fields.find((x) => offset >= x.offset && offset < x.offset + Math.max(x.size, 1));
    return f ? within(`${name}.${f.name}`, f.shape, offset - f.offset) : name;
  }
  return name;
}

/** The global, field or array element at ADDRESS (hex, as the core writes it), or undefined. */
export function globalAt(address: string, names?: CodeNames | null): string | undefined {
  let va: bigint;
  try { va = BigInt(address); } catch { return undefined; }
  if (!names?.data || va < GLOBALS_VA) return undefined;
  const offset = Number(va - GLOBALS_VA);
  const g = names.data.find((s) => offset >= s.offset && offset < s.offset + Math.max(s.size, 1));
  return g && within(g.name, g.shape, offset - g.offset);
}

/** The race's memory in words (`Plain`, `Counter.Value`, `pool allocated at line 12`), or undefined. */
export function raceVariable(race: ExploreRace, names?: CodeNames | null): string | undefined {
  if (race.pool) return `pool allocated at line ${race.pool.line}${race.pool.offset ? `, offset ${race.pool.offset}` : ''}`;
  return globalAt(race.address, names);
}

/** What the views and the CLI say of a race: the variable's name before the hex;
    the core's own words when nothing names the memory. */
export function raceMessage(race: ExploreRace): string {
  const tail = race.message.indexOf(' from different threads');
  if (!race.variable || tail < 0) return race.message;
  const [k0, k1] = race.kinds, [l0, l1] = race.lines;
  const rest = race.message.slice(tail);
  if (race.pool) {
    return `data race: the ${k0} at line ${l0} and the ${k1} at line ${l1} touch the same ${race.bytes} bytes of ${race.variable} `
      + `(${race.address})${rest}`;
  }
  const to = (k: string) => (k === 'write' ? 'to' : 'of');
  return `data race: the ${k0} ${to(k0)} ${race.variable} at line ${l0} and the ${k1} ${to(k1)} ${race.variable} at line ${l1} `
    + `touch the same ${race.bytes} bytes (${race.address})${rest}`;
}
