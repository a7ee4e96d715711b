/** Little-endian byte writing and reading, with LEB128 varints for the source map. */

export class ByteWriter {
  private buf = new Uint8Array(256);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  u8(v: number): this { this.room(1); this.buf[this.length++] = v & 0xff; return this; }
  u16(v: number): this { return this.u8(v).u8(v >>> 8); }
  u32(v: number): this { return this.u16(v & 0xffff).u16(v >>> 16); }
  i32(v: number): this { return this.u32(v >>> 0); }
  i64(v: bigint): this {
    const u = BigInt.asUintN(64, v);
    return this.u32(Number(u & 0xffffffffn)).u32(Number(u >> 32n));
  }
  bytes(b: ArrayLike<number>): this { this.room(b.length); this.buf.set(b, this.length); this.length += b.length; return this; }
  /** A string: u16 byte length, then UTF-8. */
  str(s: string): this { const b = new TextEncoder().encode(s); return this.u16(b.length).bytes(b); }
  uleb(v: number): this {
    do { let b = v & 0x7f; v = Math.floor(v / 128); if (v) b |= 0x80; this.u8(b); } while (v);
    return this;
  }
  sleb(v: number): this { return this.uleb(v < 0 ? -2 * v - 1 : 2 * v); } // zigzag
  patchU32(at: number, v: number): void {
    for (let k = 0; k < 4; k++) this.buf[at + k] = (v >>> (8 * k)) & 0xff;
  }
  finish(): Uint8Array { return this.buf.slice(0, this.length); }
}

export class ByteReader {
  pos = 0;
  constructor(private readonly b: Uint8Array, private readonly end = b.length) {}

  private need(n: number): void { if (this.pos + n > this.end) throw new Error(`truncated module at byte ${this.pos}`); }
  get done(): boolean { return this.pos >= this.end; }
  u8(): number { this.need(1); return this.b[this.pos++]; }
  u16(): number { return this.u8() | (this.u8() << 8); }
  u32(): number { return (this.u16() | (this.u16() << 16)) >>> 0; }
  i32(): number { return this.u32() | 0; }
  i64(): bigint { const lo = BigInt(this.u32()), hi = BigInt(this.u32()); return BigInt.asIntN(64, (hi << 32n) | lo); }
  bytes(n: number): Uint8Array { this.need(n); const r = this.b.slice(this.pos, this.pos + n); this.pos += n; return r; }
  str(): string { return new TextDecoder().decode(this.bytes(this.u16())); }
  uleb(): number {
    let v = 0, mul = 1;
    for (;;) { const b = this.u8(); v += (b & 0x7f) * mul; if (!(b & 0x80)) return v; mul *= 128; }
  }
  sleb(): number { const z = this.uleb(); return z % 2 ? -(z + 1) / 2 : z / 2; }
}
