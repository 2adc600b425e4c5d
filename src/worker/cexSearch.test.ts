import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { counterexampleFor, findCounterexample } from './counterexample.ts';
import { fieldValues } from './cexSearch.ts';
import { guideValues, parseRejection } from './cexWalk.ts';
import { prepare, verifyPrepared } from './prepare.ts';

/**
 * Counterexamples beyond truncated packets: header fields (IPv4 IHL, the DSCP byte, the TTL) and a
 * tracing program's context (a kprobe's first argument). Each program's rejection is checked
 * against the real 6.18 kernel (testdata/*.kernel.json, clang-19's build of the same source), and
 * each found input is checked by hand: where the program reads, computed from the input's bytes
 * with the C source's arithmetic, and the interpreter's own region check (the simulated oops at
 * the verifier's failing pc) when the program runs without the verifier.
 */
const src = (name: string) => readFileSync(new URL(`./testdata/${name}.c`, import.meta.url), 'utf8');
const golden = (name: string) => JSON.parse(readFileSync(new URL(`./testdata/${name}.kernel.json`, import.meta.url), 'utf8'));
const bytesOf = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));
/** The search's time bound is for the page; a loaded test machine gets more time (the run bound still holds). */
const SLOW_OK = { maxMs: 10_000 };

function verdictOf(name: string) {
  const p = prepare({ source: src(name), file: `${name}.c` });
  expect(p.prog).toBeDefined();
  return { p: p.prog!, v: verifyPrepared(p.prog!, { states: false }).verifier };
}

/** The rejection is the kernel's kind of complaint, on the same source line. */
function sameAsKernel(name: string, kind: RegExp) {
  const { p, v } = verdictOf(name);
  const k = golden(name);
  expect(v.accepted).toBe(false);
  expect(k.accepted).toBe(false);
  expect(k.error[0]).toMatch(kind);
  expect(p.lineOf(v.errorPc)?.line).toBe(k.source_line);
  expect(src(name).split('\n')[k.source_line - 1].trim()).toBe(k.source_text);
  return { p, v };
}

