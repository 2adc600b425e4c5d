/**
 * loadTracingSource hands the verifier what libbpf hands the kernel: global functions (verified on
 * their own, the caller seeing only "some int") and BTF func_info (bpf_loop callbacks need it).
 * Expectations: the 6.18 kernel's verdicts on clang-19 builds of the same files
 * (testdata/global-func/*.kernel.json, recorded with kernel_oracle.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTracingSource } from './load.ts';

const dir = 'src/sim/events/testdata/global-func';
const kernel = (f: string) => JSON.parse(readFileSync(`${dir}/${f}.kernel.json`, 'utf8')) as { accepted: boolean; error: string | null };

describe('loadTracingSource', () => {
  it("rejects what the kernel rejects: a global function's result is unknown to the caller", () => {
    const k = kernel('tp_global');
    expect(k.accepted).toBe(false);
    const r = loadTracingSource('tp_global.c', readFileSync(`${dir}/tp_global.c`, 'utf8'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([`tp_global.c: error: SEC("tracepoint/syscalls/sys_enter_read") use_pick: rejected by the verifier: ${k.error}`]);
  });

  it('accepts what the kernel accepts: a global function and a bpf_loop callback', () => {
    expect(kernel('tp_global_ok').accepted).toBe(true);
    const r = loadTracingSource('tp_global_ok.c', readFileSync(`${dir}/tp_global_ok.c`, 'utf8'));
    if (!r.ok) expect.fail(r.errors.join('\n'));
    // the kernel's line (its Func# is the subprogram's index: clang lays pick out first, our
    // compiler in call order, so only the number may differ)
    expect(r.value.logs.use_pick).toMatch(/^Func#\d \('pick'\) is safe for any args that match its prototype$/m);
  });

  it('compiles with headers given beside the source (the CLI reads them from disk)', () => {
    const text = '#include "n.h"\nSEC("tracepoint/syscalls/sys_enter_read")\nint f(void *ctx) { return N; }\nchar LICENSE[] SEC("license") = "GPL";\n';
    const r = loadTracingSource('d/p.c', text, {}, { 'd/n.h': '#include <bpf/bpf_helpers.h>\n#define N 7\n' });
    if (!r.ok) expect.fail(r.errors.join('\n'));
    const missing = loadTracingSource('d/p.c', text);
    expect(missing).toMatchObject({ ok: false, errors: ["d/p.c:1:10: error: 'n.h' file not found"] });
  });
});
