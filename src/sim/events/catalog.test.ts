// The catalog's kernel-function and LSM-hook prototypes against this machine's BTF
// (testdata/btf-funcs.tsv, recorded by testdata/record.ts from /sys/kernel/btf/vmlinux).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KERNEL_FUNCTIONS, LSM_HOOKS, listAttachPoints, programKindsFor, rawTracepointOf } from './catalog.ts';

const tsv = join(dirname(fileURLToPath(import.meta.url)), 'testdata', 'btf-funcs.tsv');
const btf = new Map(readFileSync(tsv, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => {
  const [fn, ret, params] = l.split('\t');
  return [fn, { ret, params: params ? params.split('; ') : [] }];
}));

/** C spellings compared modulo `__user`, `long int` = `long`, and spacing. */
const norm = (t: string) => t.replace(/\b__user\b/g, '').replace(/\blong int\b/g, 'long').replace(/\s+/g, ' ').replace(/ \*/g, '*').trim();

describe('catalog prototypes (this machine\'s BTF)', () => {
  const all = [...KERNEL_FUNCTIONS.map((f) => [f.name, f] as const), ...LSM_HOOKS.map((h) => [`bpf_lsm_${h.name}`, h] as const)];
  for (const [btfName, f] of all) {
    it(`${btfName}: return type and parameters match`, () => {
      const real = btf.get(btfName);
      expect(real, `${btfName} not recorded`).toBeDefined();
      expect(norm(f.ret)).toBe(norm(real!.ret));
      expect(f.args.map(([t, n]) => norm(`${t} ${n}`))).toEqual(real!.params.map(norm));
    });
  }

  it('maps events to the program kinds that run on them', () => {
    expect(programKindsFor('kprobe')).toEqual(['kprobe', 'fentry']);
    expect(programKindsFor('kretprobe')).toEqual(['kretprobe', 'fexit']);
    expect(rawTracepointOf('syscalls/sys_enter_openat')).toBe('sys_enter');
    expect(rawTracepointOf('sched/sched_switch')).toBe('sched_switch');
    expect(listAttachPoints().filter((a) => a.kind === 'raw_tracepoint').map((a) => a.name)).toContain('sys_exit');
  });
});
