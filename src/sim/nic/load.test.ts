/**
 * loadC hands the verifier what libbpf hands the kernel: global functions (verified on their own,
 * the caller seeing only "some int") and BTF func_info. Expectations: the 6.18 kernel's verdicts
 * on clang-19 builds of the same files (testdata/global-func/*.kernel.json, kernel_oracle.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadC } from './load.ts';

const dir = 'src/sim/nic/testdata/global-func';

describe('loadC', () => {
  it("verifies a global function as the kernel does: its result is unknown to the caller", () => {
    const kernel = JSON.parse(readFileSync(`${dir}/xdp_global.kernel.json`, 'utf8')) as { accepted: boolean; error: string };
    expect(kernel.accepted).toBe(false);
    const l = loadC(readFileSync(`${dir}/xdp_global.c`, 'utf8'), 'xdp_global.c');
    // treated as a static function, pick() would return a known 1 or 2 and the read would pass
    expect(l).toEqual({ ok: false, error: `xdp_global.c: the verifier rejects it: ${kernel.error}` });
  });

  it('loads the bpf-to-bpf call example (a global and a static function) and runs it', () => {
    const l = loadC(readFileSync('examples/04-function-call/prog.c', 'utf8'), 'prog.c');
    if (!l.ok) expect.fail(l.error);
    // the line the 6.18 kernel printed for clang's build of the same file
    expect(l.verify.log).toContain("Func#1 ('l4_slot') is safe for any args that match its prototype");
    // an IPv4 TCP frame (kernel_oracle.py mkpacket --proto tcp): counted in slot 1, passed
    const tcp = '02000000000202000000000108004500003a00010000400666bb0a0000010a0000023039138900000001000000005002ffff00000000000000000000000000000000000000000000';
    const out = l.kernel.run(l.prog, { packet: Buffer.from(tcp, 'hex') });
    expect(out.retvalName).toBe('XDP_PASS');
    expect(l.kernel.dumpMaps().per_proto['01000000']).toBe('0100000000000000');
  });
});
