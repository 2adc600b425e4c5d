import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dissect } from '../sim/index.ts';
import { counterexampleFor, findCounterexample, packetAccessError } from './counterexample.ts';
import { prepare, verifyPrepared } from './prepare.ts';

const ex05 = readFileSync(new URL('../../examples/05-xdp-drop-udp/prog.c', import.meta.url), 'utf8');
const UDP_CHECK = '\tif ((void *)(udp + 1) > data_end)\n\t\treturn XDP_PASS;\n';
/** Example 05 without its UDP bounds check: udp->dest is read unproven. */
const broken = ex05.replace(UDP_CHECK, '');

/** The search's time bound is for the page; a loaded test machine gets more time (the run bound still holds). */
const SLOW_OK = { maxMs: 5000 };
const bytesOf = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));

describe('counterexample search', () => {
  it('the broken example really lost its UDP check and is rejected for a packet access', () => {
    expect(broken).not.toBe(ex05);
    const p = prepare({ source: broken, file: 'prog.c' });
    const v = verifyPrepared(p.prog!, { states: false }).verifier;
    expect(v.accepted).toBe(false);
    // the kernel's complaint for `udp->dest` (offset 2 in struct udphdr, 2 bytes) past ip (off 14): 14 + 2 = 16
    expect(packetAccessError(v.error)).toEqual({ off: 16, size: 2 });
    // the real 6.18 kernel (clang's build of the same source, testdata golden) refuses the same access on the same line
    const k = JSON.parse(readFileSync(new URL('./testdata/counterexample-05-no-udp-check.kernel.json', import.meta.url), 'utf8'));
    expect(k.accepted).toBe(false);
    expect(packetAccessError(k.error[0])).toEqual(packetAccessError(v.error));
    expect(p.prog!.lineOf(v.errorPc)?.line).toBe(k.source_line);
    expect(broken.split('\n')[k.source_line - 1].trim()).toBe(k.source_text);
  });

  it('finds a UDP-to-5001 IPv4 packet cut inside the UDP header, and replaying it over-reads at the rejected pc', () => {
    const r = counterexampleFor({ source: broken, file: 'prog.c' }, SLOW_OK);
    expect(r.applies).toBe(true);
    const c = r.found!;
    expect(c).toBeDefined();
    const frame = bytesOf(c.hex);
    // hand-checkable: the port check needs Ethernet (14) + IPv4 (20) to pass the two earlier checks,
    // and reads udp->dest at 14 + 20 + 2 = 36..37; so the frame is 34..37 bytes (< 14 + 20 + 8)
    expect(frame.length).toBeGreaterThanOrEqual(34);
    expect(frame.length).toBeLessThan(14 + 20 + 8);
    // the longest truncation that over-reads is the first one found: 36 + 2 > len ⇔ len ≤ 37
    expect(frame.length).toBe(37);
    expect((frame[12] << 8) | frame[13]).toBe(0x0800); // IPv4
    expect(frame[14] >> 4).toBe(4);
    expect(frame[14] & 15).toBe(5); // IHL 5: the UDP header at 34
    expect(frame[23]).toBe(17); // UDP
    expect(c.kind).toBe('udp4 → port 5001');
    expect(dissect(frame).truncated?.proto).toBe('udp');
    // the rejected instruction and its source line: the `udp->dest` comparison
    const p = prepare({ source: broken, file: 'prog.c' });
    const v = verifyPrepared(p.prog!, { states: false }).verifier;
    expect(c.pc).toBe(v.errorPc);
    expect(broken.split('\n')[c.line! - 1]).toContain('udp->dest');
    expect(c.run.reachedPc).toBe(true);
    expect(c.run.access).toMatchObject({ store: false, size: 2, offset: 36, packetLen: 37, beyond: 1, before: 0 });
    // a 16-bit little-endian load of bytes 36 (the first byte of the port, 5001 = 0x1389 → 0x13) and 37 (past the end)
    expect(frame[36]).toBe(0x13);
    expect(BigInt(c.run.access!.value!) & 0xffn).toBe(0x13n);
    expect(r.tried).toBeLessThanOrEqual(2000);

    // the replay button's request: exactly that packet, no verifier, same pc
    const again = counterexampleFor({ source: broken, file: 'prog.c', replayHex: c.hex });
    expect(again.replay).toEqual(c.run);
  });

  it('a full packet does not over-read: replaying the untruncated UDP packet touches only packet bytes', () => {
    const c = counterexampleFor({ source: broken, file: 'prog.c' }, SLOW_OK).found!;
    const full = c.hex + '00'.repeat(8); // the UDP header complete (45 bytes)
    const r = counterexampleFor({ source: broken, file: 'prog.c', replayHex: full });
    expect(r.replay?.reachedPc).toBe(true);
    expect(r.replay?.access).toBeUndefined();
  });

  it('a read far past the page oopses at the rejected pc, on the first packet tried', () => {
    const src = readFileSync(new URL('./testdata/oob.c', import.meta.url), 'utf8');
    const r = counterexampleFor({ source: src, file: 'prog.c' }, SLOW_OK);
    const c = r.found!;
    expect(r.tried).toBe(1); // data[100000] is outside any frame: the full first packet already faults
    expect(src.split('\n')[c.line! - 1]).toContain('data[100000]');
    expect(c.run.oops?.pc).toBe(c.pc);
    expect(c.run.oops?.message).toMatch(/^BUG: unable to handle page fault/);
    expect(c.run.verdict).toBe('none (the kernel oopsed)'); // no verdict: r0 is whatever it held at the fault
    // hand-computed: a 1-byte read at data+100000 of a 140-byte frame ends 100001 - 140 bytes past data_end
    expect(c.run.access).toMatchObject({ offset: 100000, size: 1, packetLen: 140, beyond: 100001 - 140 });
    const again = counterexampleFor({ source: src, file: 'prog.c', replayHex: c.hex });
    expect(again.replay?.oops?.pc).toBe(c.pc);
  });

  it('offers nothing for an accepted program', () => {
    const r = counterexampleFor({ source: ex05, file: 'prog.c' });
    expect(r.applies).toBe(false);
    expect(r.found).toBeUndefined();
    expect(r.message).toMatch(/accepts/);
  });

  it('offers nothing for a rejection that is not a packet access (uninitialised register)', () => {
    const src = 'r0 = r5\nexit\n';
    const p = prepare({ source: src, file: 'prog.s', progType: 'xdp' });
    const v = verifyPrepared(p.prog!, { states: false }).verifier;
    expect(v.accepted).toBe(false);
    expect(v.error).toMatch(/R5 !read_ok/);
    const r = counterexampleFor({ source: src, file: 'prog.s', progType: 'xdp' });
    expect(r.applies).toBe(false);
    expect(r.found).toBeUndefined();
  });

  it('says how many packets it tried when the bound stops it', () => {
    const p = prepare({ source: broken, file: 'prog.c' });
    const v = verifyPrepared(p.prog!, { states: false }).verifier;
    // the first candidate, whole (140 bytes), holds the UDP port: no over-read within 1 run
    const r = findCounterexample(p.prog!, v, { maxRuns: 1 });
    expect(r.found).toBeUndefined();
    expect(r.tried).toBe(1);
    expect('message' in r && r.message).toMatch(/^no counterexample among 1 inputs tried/);
  });

  it('a bad replay packet is an error value', () => {
    const r = counterexampleFor({ source: broken, file: 'prog.c', replayHex: 'zz' });
    expect(r.replay).toBeUndefined();
    expect(r.replayError).toMatch(/hex bytes/);
  });
});