describe('header-field counterexamples (packets)', () => {
  it('IPv4 IHL: ihl = 15 puts the TCP header at 14 + 60, and the 2-byte port read past the packet', () => {
    const { v } = sameAsKernel('cex-ihl', /^invalid access to packet, off=16 size=2, /);
    expect(v.error).toMatch(/^invalid access to packet, off=16 size=2, /);
    const r = counterexampleFor({ source: src('cex-ihl'), file: 'cex-ihl.c' }, SLOW_OK);
    const c = r.found!;
    expect(c).toBeDefined();
    expect(c.pc).toBe(v.errorPc);
    const f = bytesOf(c.hex);
    // the program's own checks pass: 54 bytes present, IPv4, TCP
    expect(f.length).toBeGreaterThanOrEqual(54);
    expect((f[12] << 8) | f[13]).toBe(0x0800);
    expect(f[23]).toBe(6);
    // by hand: tcp = data + 14 + ihl*4; tcp->dest is 2 bytes at +2
    const ihl = f[14] & 15;
    expect(ihl).toBe(15);
    const dest = 14 + ihl * 4 + 2;
    expect(dest).toBe(76);
    expect(dest + 2).toBeGreaterThan(f.length);
    expect(c.run.reachedPc).toBe(true);
    expect(c.run.access).toMatchObject({ store: false, size: 2, offset: 76, packetLen: f.length, beyond: 78 - f.length, before: 0 });
    expect(c.changes).toEqual([{ name: 'ip.hdr_len', from: '20 bytes (5)', to: '60 bytes (15)' }]);
    expect(c.kind).toMatch(/^tcp4 → port /);
    expect(src('cex-ihl').split('\n')[c.line! - 1]).toContain('tcp->dest');
    // the replay button: the same packet, no verifier, the same over-read; with its step trace
    const again = counterexampleFor({ source: src('cex-ihl'), file: 'cex-ihl.c', replayHex: c.hex, withTrace: true });
    expect(again.replay).toEqual(c.run);
    expect(again.trace!.steps.at(-1)!.pc).toBeGreaterThanOrEqual(c.pc);
    expect(again.trace!.steps.some((s) => s.pc === c.pc)).toBe(true);
    // the same packet with a 20-byte IPv4 header reads the port inside the packet
    const ok = f.slice();
    ok[14] = 0x45;
    const hex = [...ok].map((b) => b.toString(16).padStart(2, '0')).join('');
    const fine = counterexampleFor({ source: src('cex-ihl'), file: 'cex-ihl.c', replayHex: hex });
    expect(fine.replay!.reachedPc).toBe(true);
    expect(fine.replay!.access).toBeUndefined();
  });

  it('the rejected read inside a bpf-to-bpf function (frame 1): the same IHL counterexample', () => {
    const { v } = sameAsKernel('cex-subprog', /^invalid access to packet, off=16 size=2, /);
    const c = counterexampleFor({ source: src('cex-subprog'), file: 'cex-subprog.c' }, SLOW_OK).found!;
    expect(c.pc).toBe(v.errorPc);
    const f = bytesOf(c.hex);
    expect(f[23]).toBe(6);
    expect(14 + (f[14] & 15) * 4 + 2 + 2).toBeGreaterThan(f.length);
    expect(c.run.access).toMatchObject({ size: 2, offset: 14 + (f[14] & 15) * 4 + 2 });
    const again = counterexampleFor({ source: src('cex-subprog'), file: 'cex-subprog.c', replayHex: c.hex, withTrace: true });
    expect(again.trace!.steps.find((s) => s.pc === c.pc)?.frame).toBe(1);
  });

  it('a length field: the UDP trailer at udp + len - 4 reads past a frame shorter than udp->len says', () => {
    const { v } = sameAsKernel('cex-udplen', /^invalid access to packet, off=30 size=4, /);
    expect(v.error).toMatch(/^invalid access to packet, off=30 size=4, /);
    const c = counterexampleFor({ source: src('cex-udplen'), file: 'cex-udplen.c' }, SLOW_OK).found!;
    expect(c.pc).toBe(v.errorPc);
    const f = bytesOf(c.hex);
    expect(f[23]).toBe(17);
    // by hand: the read is 4 bytes at 14 + 20 + len - 4, len being the big-endian UDP length field
    const len = (f[38] << 8) | f[39];
    expect(len).toBeGreaterThanOrEqual(12);
    const at = 34 + len - 4;
    expect(at + 4).toBeGreaterThan(f.length);
    expect(c.run.access).toMatchObject({ size: 4, offset: at, packetLen: f.length, beyond: at + 4 - f.length });
  });

  it('an index from the DSCP byte into a 16-slot map value: tos >= 64 reads past the value and oopses at the rejected pc', () => {
    const { v } = sameAsKernel('cex-mapidx', /^invalid access to map value, value_size=128 off=504 size=8$/);
    expect(v.error).toBe('invalid access to map value, value_size=128 off=504 size=8');
    const r = counterexampleFor({ source: src('cex-mapidx'), file: 'cex-mapidx.c' }, SLOW_OK);
    const c = r.found!;
    expect(c.pc).toBe(v.errorPc);
    const f = bytesOf(c.hex);
    // by hand: idx = tos >> 2, the slot at idx * 8 of a 128-byte value
    const idx = f[15] >> 2;
    expect(idx * 8 + 8).toBeGreaterThan(128);
    expect(c.run.access).toMatchObject({ object: 'map value', size: 8, offset: idx * 8, packetLen: 128, beyond: idx * 8 + 8 - 128 });
    // the array map's one 128-byte value is its whole memory: the read faults, at the verifier's failing pc
    expect(c.run.oops?.pc).toBe(v.errorPc);
    expect(c.run.oops?.message).toMatch(/^BUG: unable to handle page fault/);
    expect(c.changes?.[0].name).toBe('ip.dsfield');
    const again = counterexampleFor({ source: src('cex-mapidx'), file: 'cex-mapidx.c', replayHex: c.hex });
    expect(again.replay?.oops?.pc).toBe(v.errorPc);
    // and the seed's DSCP (0) is in bounds: no oops
    const seedish = f.slice();
    seedish[15] = 0;
    const fine = counterexampleFor({ source: src('cex-mapidx'), file: 'cex-mapidx.c', replayHex: [...seedish].map((b) => b.toString(16).padStart(2, '0')).join('') });
    expect(fine.replay?.oops).toBeUndefined();
    expect(fine.replay?.reachedPc).toBe(true);
  });

  it('an unbounded index (the whole IPv4 source address): the first packet already reads far past the value and oopses', () => {
    const { v } = sameAsKernel('cex-unbounded', /^R\d unbounded memory access, make sure to bounds check any such access$/);
    expect(v.error).toMatch(/^R\d unbounded memory access, make sure to bounds check any such access$/);
    const r = counterexampleFor({ source: src('cex-unbounded'), file: 'cex-unbounded.c' }, SLOW_OK);
    const c = r.found!;
    expect(r.tried).toBe(1); // UDP to 5001 from 10.0.0.2, unchanged
    const f = bytesOf(c.hex);
    // by hand: idx = the u32 at 26..29 as loaded (little-endian), the slot at idx * 8
    const idx = new DataView(f.buffer).getUint32(26, true);
    expect(idx).toBe(0x0200000a); // 10.0.0.2
    expect(c.run.access).toMatchObject({ object: 'map value', size: 8, offset: idx * 8, packetLen: 128 });
    expect(c.run.oops?.pc).toBe(v.errorPc);
  });

  it('a signed index (TTL - 64) rejected at the pointer arithmetic: a TTL byte under 64 moves the pointer before the value', () => {
    const { p, v } = verdictOf('cex-negidx');
    expect(v.accepted).toBe(false);
    // the kernel rejects clang's build at the access (off=-512), ours at the arithmetic before it: both on line 34
    expect(golden('cex-negidx').error[0]).toBe('invalid access to map value, value_size=128 off=-512 size=8');
    expect(v.error).toBe('math between map_value pointer and register with unbounded min value is not allowed');
    expect(p.lineOf(v.errorPc)?.line).toBe(golden('cex-negidx').source_line);
    const c = counterexampleFor({ source: src('cex-negidx'), file: 'cex-negidx.c' }, SLOW_OK).found!;
    const f = bytesOf(c.hex);
    // by hand: the program reads the byte at 14 + 8 as the TTL; idx = ttl - 64 < 0
    const idx = f[22] - 64;
    expect(idx).toBeLessThan(0);
    expect(c.run.access).toMatchObject({ object: 'map value', pointer: true, size: 0, offset: idx * 8, before: -idx * 8 });
    // the load right after the arithmetic faults (the value is the map's whole memory)
    expect(c.run.oops?.pc).toBe(v.errorPc! + 1);
    expect(p.lineOf(c.run.oops!.pc)?.line).toBe(34);
  });
});

