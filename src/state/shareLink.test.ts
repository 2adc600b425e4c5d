/**
 * Share links: base64url against RFC 4648 §10 vectors, the compressed payload against Node's zlib
 * (an independent raw-DEFLATE implementation), and hostile payloads of every kind giving a clear
 * error of the right kind instead of an exception.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot, fromBase64Url, jsonDepth, payloadOfHash, toBase64Url } from './shareLink.ts';
import type { Snapshot } from './snapshot.ts';

const snap: Snapshot = {
  v: 1,
  files: [{ name: 'prog.s', text: 'r0 = 42\nexit\n# ünïcödé ✓\n' }],
  active: 0,
  language: 'asm',
  progType: 'xdp',
  scenario: null,
  seed: 7,
  mem: '01 02 ff',
  panel: 'trace',
  step: 3,
  pc: 5,
  dock: null,
  count: null,
};

const ascii = (s: string) => new TextEncoder().encode(s);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
/** A payload made the way a forger would: any JSON text, raw-deflated by zlib. */
const forge = (json: string) => b64(deflateRawSync(Buffer.from(json)));

describe('base64url', () => {
  it('matches the RFC 4648 test vectors (unpadded)', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy']];
    for (const [plain, enc] of vectors) {
      expect(toBase64Url(ascii(plain))).toBe(enc);
      expect(fromBase64Url(enc)).toEqual({ bytes: ascii(plain) });
    }
  });

  it('uses - and _ where base64 has + and /', () => {
    // 0xfb 0xff 0xbf: standard base64 "+/+/"
    expect(toBase64Url(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe('-_-_');
    expect(fromBase64Url('-_-_')).toEqual({ bytes: Uint8Array.of(0xfb, 0xff, 0xbf) });
  });

  it('names the first bad character and its position', () => {
    expect(fromBase64Url('abc+defg')).toEqual({ error: "character '+' at position 4 is not base64url" });
    expect(fromBase64Url('ab\u0000d')).toEqual({ error: 'character U+0000 at position 3 is not base64url' });
    expect(fromBase64Url('abcde')).toMatchObject({ error: expect.stringMatching(/length \(5\)/) });
  });
});

describe('share link round trip', () => {
  it('decodes what it encodes, exactly', async () => {
    const payload = await encodeSnapshot(snap);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeSnapshot(payload)).toEqual({ ok: true, value: snap });
  });

  it('writes raw DEFLATE that zlib inflates to the snapshot JSON', async () => {
    const payload = await encodeSnapshot(snap);
    const json = inflateRawSync(Buffer.from(payload, 'base64url')).toString('utf8');
    expect(JSON.parse(json)).toEqual(snap);
  });

  it('reads a link written by another deflate implementation', async () => {
    expect(await decodeSnapshot(forge(JSON.stringify(snap)))).toEqual({ ok: true, value: snap });
  });

  it('finds the payload in a hash', () => {
    expect(payloadOfHash('#s=abc')).toBe('abc');
    expect(payloadOfHash('#s=')).toBe('');
    expect(payloadOfHash('')).toBeNull();
    expect(payloadOfHash('#section-2')).toBeNull();
  });
});

describe('hostile links', () => {
  const kindOf = async (payload: string) => {
    const r = await decodeSnapshot(payload);
    expect(r.ok).toBe(false);
    return r.ok ? null : r.error;
  };

  it('refuses a huge link before decoding it', async () => {
    const e = await kindOf('A'.repeat(300_000));
    expect(e?.kind).toBe('too-large');
    expect(e?.message).toMatch(/300,000 characters/);
  });

  it('refuses malformed base64', async () => {
    expect((await kindOf('abc$def'))?.kind).toBe('base64');
    expect((await kindOf(''))?.kind).toBe('base64');
  });

  it('refuses data that is not DEFLATE', async () => {
    // 0xff 0xff…: block type 3 is reserved in RFC 1951, so inflating fails at once
    expect((await kindOf(b64(new Uint8Array(32).fill(0xff))))?.kind).toBe('deflate');
    // a valid stream cut in half
    const whole = deflateRawSync(Buffer.from(JSON.stringify(snap)));
    expect((await kindOf(b64(whole.subarray(0, whole.length >> 1))))?.kind).toBe('deflate');
  });

  it('stops inflating a compression bomb at the cap', async () => {
    const bomb = deflateRawSync(Buffer.alloc(8 * 1024 * 1024, 0x20)); // 8 MiB of spaces, ~8 KiB compressed
    expect(b64(bomb).length).toBeLessThan(200_000);
    expect((await kindOf(b64(bomb)))?.kind).toBe('too-large');
  });

  it('refuses invalid UTF-8 and invalid JSON', async () => {
    expect((await kindOf(b64(deflateRawSync(Buffer.from([0x7b, 0xc3, 0x28, 0x7d])))))?.kind).toBe('utf8');
    expect((await kindOf(forge('{"v":1,')))?.kind).toBe('json');
  });

  it('refuses deeply nested JSON without parsing it', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const e = await kindOf(forge(deep));
    expect(e?.kind).toBe('json');
    expect(e?.message).toMatch(/nested deeper/);
    expect(jsonDepth(deep, 4)).toBe(5); // stops counting just past the limit
    expect(jsonDepth('{"a":"[[[[[[[["}', 4)).toBe(1); // brackets inside strings do not count
    expect(jsonDepth('{"a":"\\"[[[[[["}', 4)).toBe(1);
  });

  it('refuses a wrong schema version, unknown fields and wrong types', async () => {
    expect((await kindOf(forge(JSON.stringify({ ...snap, v: 2 }))))?.message).toMatch(/schema version 2; this page reads version 1/);
    expect((await kindOf(forge(JSON.stringify({ ...snap, extra: 1 }))))?.message).toMatch(/unknown field 'extra'/);
    expect((await kindOf(forge(JSON.stringify({ ...snap, seed: -1 }))))?.message).toMatch(/'seed'/);
    expect((await kindOf(forge(JSON.stringify([snap]))))?.kind).toBe('schema');
    expect((await kindOf(forge('"just a string"')))?.kind).toBe('schema');
  });

  it('refuses markup in names', async () => {
    const evil = { ...snap, files: [{ name: '<img src=x onerror=alert(1)>', text: 'exit' }] };
    const e = await kindOf(forge(JSON.stringify(evil)));
    expect(e?.kind).toBe('schema');
    expect(e?.message).toMatch(/not an acceptable file name/);
    const evilProg = { ...snap, progType: '"><script>alert(1)</script>' };
    expect((await kindOf(forge(JSON.stringify(evilProg))))?.message).toMatch(/'progType'/);
  });

  it('refuses a __proto__ key instead of merging it', async () => {
    const e = await kindOf(forge(JSON.stringify(snap).replace('"v":1', '"v":1,"__proto__":{"polluted":true}')));
    expect(e?.message).toMatch(/unknown field '__proto__'/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
