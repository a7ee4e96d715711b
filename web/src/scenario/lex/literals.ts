/**
 * The values of C literals, computed as gcc computes them for x64 Windows
 * (LLP64: long is 32 bits): integer constants pick their type by the C99
 * table, character constants are int (multi-character ones like the pool tag
 * 'mKdW' pack bytes big-endian, as gcc does), strings become UTF-8 bytes.
 */

export type IntLiteralType =
  | 'int' | 'unsigned int' | 'long' | 'unsigned long' | 'long long' | 'unsigned long long';

export interface IntLiteral { value: bigint; type: IntLiteralType }
export type LiteralResult<T> = { ok: true; value: T; warning?: string } | { ok: false; error: string };

const LIMITS: Record<IntLiteralType, bigint> = {
  'int': 0x7fffffffn, 'unsigned int': 0xffffffffn, 'long': 0x7fffffffn, 'unsigned long': 0xffffffffn,
  'long long': 0x7fffffffffffffffn, 'unsigned long long': 0xffffffffffffffffn,
};

export function parseIntLiteral(text: string): LiteralResult<IntLiteral> {
  const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)([uUlL]*)$/.exec(text);
  if (!m) {
    if (/^[0-9]*\.[0-9]*([eE][+-]?[0-9]+)?[fFlL]?$|^[0-9]+[eE][+-]?[0-9]+[fFlL]?$|^0[xX].*[pP]/.test(text)) {
      return { ok: false, error: `floating-point constant '${text}': floating point is outside the scenario subset` };
    }
    return { ok: false, error: `invalid integer constant '${text}'` };
  }
  const [, digits, suffix] = m;
  const s = suffix.toLowerCase();
  if (!['', 'u', 'l', 'ul', 'lu', 'll', 'ull', 'llu'].includes(s) || /lL|Ll/.test(suffix)) {
    return { ok: false, error: `invalid suffix '${suffix}' on integer constant` };
  }
  const decimal = /^[1-9]|^0$/.test(digits) && !/^0[xXbB]/.test(digits);
  if (/^0[0-9]/.test(digits) && /[89]/.test(digits)) return { ok: false, error: `invalid digit in octal constant '${text}'` };
  const value = /^0[0-7]+$/.test(digits) ? BigInt('0o' + digits.slice(1)) : BigInt(digits);
  const unsigned = s.includes('u');
  const longs = s.replace('u', '');
  let candidates: IntLiteralType[];
  if (longs === '') candidates = ['int', 'unsigned int', 'long', 'unsigned long', 'long long', 'unsigned long long'];
  else if (longs === 'l') candidates = ['long', 'unsigned long', 'long long', 'unsigned long long'];
  else candidates = ['long long', 'unsigned long long'];
  candidates = candidates.filter((t) => (unsigned ? t.startsWith('unsigned') : decimal ? !t.startsWith('unsigned') : true));
  const type = candidates.find((t) => value <= LIMITS[t]);
  if (type) return { ok: true, value: { value, type } };
  if (value <= LIMITS['unsigned long long']) {
    return { ok: true, value: { value, type: 'unsigned long long' }, warning: 'integer constant is so large that it is unsigned' };
  }
  return { ok: false, error: `integer constant '${text}' is too large for its type` };
}

const SIMPLE_ESCAPES: Record<string, number> = {
  n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '\\': 92, '\'': 39, '"': 34, '?': 63, e: 27,
};

/** The bytes between the quotes of a char or string literal (escapes resolved). */
function decodeBody(body: string): LiteralResult<number[]> {
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      if (cp > 0xffff) i++;
      bytes.push(...new TextEncoder().encode(String.fromCodePoint(cp)));
      continue;
    }
    const e = body[++i];
    if (e === undefined) return { ok: false, error: 'incomplete escape sequence' };
    if (e in SIMPLE_ESCAPES) { bytes.push(SIMPLE_ESCAPES[e]); continue; }
    if (/[0-7]/.test(e)) {
      let digits = e;
      while (digits.length < 3 && /[0-7]/.test(body[i + 1] ?? '')) digits += body[++i];
      const v = parseInt(digits, 8);
      if (v > 255) return { ok: false, error: 'octal escape sequence out of range' };
      bytes.push(v);
      continue;
    }
    if (e === 'x') {
      let digits = '';
      while (/[0-9a-fA-F]/.test(body[i + 1] ?? '')) digits += body[++i];
      if (!digits) return { ok: false, error: '\\x used with no following hex digits' };
      const v = parseInt(digits, 16);
      if (v > 255) return { ok: false, error: 'hex escape sequence out of range' };
      bytes.push(v);
      continue;
    }
    return { ok: false, error: `unknown escape sequence '\\${e}'` };
  }
  return { ok: true, value: bytes };
}

function refusePrefix(text: string, what: string): LiteralResult<never> | undefined {
  if (/^(L|u8|u|U)/.test(text)) {
    return { ok: false, error: `wide ${what} ${text}: wide and Unicode literals are outside the scenario subset` };
  }
  return undefined;
}

/** A character constant's int value: 'a' is 97, '\xff' is -1 (char is signed), 'ab' is 0x6162. */
export function parseCharLiteral(text: string): LiteralResult<bigint> {
  const refused = refusePrefix(text, 'character constant');
  if (refused) return refused;
  if (text.length < 3 || !text.endsWith('\'')) return { ok: false, error: 'empty character constant' };
  const r = decodeBody(text.slice(1, -1));
  if (!r.ok) return r;
  const bytes = r.value;
  if (bytes.length === 1) return { ok: true, value: BigInt.asIntN(8, BigInt(bytes[0])) };
  let v = 0n;
  for (const b of bytes) v = ((v << 8n) | BigInt(b)) & 0xffffffffn;
  const warning = bytes.length > 4 ? 'character constant too long for its type' : undefined;
  return { ok: true, value: BigInt.asIntN(32, v), warning };
}

/** A string literal's bytes, without the terminating NUL. */
export function parseStringLiteral(text: string): LiteralResult<number[]> {
  const refused = refusePrefix(text, 'string literal');
  if (refused) return refused;
  if (text.length < 2 || !text.endsWith('"')) return { ok: false, error: 'missing terminating " character' };
  return decodeBody(text.slice(1, -1));
}
