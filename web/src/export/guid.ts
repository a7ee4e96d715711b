// Deterministic GUIDs for the Visual Studio project and solution: derived
// from the driver name, so exporting the same scenario twice gives the same
// files byte for byte (the playground's determinism rule) and re-exporting
// over a checkout leaves no diff. Not cryptographic: MSBuild only needs the
// GUIDs to differ between projects of a solution.

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK64 = (1n << 64n) - 1n;

/** 64-bit FNV-1a over the UTF-16 code units of `text`, starting from `seed`. */
function fnv1a64(text: string, seed: bigint): bigint {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * FNV_PRIME) & MASK64;
  }
  return hash;
}

/**
 * A GUID in the registry form Visual Studio writes ({XXXXXXXX-XXXX-...}, upper
 * case), shaped as an RFC 4122 version-4 GUID (version and variant bits set)
 * so that tools which validate the form accept it.
 */
export function guidFor(purpose: string, name: string): string {
  const key = `${purpose}\u0000${name}`;
  const high = fnv1a64(key, FNV_OFFSET);
  const low = fnv1a64(key, high ^ FNV_OFFSET);
  const hex = (high.toString(16).padStart(16, '0') + low.toString(16).padStart(16, '0')).split('');
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('').toUpperCase();
  return `{${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}}`;
}
