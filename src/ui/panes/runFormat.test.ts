import { describe, expect, it } from 'vitest';
import { jumpTarget, scenarioOptions, strings, cfgLayers, decodeScalar, hexLines, histogramKind, leValue, log2Label, valueTotal } from './runFormat.ts';

describe('run panel formatting', () => {
  it('reads little-endian map values', () => {
    expect(leValue('2a00000000000000')).toBe(42n);
    expect(leValue('00010000')).toBe(256n);
    expect(decodeScalar('ffffffff')).toBe('4294967295');
    expect(decodeScalar('010203')).toBe('');
    expect(valueTotal(['0100000000000000', '0200000000000000'])).toBe(3n);
  });
  it('labels log2 buckets as bpftrace does', () => {
    expect(log2Label(0)).toBe('[0, 2)');
    expect(log2Label(2)).toBe('[4, 8)');
    expect(log2Label(10)).toBe('[1K, 2K)');
    expect(log2Label(20)).toBe('[1M, 2M)');
  });
  it('draws only small counter arrays as histograms', () => {
    expect(histogramKind({ name: 'lat_hist', type: 'array', keySize: 4, valueSize: 8, maxEntries: 32 })).toBe('log2');
    expect(histogramKind({ name: 'counts', type: 'percpu_array', keySize: 4, valueSize: 8, maxEntries: 4 })).toBe('bars');
    expect(histogramKind({ name: 'dropped', type: 'array', keySize: 4, valueSize: 8, maxEntries: 1 })).toBeNull();
    expect(histogramKind({ name: 'h', type: 'hash', keySize: 4, valueSize: 8, maxEntries: 8 })).toBeNull();
  });
  it('marks bytes that differ from the original packet', () => {
    const l = hexLines('41424344', '41424544');
    expect(l[0].bytes.map((b) => b.changed)).toEqual([false, false, true, false]);
    expect(l[0].ascii).toBe('ABCD');
    expect(hexLines('00'.repeat(17)).length).toBe(2);
  });
  it('layers a diamond with a back edge', () => {
    const blocks = [0, 2, 3, 5].map((start, id) => ({ id, start }));
    const edges = [{ from: 0, to: 1 }, { from: 0, to: 2 }, { from: 1, to: 3 }, { from: 2, to: 3 }, { from: 3, to: 0 }];
    expect(cfgLayers(blocks, edges)).toEqual([0, 1, 1, 2]);
  });
});

describe('event record strings', () => {
  it('finds the printable runs, as strings(1) does', () => {
    // "bash\0\0" then "/usr/bin/ls\0" then a u32
    const hex = Buffer.from('bash\0\0/usr/bin/ls\0', 'latin1').toString('hex') + '2a000000';
    expect(strings(hex)).toBe('bash /usr/bin/ls');
    expect(strings('41420043')).toBe('');
  });
});

describe('jump targets', () => {
  it('reads llvm-objdump offsets (pc-relative, from the next insn)', () => {
    expect(jumpTarget(5, 'if r1 > r8 goto +0x1f')).toBe(37);
    expect(jumpTarget(10, 'goto -0x3')).toBe(8);
    expect(jumpTarget(4, 'gotol +0x2')).toBe(7);
    expect(jumpTarget(4, 'call 0x5')).toBeUndefined();
  });
  it('offers the simulator\'s names, plus an example\'s workload list, and falls back for unknown names', () => {
    const w = ['shell', 'webserver', 'cron', 'malicious'];
    expect(scenarioOptions(w, 'cron', 'shell')).toEqual({ value: 'cron', options: w });
    expect(scenarioOptions(w, 'webserver,shell', 'shell')).toEqual({ value: 'webserver,shell', options: ['webserver,shell', ...w] });
    expect(scenarioOptions(w, 'webserver,nosuch', 'shell')).toEqual({ value: 'shell', options: w });
    expect(scenarioOptions(w, null, 'shell')).toEqual({ value: 'shell', options: w });
    // names still loading: the current value stays selected
    expect(scenarioOptions([], 'botnet', 'mixed')).toEqual({ value: 'botnet', options: ['botnet'] });
  });
});