describe('context counterexamples (tracing programs)', () => {
  it('a kprobe indexing a 64-slot table with its first argument (fd > 64 checked): di = 64 faults at the rejected pc', () => {
    const { v } = sameAsKernel('cex-kprobe', /^invalid access to map value, value_size=512 off=\d+ size=8$/);
    expect(v.error).toBe('invalid access to map value, value_size=512 off=512 size=8');
    const r = counterexampleFor({ source: src('cex-kprobe'), file: 'cex-kprobe.c' }, SLOW_OK);
    const c = r.found!;
    expect(c.input).toBe('ctx');
    const ctx = bytesOf(c.hex);
    expect(ctx.length).toBe(168); // struct pt_regs on x86-64
    // by hand: PT_REGS_PARM1 is di, at offset 14 * 8 = 112; the only u32 passing `fd > 64` and past 64 slots is 64
    const di = new DataView(ctx.buffer).getBigUint64(112, true);
    expect(di).toBe(64n);
    expect(ctx.filter((b, i) => b !== 0 && (i < 112 || i >= 120)).length).toBe(0);
    expect(c.changes).toEqual([{ name: 'di', from: '0x0', to: '0x40' }]);
    expect(c.summary).toBe('pt_regs: di = 0x40');
    expect(c.run.access).toMatchObject({ object: 'map value', size: 8, offset: 512, packetLen: 512, beyond: 8 });
    expect(c.run.oops?.pc).toBe(v.errorPc);
    expect(c.run.verdict).toBe('none (the kernel oopsed)');
    // replayed with its trace: the last step is the faulting load, r1 was the context
    const again = counterexampleFor({ source: src('cex-kprobe'), file: 'cex-kprobe.c', replayHex: c.hex, withTrace: true });
    expect(again.replay?.oops?.pc).toBe(v.errorPc);
    expect(again.trace!.steps.at(-1)!.pc).toBe(v.errorPc);
    expect(again.trace!.initialRegs[1]).toBeGreaterThan(0n);
    // di = 63 is the last slot: in bounds
    const ok = ctx.slice();
    ok[112] = 63;
    const fine = counterexampleFor({ source: src('cex-kprobe'), file: 'cex-kprobe.c', replayHex: [...ok].map((b) => b.toString(16).padStart(2, '0')).join('') });
    expect(fine.replay?.oops).toBeUndefined();
    expect(fine.replay?.access).toBeUndefined();
  });
});

