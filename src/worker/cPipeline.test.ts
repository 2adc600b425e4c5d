/**
 * The C path end to end in Node: compile → verify (type from SEC()) → run on the default packet.
 * Expected values are kernel facts: XDP_DROP = 1, XDP_PASS = 2; reading packet bytes without a
 * bounds check is rejected with "invalid access to packet"; the UDP destination port sits at
 * bytes 36..37 of an Ethernet + 20-byte IPv4 + UDP frame, big-endian.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSource } from './pipeline.ts';
import { defaultPacket } from './cPipeline.ts';

const HEAD = '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n';

describe('runC', () => {
  it('runs the gallery example to XDP_DROP on the default packet (UDP to 5001)', () => {
    const source = readFileSync('examples/05-xdp-drop-udp/prog.c', 'utf8');
    const out = runSource({ source, file: 'prog.c' });
    expect(out.diagnostics).toEqual([]);
    expect(out.verifier?.accepted).toBe(true);
    expect(out.verifier?.progType).toBe('xdp');
    expect(out.kernelRun).toMatchObject({ retval: 1, retvalName: 'XDP_DROP', progType: 'xdp' });
    expect(out.run).toBeUndefined();
    // insn 0 comes from the function's line; every slot knows its line
    const fnLine = source.split('\n').findIndex((l) => l.startsWith('int drop_udp_5001(')) + 1;
    expect(out.bytecode[0].line).toBe(fnLine);
    expect(out.bytecode.every((r) => r.line !== undefined)).toBe(true);
  });

  it('builds the default packet: IPv4/UDP to port 5001', () => {
    const p = defaultPacket();
    expect([p[12], p[13]]).toEqual([0x08, 0x00]); // ETH_P_IP
    expect(p[14 + 9]).toBe(17); // IPPROTO_UDP
    expect((p[36] << 8) | p[37]).toBe(5001);
  });

  it('returns XDP_PASS for a program that says so', () => {
    const src = `${HEAD}SEC("xdp")\nint f(struct xdp_md *ctx) { return XDP_PASS; }\nchar LICENSE[] SEC("license") = "GPL";\n`;
    const out = runSource({ source: src, file: 'a.c' });
    expect(out.kernelRun?.retval).toBe(2);
    expect(out.kernelRun?.retvalName).toBe('XDP_PASS');
  });

  it('shows a rejection at the source line of the failing insn and does not run', () => {
    const src = `${HEAD}SEC("xdp")\nint f(struct xdp_md *ctx)\n{\n\tunsigned char *p = (void *)(long)ctx->data;\n\treturn p[20];\n}\nchar LICENSE[] SEC("license") = "GPL";\n`;
    const out = runSource({ source: src, file: 'a.c' });
    expect(out.verifier?.accepted).toBe(false);
    expect(out.verifier?.error).toMatch(/^invalid access to packet/);
    const d = out.diagnostics.find((x) => x.stage === 'verify');
    expect(d?.severity).toBe('error');
    expect(d?.start?.line).toBe(7); // `return p[20];`
    expect(out.kernelRun).toBeUndefined();
  });

  it('gives compile errors with line:col and stops there', () => {
    const out = runSource({ source: `${HEAD}SEC("xdp")\nint f(struct xdp_md *ctx) { return nope; }\n`, file: 'a.c' });
    const e = out.diagnostics.filter((x) => x.severity === 'error');
    expect(e.length).toBeGreaterThan(0);
    expect(e[0].stage).toBe('c');
    expect(e[0].start).toEqual({ line: 4, col: 36 });
    expect(out.verifier).toBeUndefined();
  });

  it('takes the type from SEC() and does not run a non-packet type', () => {
    const src = `${HEAD}SEC("kprobe/do_unlinkat")\nint f(void *ctx) { return 0; }\nchar LICENSE[] SEC("license") = "GPL";\n`;
    const out = runSource({ source: src, file: 'k.c' });
    expect(out.verifier?.progType).toBe('kprobe');
    expect(out.verifier?.accepted).toBe(true);
    expect(out.kernelRun).toBeUndefined();
    expect(out.diagnostics.map((d) => d.message).join()).toMatch(/runs only packet programs/);
  });

  it('says when there is no program', () => {
    const out = runSource({ source: 'int x;\n', file: 'n.c' });
    expect(out.diagnostics.some((d) => /no program/.test(d.message))).toBe(true);
  });
});
