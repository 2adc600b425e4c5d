// Context struct layouts, checked two ways:
//  1. against clang-19 compiling the system's UAPI headers (/usr/include/linux/bpf.h,
//     linux/bpf_perf_event.h, asm/ptrace.h for x86_64): every field's offsetof and every struct's
//     sizeof become _Static_asserts, so clang rejects the file if any number in ctx.ts is wrong
//     (skipped when clang-19 is not installed);
//  2. against numbers written down by hand from the UAPI headers and the x86_64 ABI.
import { describe, expect, it } from 'vitest';
import { fieldAt, fieldByName, PERF_EVENT_DATA, PT_REGS_X86_64, SK_BUFF, XDP_MD, type CtxStruct } from './ctx.ts';
import { clangCheck, hasClang } from '../testdata/clangAsserts.ts';

function asserts(s: CtxStruct, cname: string): string[] {
  const out = [`_Static_assert(sizeof(${cname}) == ${s.size}, "sizeof ${cname}");`];
  for (const fl of s.fields) {
    const name = fl.uapiName ?? fl.name;
    out.push(`_Static_assert(__builtin_offsetof(${cname}, ${name}) == ${fl.off}, "${name}");`);
    const elem = fl.count > 1 ? `((${cname} *)0)->${name}[0]` : `((${cname} *)0)->${name}`;
    out.push(`_Static_assert(sizeof(${elem}) == ${fl.size}, "size of ${name}");`);
    if (fl.count > 1) out.push(`_Static_assert(sizeof(((${cname} *)0)->${name}) == ${fl.size * fl.count}, "array ${name}");`);
  }
  return out;
}

describe('context layouts vs clang-19 and the UAPI headers', () => {
  it.skipIf(!hasClang())('every offset and size in ctx.ts matches what clang computes from the headers', () => {
    const out = clangCheck(['linux/bpf.h', 'linux/bpf_perf_event.h', 'asm/ptrace.h'], [
      ...asserts(XDP_MD, 'struct xdp_md'),
      ...asserts(SK_BUFF, 'struct __sk_buff'),
      ...asserts(PT_REGS_X86_64, 'struct pt_regs'),
      ...asserts(PERF_EVENT_DATA, 'struct bpf_perf_event_data'),
      '_Static_assert(sizeof(struct bpf_raw_tracepoint_args) == 0, "flexible args");',
    ]);
    expect(out).toBe('');
  });
});

describe('context layouts vs hand-written UAPI numbers', () => {
  it('__sk_buff: 192 bytes, data at 76, data_end at 80, data_meta at 140, sk at 168', () => {
    expect(SK_BUFF.size).toBe(192);
    expect(fieldByName(SK_BUFF, 'data')!.off).toBe(76);
    expect(fieldByName(SK_BUFF, 'data_end')!.off).toBe(80);
    expect(fieldByName(SK_BUFF, 'data_meta')!.off).toBe(140);
    expect(fieldByName(SK_BUFF, 'sk')!.off).toBe(168);
    expect(fieldByName(SK_BUFF, 'cb')).toMatchObject({ off: 48, size: 4, count: 5 });
    expect(fieldAt(SK_BUFF, 56)).toMatchObject({ field: { name: 'cb' }, index: 2 });
    expect(fieldAt(SK_BUFF, 181)).toBeUndefined(); // padding after tstamp_type
  });

  it('xdp_md: data 0, data_end 4, data_meta 8, ingress_ifindex 12, rx_queue_index 16, egress_ifindex 20', () => {
    expect(XDP_MD.fields.map((fl) => [fl.name, fl.off])).toEqual([
      ['data', 0], ['data_end', 4], ['data_meta', 8], ['ingress_ifindex', 12], ['rx_queue_index', 16], ['egress_ifindex', 20],
    ]);
    expect(XDP_MD.size).toBe(24);
  });

  it('pt_regs (x86_64): di=112, si=104, dx=96, cx=88, r8=72, ax=80, ip=128, sp=152; 168 bytes', () => {
    const off = (n: string): number => fieldByName(PT_REGS_X86_64, n)!.off;
    expect([off('di'), off('si'), off('dx'), off('cx'), off('r8'), off('ax'), off('ip'), off('sp')]).toEqual([112, 104, 96, 88, 72, 80, 128, 152]);
    expect(off('rdi')).toBe(112); // UAPI alias
    expect(PT_REGS_X86_64.size).toBe(168);
  });

  it('bpf_perf_event_data: regs, then sample_period at 168 and addr at 176; 184 bytes', () => {
    expect(fieldByName(PERF_EVENT_DATA, 'sample_period')!.off).toBe(168);
    expect(fieldByName(PERF_EVENT_DATA, 'addr')!.off).toBe(176);
    expect(fieldByName(PERF_EVENT_DATA, 'regs.di')!.off).toBe(112);
    expect(PERF_EVENT_DATA.size).toBe(184);
  });
});
