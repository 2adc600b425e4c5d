// Kernel struct member offsets against this machine's BTF (recorded into
// src/sim/events/testdata/btf-offsets.tsv by record.ts), and the objects a world lays out read
// back through those offsets the way a tracing program chases pointers.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KSTRUCT_MEMBERS } from './kobjects.ts';
import { AddressSpace } from './mem.ts';
import { createWorld } from '../events/world.ts';

const tsv = join(dirname(fileURLToPath(import.meta.url)), '..', 'events', 'testdata', 'btf-offsets.tsv');
const rows = readFileSync(tsv, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));

describe('kernel struct layouts (this machine\'s BTF)', () => {
  it('records every member we lay out', () => {
    const want = Object.entries(KSTRUCT_MEMBERS).flatMap(([s, m]) => Object.keys(m).filter((k) => k !== '__size').map((k) => `${s}.${k}`));
    expect(rows.map(([s, m]) => `${s}.${m}`).sort()).toEqual(want.sort());
  });
  for (const [s, m, off, size] of rows) {
    it(`${s}.${m} is at ${off} in a ${size}-byte struct`, () => {
      const members = KSTRUCT_MEMBERS[s as keyof typeof KSTRUCT_MEMBERS] as Record<string, number>;
      expect(members[m]).toBe(Number(off));
      expect(members.__size).toBe(Number(size));
    });
  }
});

const u64 = (b: Uint8Array | undefined) => (b ? new DataView(b.buffer).getBigUint64(0, true) : undefined);
const u32 = (b: Uint8Array | undefined) => (b ? new DataView(b.buffer).getUint32(0, true) : undefined);

describe('objects in a world', () => {
  const w = createWorld({ seed: 'kobj', durationNs: 1_500_000_000, workloads: ['shell', 'cron'] });
  const events = [...w];
  const K = KSTRUCT_MEMBERS;
  const cstr = (addr: bigint, n = 16) => w.readKernelString(addr, n);

  it('task_struct pid/tgid/comm/cred->uid/real_parent->tgid agree with the event\'s current task', () => {
    const seen = new Set<number>();
    for (const e of events) {
      if (e.task.pid === 0 || seen.has(e.task.pid) || e.kind !== 'tracepoint' || !e.name.startsWith('syscalls/')) continue;
      seen.add(e.task.pid);
      const t = e.task.taskAddr;
      expect(u32(w.readKernel(t + BigInt(K.task_struct.pid), 4))).toBe(e.task.pid);
      expect(u32(w.readKernel(t + BigInt(K.task_struct.tgid), 4))).toBe(e.task.tgid);
      const cred = u64(w.readKernel(t + BigInt(K.task_struct.cred), 8))!;
      expect(u32(w.readKernel(cred + BigInt(K.cred.uid), 4))).toBe(w.tasks.get(e.task.pid)!.uid);
      const parent = u64(w.readKernel(t + BigInt(K.task_struct.real_parent), 8))!;
      if (e.task.ppid > 1) expect(u32(w.readKernel(parent + BigInt(K.task_struct.tgid), 4))).toBe(e.task.ppid);
    }
    expect(seen.size).toBeGreaterThan(3);
  });

  it('comm in task_struct follows exec (final comm of each task)', () => {
    for (const t of w.tasks.values()) expect(cstr(t.taskAddr + BigInt(K.task_struct.comm), 16)).toBe(t.comm);
  });

  it('file->f_path.dentry->d_name.name is the basename of the opened path', () => {
    let n = 0;
    for (const e of events) {
      if (e.kind !== 'lsm' || e.name !== 'file_open') continue;
      const d = u64(w.readKernel(e.args[0] + BigInt(K.file.f_path + K.path.dentry), 8))!;
      const name = u64(w.readKernel(d + BigInt(K.dentry.d_name + K.qstr.name), 8))!;
      const path = e.strings!.file;
      expect(cstr(name, 64)).toBe(path.slice(path.lastIndexOf('/') + 1));
      n++;
    }
    expect(n).toBeGreaterThan(5);
  });
});

describe('AddressSpace', () => {
  it('reads back what was placed and refuses unmapped or straddling reads', () => {
    const a = new AddressSpace('t', 0x1000n, 0x100n);
    const p = a.alloc(new Uint8Array([1, 2, 3, 4]));
    expect([...a.read(p + 1n, 2)!]).toEqual([2, 3]);
    expect(a.read(p + 3n, 2)).toBeUndefined();
    expect(a.read(0x10n, 1)).toBeUndefined();
  });
  it('wraps to the start when full, dropping the old objects it overwrites', () => {
    const a = new AddressSpace('t', 0x1000n, 0x40n);
    const first = a.alloc(new Uint8Array(0x20).fill(7));
    a.alloc(new Uint8Array(0x18).fill(8));
    const again = a.alloc(new Uint8Array(0x20).fill(9));
    expect(again).toBe(first);
    expect(a.read(first, 1)![0]).toBe(9);
  });
});
