import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from './base64url';
import { decodeShare, encodeRaw, encodeShare, isShareFragment, ShareLinkError, type ShareState } from './codec';
import { deflateRaw } from './deflate';
import { FROZEN_EXPECTED, FROZEN_LINKS } from './fixtures';
import { MAX_TRACE_EVENTS } from '../trace/limits';

const state: ShareState = {
  source: 'int x = 1; /* ünïcödé ✓ */\n',
  cpus: 2,
  policy: 'timed',
  seed: 1,
  budget: 100000,
  schedule: [0, 1, 0],
  moment: 3,
  manual: true,
};

describe('base64url', () => {
  it('round-trips every length', () => {
    for (let n = 0; n < 20; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(decodeBase64url(encodeBase64url(bytes))).toEqual(bytes);
    }
  });
  it('refuses characters outside the alphabet', () => {
    expect(decodeBase64url('ab+c')).toBeNull();
    expect(decodeBase64url('abcde')).toBeNull();
  });
});

describe('share codec', () => {
  it('round-trips the current format with a version prefix', async () => {
    const link = await encodeShare(state);
    expect(link.startsWith('v3.')).toBe(true);
    expect(await decodeShare(`#${link}`)).toEqual(state);
  });

  it('carries any seed the command line takes (up to 2^53 - 1)', async () => {
    const big: ShareState = { ...state, seed: Number.MAX_SAFE_INTEGER };
    expect(await decodeShare(await encodeShare(big))).toEqual(big);
  });

  it('compresses', async () => {
    const big = { ...state, source: 'KeAcquireSpinLock(&Lock, &Irql);\n'.repeat(200) };
    expect((await encodeShare(big)).length).toBeLessThan(big.source.length / 10);
  });

  for (const version of Object.keys(FROZEN_LINKS) as (keyof typeof FROZEN_LINKS)[]) {
    it(`decodes the frozen ${version} link`, async () => {
      expect(await decodeShare(FROZEN_LINKS[version])).toEqual(FROZEN_EXPECTED[version]);
    });
  }

  it('recognises share fragments', () => {
    expect(isShareFragment('#v1.abc')).toBe(true);
    expect(isShareFragment('#section')).toBe(false);
    expect(isShareFragment('')).toBe(false);
  });

  const broken: [string, string][] = [
    ['truncated', FROZEN_LINKS.v2.slice(0, 60)],
    ['not base64url', '#v2.abc$def'],
    ['from the future', '#v99.AAAA'],
    ['unknown prefix', '#x1.AAAA'],
    ['empty payload', '#v2.'],
    ['random bytes', '#v2.q83vASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4k'],
  ];
  for (const [name, link] of broken) {
    it(`refuses a ${name} link with a ShareLinkError`, async () => {
      await expect(decodeShare(link)).rejects.toBeInstanceOf(ShareLinkError);
    });
  }

  it('refuses a well-compressed payload that breaks the schema', async () => {
    const hostile = await encodeRaw(2, { s: 'x', c: 99, p: 'timed', r: 1, b: 1, k: null, m: null });
    await expect(decodeShare(hostile)).rejects.toThrow(/not a valid scenario/);
    const extra = await encodeRaw(1, { s: 'x', c: 1, p: 'rr', r: 1, b: 1, __proto__x: '<script>' });
    await expect(decodeShare(extra)).rejects.toBeInstanceOf(ShareLinkError);
  });

  it('refuses a moment or a schedule entry no run can have (1e300 is an integer to zod)', async () => {
    const link = (k: number[] | null, m: number | null) => encodeRaw(3, { s: 'x', c: 1, p: 'rr', r: 1, b: 1, k, m, n: false });
    await expect(decodeShare(await link(null, 1e300))).rejects.toThrow(/not a valid scenario/);
    await expect(decodeShare(await link(null, MAX_TRACE_EVENTS))).rejects.toThrow(/not a valid scenario/);
    await expect(decodeShare(await link([0, 1e300], null))).rejects.toThrow(/not a valid scenario/);
    expect((await decodeShare(await link([0, 1], MAX_TRACE_EVENTS - 1))).moment).toBe(MAX_TRACE_EVENTS - 1);
  });

  it('refuses a decompression bomb, saying what it is', async () => {
    const bomb = await encodeRaw(2, { s: 'a'.repeat(3_000_000), c: 1, p: 'rr', r: 1, b: 1, k: null, m: null });
    await expect(decodeShare(bomb)).rejects.toThrow(/unpacks to more than 2,000,000 bytes/);
  });

  it('says when the data is not UTF-8, or not JSON, rather than "does not decompress"', async () => {
    const link = async (bytes: number[]) => `#v3.${encodeBase64url(await deflateRaw(new Uint8Array(bytes)))}`;
    await expect(decodeShare(await link([0x7b, 0xff, 0xfe, 0x7d]))).rejects.toThrow(/not UTF-8 text/);
    await expect(decodeShare(await link([...new TextEncoder().encode('{"s": nope')]))).rejects.toThrow(/not the JSON of a scenario/);
    await expect(decodeShare('#v3.AAAA')).rejects.toThrow(/does not decompress/);
  });

  it('treats a malformed version (#v-1., #vX.) as a link to refuse, not as no link', async () => {
    for (const fragment of ['#v-1.', '#vX.AAAA', 'v-1.abc']) {
      expect(isShareFragment(fragment)).toBe(true);
      await expect(decodeShare(fragment)).rejects.toThrow(/not a playground link/);
    }
    for (const fragment of ['#/learn', '#', '', '#view']) expect(isShareFragment(fragment)).toBe(false);
  });
});
