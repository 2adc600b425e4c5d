/**
 * fentry with direct loads through BTF pointers (`file->f_path.dentry->d_name.name`), end to end:
 * our compiler, our verifier (which marks the loads BPF_PROBE_MEM), the loader's rewrite, the
 * reference interpreter reading the host's kernel objects, on the event generator. Expected values
 * are computed by the test from the world's kernel memory with the offsets kobjects.ts recorded
 * from this machine's BTF, and checked against the paths the workloads open (hand-known basenames).
 */
import { describe, expect, it } from 'vitest';
import { KSTRUCT_MEMBERS as K } from '../host/kobjects.ts';
import { driveEvents } from './drive.ts';
import { loadTracingSource } from './load.ts';
import type { SimEvent } from './types.ts';
import { createWorld } from './world.ts';

const SRC = `#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("fentry/vfs_read")
int BPF_PROG(on_read, struct file *file, char *buf, unsigned long count)
{
  struct dentry *d = file->f_path.dentry;
  const unsigned char *name = d->d_name.name;
  unsigned int len = d->d_name.len;
  char c0 = name[0];
  char c1 = name[1];
  bpf_printk("vfs_read %c%c len=%u", c0, c1, len);
  return 0;
}
char LICENSE[] SEC("license") = "GPL";
`;

describe('fentry/vfs_read reading file->f_path.dentry->d_name with direct loads', () => {
  it('verifies (no longer "not modelled"), and its BTF loads become probe loads', () => {
    const r = loadTracingSource('fentry.c', SRC);
    expect(r.ok && r.value.unverified).toEqual({});
    if (!r.ok) return;
    const p = r.value.programs[0].prog;
    expect(p.probeMem?.length).toBe(5); // f_path.dentry, d_name.name, d_name.len, name[0], name[1]
    for (const pc of p.probeMem!) expect(p.insns[pc].code & 0xe0).toBe(0x20); // BPF_PROBE_MEM
  });

  it('prints, per vfs_read, the first two characters and the length of the file name', () => {
    const r = loadTracingSource('fentry.c', SRC);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const world = createWorld({ seed: 3, durationNs: 2e9, workloads: ['shell', 'webserver'] });
    const events: SimEvent[] = [];
    const next = world.next.bind(world);
    world.next = () => {
      const e = next();
      if (e) events.push(e);
      return e;
    };
    // the expected line of each vfs_read, read from the world's kernel memory as the event fires
    const want: string[] = [];
    const ks = world.ks;
    const onEvent = world.next;
    world.next = () => {
      const e = onEvent();
      if (e && e.kind === 'kprobe' && e.name === 'vfs_read') {
        const dentry = ks.readU64(e.args[0] + BigInt(K.file.f_path + K.path.dentry))!;
        const q = ks.read(dentry + BigInt(K.dentry.d_name), K.qstr.__size)!;
        const len = new DataView(q.buffer, q.byteOffset).getUint32(K.qstr.len, true);
        const name = ks.read(new DataView(q.buffer, q.byteOffset).getBigUint64(K.qstr.name, true), 2)!;
        want.push(`vfs_read ${String.fromCharCode(name[0], name[1])} len=${len}`);
      }
      return e;
    };
    const res = driveEvents(r.value.kernel, r.value.programs, world, {});
    if (!res.ok) throw new Error(res.error);
    const got = res.tracePipe.map((l) => l.slice(l.indexOf('vfs_read ')));
    expect(want.length).toBeGreaterThan(50);
    expect(got).toEqual(want);
    // the names are the basenames the workloads read: files they opened, the pty (/dev/pts/0), sockets ("/")
    const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
    const line = (name: string) => `vfs_read ${name.padEnd(2, '\0').slice(0, 2)} len=${name.length}`;
    const known = new Set(['/', '0', ...Object.keys(world.counts.opensByPath).map(base)].map(line));
    for (const g of new Set(got)) expect(known.has(g), JSON.stringify(g)).toBe(true);
    expect(got).toContain('vfs_read pa len=6'); // /etc/passwd
    expect(got).toContain('vfs_read in len=10'); // /var/www/html/index.html
  });
});
