// The tracepoint format table against the formats recorded from this machine's Linux 6.18
// tracefs (testdata/formats, copied verbatim by testdata/record.ts), and the record encoder
// against hand-computed bytes.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TRACEPOINT_FORMATS, encodeRecord, parseFormatFile, tracepointFormat, type TracepointFormat } from './formats.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'testdata', 'formats');

function recorded(key: string): TracepointFormat {
  const [group, name] = key.split(':');
  const p = parseFormatFile(readFileSync(join(dir, `${group}__${name}.format`), 'utf8'));
  if ('error' in p) throw new Error(`${key}: ${p.error} at line ${p.line}`);
  return p;
}

describe('tracepoint formats', () => {
  it('has a recorded format file for every table entry and no stray files', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.format')).sort();
    const keys = [...TRACEPOINT_FORMATS.keys()].map((k) => k.replace(':', '__') + '.format').sort();
    expect(files).toEqual(keys);
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const [key, fmt] of TRACEPOINT_FORMATS) {
    it(`${key}: id and every field (type, name, offset, size, signedness) match the kernel's`, () => {
      const real = recorded(key);
      expect(real.name).toBe(fmt.name);
      expect(fmt.id).toBe(real.id);
      const strip = (f: TracepointFormat['fields'][number]) => ({ type: f.type, name: f.name, offset: f.offset, size: f.size, signed: f.signed, arrayLen: f.arrayLen });
      expect(fmt.fields.map(strip)).toEqual(real.fields.map(strip));
      expect(fmt.size).toBe(real.size);
    });
  }

  it('spot-checks the well-known layouts by hand', () => {
    const open = tracepointFormat('syscalls:sys_enter_openat')!;
    expect(open.fields.map((f) => `${f.name}@${f.offset}/${f.size}`)).toEqual([
      'common_type@0/2', 'common_flags@2/1', 'common_preempt_count@3/1', 'common_pid@4/4',
      '__syscall_nr@8/4', 'dfd@16/8', 'filename@24/8', 'flags@32/8', 'mode@40/8',
    ]);
    const ret = tracepointFormat('syscalls:sys_exit_read')!.fields.find((f) => f.name === 'ret')!;
    expect([ret.offset, ret.size, ret.signed]).toEqual([16, 8, true]);
    const sw = tracepointFormat('sched:sched_switch')!;
    expect(sw.fields.find((f) => f.name === 'next_pid')!.offset).toBe(56);
    expect(sw.size).toBe(64);
  });

  it('encodes a sys_enter_openat record byte for byte', () => {
    const fmt = tracepointFormat('syscalls:sys_enter_openat')!;
    const r = encodeRecord(fmt, { pid: 0x1234 }, { __syscall_nr: 257, dfd: BigInt.asUintN(64, -100n), filename: 0x7ffc00001000n, flags: 0o2000000, mode: 0 });
    const hex = Buffer.from(r).toString('hex');
    // 782 = 0x030e; pid 0x1234; nr 257 = 0x101; 4 padding bytes; dfd = -100 as u64;
    // filename 0x7ffc00001000 LE; O_CLOEXEC = 0x80000 LE; mode 0
    expect(hex).toBe(
      '0e030000' + '34120000' + '01010000' + '00000000' + '9cffffffffffffff' + '00100000fc7f0000' + '0000080000000000' + '0000000000000000',
    );
  });

  it('encodes __data_loc strings after the fixed part with (len << 16 | offset)', () => {
    const fmt = tracepointFormat('sched:sched_process_exec')!;
    expect(fmt.size).toBe(20);
    const r = encodeRecord(fmt, { pid: 7 }, { filename: '/bin/ls', pid: 7, old_pid: 7 });
    const dv = new DataView(r.buffer);
    expect(dv.getUint32(8, true)).toBe((8 << 16) | 20);
    expect(new TextDecoder().decode(r.subarray(20, 27))).toBe('/bin/ls');
    expect(r[27]).toBe(0);
    expect(r.length).toBe(28);
  });

  it('truncates comm to 15 bytes plus NUL in char[16] fields', () => {
    const fmt = tracepointFormat('sched:sched_wakeup')!;
    const r = encodeRecord(fmt, { pid: 1 }, { comm: 'a-very-long-command-name', pid: 1, prio: 120, target_cpu: 2 });
    expect(new TextDecoder().decode(r.subarray(8, 23))).toBe('a-very-long-com');
    expect(r[23]).toBe(0);
    expect(new DataView(r.buffer).getInt32(32, true)).toBe(2);
  });

  it('reports malformed format files with a line number instead of throwing', () => {
    const bad = parseFormatFile('name: x\nID: 3\nformat:\n\tfield:int a;\toffset:zz;\n');
    expect(bad).toEqual({ error: 'malformed field line', line: 4 });
    expect(parseFormatFile('')).toMatchObject({ error: expect.stringContaining('missing') });
  });
});