describe('probe-read counterexamples (tracing programs)', () => {
  it('a priority read from the current task with bpf_probe_read_kernel, masked to 0..127 for 64 slots: a prio >= 64 faults', () => {
    const { v } = sameAsKernel('cex-probe', /^invalid access to map value, value_size=512 off=1016 size=8$/);
    expect(v.error).toBe('invalid access to map value, value_size=512 off=1016 size=8');
    const c = counterexampleFor({ source: src('cex-probe'), file: 'cex-probe.c' }, SLOW_OK).found!;
    expect(c.input).toBe('ctx');
    const bytes = bytesOf(c.hex);
    // the context (pt_regs, 168 bytes) is untouched; the first probe-read value follows it
    expect(bytes.slice(0, 168).every((b) => b === 0)).toBe(true);
    const prio = new DataView(bytes.buffer).getInt32(168, true);
    // by hand: the slot is (prio & 127) * 8 of a 512-byte value
    expect(((prio & 127) + 1) * 8).toBeGreaterThan(512);
    expect(c.run.access).toMatchObject({ object: 'map value', size: 8, offset: (prio & 127) * 8, packetLen: 512 });
    expect(c.run.oops?.pc).toBe(v.errorPc);
    // the read was of task->prio: offsetof(struct task_struct, prio) is 108 on this 6.18 kernel
    // (clang-19 on bpftool's vmlinux.h of it); the current task's struct is at 0xffff888104a80000
    expect(c.changes).toEqual([{ name: 'probe read of kernel memory at 0xffff888104a8006c (current task + 0x6c)', from: '0x0', to: `0x${(prio >>> 0).toString(16)}` }]);
    expect(c.dissection).toContain(`probe read of kernel memory at 0xffff888104a8006c (current task + 0x6c) (4 bytes) returned 0x${(prio >>> 0).toString(16)}`);
    // replayed: the same fault; with the probe-read value 63 it stays in bounds
    expect(counterexampleFor({ source: src('cex-probe'), file: 'cex-probe.c', replayHex: c.hex }).replay?.oops?.pc).toBe(v.errorPc);
    const ok = bytes.slice();
    new DataView(ok.buffer).setInt32(168, 63, true);
    const fine = counterexampleFor({ source: src('cex-probe'), file: 'cex-probe.c', replayHex: [...ok].map((b) => b.toString(16).padStart(2, '0')).join('') });
    expect(fine.replay?.oops).toBeUndefined();
    expect(fine.replay?.reachedPc).toBe(true);
  });
});

