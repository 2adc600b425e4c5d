/**
 * The generated part of the bundled <linux/bpf.h> (include/uapiBpf.ts, from gen_uapi_bpf.py):
 * every struct it declares has the size and member offsets this machine's Linux 6.18 kernel BTF
 * gives (testdata/uapi/layout.json, recorded by the generator from BTF, not from our compiler),
 * checked by compiling `_Static_assert`s with our compiler; and the enumerators programs use
 * have the UAPI values (from /usr/include/linux/bpf.h, which clang uses).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from './driver.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const layout = JSON.parse(readFileSync(join(HERE, 'testdata/uapi/layout.json'), 'utf8')) as Record<string, { size: number; fields: Record<string, number> }>;

const errorsOf = (src: string): string[] =>
  compile({ 'x.c': src }, 'x.c').diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);

describe('bundled linux/bpf.h, generated part', () => {
  it('has the kernel\'s size and offset for every struct and member it declares', () => {
    const asserts: string[] = [];
    for (const [name, l] of Object.entries(layout)) {
      asserts.push(`_Static_assert(sizeof(struct ${name}) == ${l.size}, "sizeof ${name}");`);
      for (const [f, off] of Object.entries(l.fields)) asserts.push(`_Static_assert(__builtin_offsetof(struct ${name}, ${f}) == ${off}, "${name}.${f}");`);
    }
    expect(asserts.length).toBeGreaterThan(200);
    expect(errorsOf(`#include <linux/bpf.h>\n${asserts.join('\n')}\n`)).toEqual([]);
  });

  it('gives the UAPI values of enumerators sock_ops, fib lookup and cgroup programs use', () => {
    // values as in /usr/include/linux/bpf.h (Linux 6.18 UAPI)
    const facts: [string, number][] = [
      ['BPF_PROG_LOAD', 5], ['BPF_PROG_TYPE_XDP', 6], ['BPF_PROG_TYPE_SOCK_OPS', 13], ['BPF_CGROUP_INET4_CONNECT', 10],
      ['BPF_SOCK_OPS_TCP_CONNECT_CB', 3], ['BPF_SOCK_OPS_STATE_CB', 10], ['BPF_SOCK_OPS_RTT_CB_FLAG', 8],
      ['BPF_FIB_LOOKUP_DIRECT', 1], ['BPF_FIB_LOOKUP_OUTPUT', 2], ['BPF_FIB_LKUP_RET_SUCCESS', 0], ['BPF_FIB_LKUP_RET_NO_NEIGH', 7],
      ['BPF_F_ADJ_ROOM_FIXED_GSO', 1], ['SK_PASS', 1], ['BPF_LOCAL_STORAGE_GET_F_CREATE', 1], ['BPF_TCP_ESTABLISHED', 1],
    ];
    const src = `#include <linux/bpf.h>\n${facts.map(([n, v]) => `_Static_assert(${n} == ${v}, "${n}");`).join('\n')}\n`;
    expect(errorsOf(src)).toEqual([]);
  });

  it('still compiles with vmlinux.h (which carries linux/bpf.h)', () => {
    expect(errorsOf('#include "vmlinux.h"\nint f(struct bpf_sock_ops *s) { return s->op + sizeof(struct bpf_fib_lookup); }\n')).toEqual([]);
  });
});
