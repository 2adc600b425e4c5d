import { describe, expect, it } from 'vitest';
import { parseHex, toHex } from './hex.ts';

describe('parseHex', () => {
  it('reads pairs with and without separators', () => {
    expect(Array.from(parseHex('0a0B ff\n00:01,02').bytes)).toEqual([10, 11, 255, 0, 1, 2]);
    expect(Array.from(parseHex('0x1234').bytes)).toEqual([0x12, 0x34]);
    expect(Array.from(parseHex('# comment\nb7 00 # r0 = 0\n').bytes)).toEqual([0xb7, 0]);
  });
  it('reports an odd digit count at its position', () => {
    const r = parseHex('aabb c', 'x.hex');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0].span).toEqual({ file: 'x.hex', start: 5, end: 6 });
    expect(r.diagnostics[0].message).toMatch(/odd number of hex digits/);
  });
  it('reports a bad character at its position', () => {
    const r = parseHex('aa zz');
    expect(r.diagnostics[0].span?.start).toBe(3);
    expect(r.diagnostics[0].message).toBe("invalid character 'z' in hex data");
  });
  it('prints lowercase hex', () => {
    expect(toHex(Uint8Array.from([0, 171, 255]))).toBe('00abff');
    expect(toHex(Uint8Array.from([1, 2]), ' ')).toBe('01 02');
  });
});