describe('the search, sliced', () => {
  it('in 1 ms slices it finds the same packet after the same number of runs, answering `more` in between', () => {
    const whole = counterexampleFor({ source: src('cex-ihl'), file: 'cex-ihl.c' }, SLOW_OK);
    let r = counterexampleFor({ source: src('cex-ihl'), file: 'cex-ihl.c', sliceMs: 1 }, SLOW_OK);
    let slices = 1;
    while (r.more && slices < 10_000) {
      r = counterexampleFor({ source: src('cex-ihl'), file: 'cex-ihl.c', sliceMs: 1, resume: true }, SLOW_OK);
      slices++;
    }
    expect(slices).toBeGreaterThan(1);
    expect(r.found?.hex).toBe(whole.found!.hex);
    expect(r.tried).toBe(whole.tried);
  });

  it('a resume for another program starts that program’s search (the old one is dropped)', () => {
    const a = counterexampleFor({ source: src('cex-ihl'), file: 'cex-ihl.c', sliceMs: 0 }, SLOW_OK);
    expect(a.more).toBe(true);
    const b = counterexampleFor({ source: src('cex-kprobe'), file: 'cex-kprobe.c', resume: true }, SLOW_OK);
    expect(b.found?.input).toBe('ctx');
  });

  it('stops at the run bound and says how many inputs it tried', () => {
    const { p, v } = verdictOf('cex-ihl');
    const r = findCounterexample(p, v, { maxRuns: 3, maxMs: 10_000 });
    expect(r.found).toBeUndefined();
    expect(r.tried).toBe(3);
    expect('message' in r && r.message).toMatch(/^no counterexample among 3 inputs tried \(stopped at the bound/);
  });
});

describe('reading the verifier', () => {
  it('parses the kinds of rejection searched, with the kernel’s own message strings', () => {
    expect(parseRejection(golden('cex-ihl').error[0], '', 19)).toMatchObject({ kind: 'packet', pc: 19 });
    expect(parseRejection(golden('cex-mapidx').error[0], '', 23)).toMatchObject({ kind: 'map value', valueSize: 128 });
    // the second line of the kernel's complaint names the register; its state in the log gives the value size
    const log = '15: (0f) r0 += r6 ; R0=map_value(map=per_fd,ks=4,vs=512,smin=smin32=0,smax=umax=smax32=umax32=1016,var_off=(0x0; 0x3f8))\n';
    expect(parseRejection(golden('cex-kprobe').error[1], log, 16)).toMatchObject({ kind: 'map value', valueSize: 512 });
    expect(parseRejection("R1 min value is negative, either use unsigned index or 'var &= const'", 'R1_w=map_value(map=m,ks=4,vs=16)', 3)).toMatchObject({ valueSize: 16 });
    expect(parseRejection('R5 !read_ok', '', 0)).toBeUndefined();
    expect(parseRejection("invalid mem access 'map_value_or_null'", '', 4)).toBeUndefined();
  });

  it('takes bounds and jump constants from the log as values to try', () => {
    const g = guideValues('16: (27) r1 *= 4 ; R1=scalar(smin=smin32=0,smax=umax=smax32=umax32=60,var_off=(0x0; 0x3c))\n11: (25) if r7 > 0x40 goto pc+7\n');
    expect(g).toContain(60n);
    expect(g).toContain(64n);
    expect(g).toContain(0n);
  });

  it('tries a byte one nibble at a time first (IHL shares its byte with the version)', () => {
    const vals = fieldValues(1, 0x45n, []);
    expect(vals[0]).toBe(0x4fn);
    expect(vals).toContain(0xffn);
    expect(vals).not.toContain(0x45n);
    expect(fieldValues(2, 0n, [64n])).toEqual(expect.arrayContaining([63n, 64n, 65n, 0xffffn, 0x7fffn, 0x8000n]));
  });
});

describe('accesses no frame can break', () => {
  it('an unchecked eth->h_proto (lesson 9’s start program): bytes 12..13 lie in every frame, said without searching', () => {
    const lesson = readFileSync(new URL('../../lessons/09-packet-bounds/prog.c', import.meta.url), 'utf8');
    const r = counterexampleFor({ source: lesson, file: 'prog.c' }, SLOW_OK);
    expect(r.applies).toBe(true);
    expect(r.found).toBeUndefined();
    expect(r.tried).toBe(0);
    expect(r.message).toBe('no counterexample: bytes 12..13 lie in every frame (at least the 14-byte Ethernet header); the verifier assumes no minimum length and wants the check all the same');
  });
});
