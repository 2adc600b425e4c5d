/**
 * `ebpf-playground run --type T --packet HEX --map SPEC [--maps] [--repeat N] [--json]` — the
 * command-line contract of DESIGN.md for kernel runs, driven in-process through the CLI's main().
 * Expected values: the kernel's (testdata/run goldens) or computed by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../../cli/main.ts';

const D = join(import.meta.dirname, '../testdata/run');
const UDP = '02000000000202000000000108004500002e00010000401166bc0a0000010a00000230391389001a0000000000000000000000000000000000000000';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), writeFile: () => {} };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('run --type', () => {
  it('prints one JSON object per --packet, maps as hex of their bytes, against the same maps', async () => {
    const r = await cli('run', `${D}/map_array_counter.s`, '--type', 'xdp', '--map', 'counts:array:4:8:4', '--packet', UDP, '--packet', UDP, '--json');
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const runs = r.out.map((l) => JSON.parse(l));
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({ retval: 2, retvalName: 'XDP_PASS', engine: 'ref', tracePipe: [], events: [] });
    expect(runs[0].packetOut).toBeUndefined();
    expect(runs[0].maps.counts['02000000']).toBe('0100000000000000');
    expect(runs[1].maps).toEqual({ counts: { '00000000': '0000000000000000', '01000000': '0000000000000000', '02000000': '0200000000000000', '03000000': '0000000000000000' } });
  });

  it('per-CPU values are arrays, one per CPU', async () => {
    const r = await cli('run', `${D}/map_percpu_hash.s`, '--type', 'xdp', '--map', 'ph:percpu_hash:4:8:4', '--packet', UDP, '--json');
    expect(JSON.parse(r.out[0]).maps.ph).toEqual({ '03000000': ['0700000000000000', '0000000000000000'] });
  });

  it('shows the changed packet, trace_pipe lines and the maps in text form', async () => {
    const swap = await cli('run', `${D}/xdp_swap_mac.s`, '--type', 'xdp', '--packet', UDP);
    expect(swap.out).toEqual(['retval = 3 (XDP_TX)', `packet out = ${JSON.parse(readFileSync(`${D}/xdp_swap_mac.golden.json`, 'utf8')).runs[0].data_out}`]);
    const pk = await cli('run', `${D}/printk_hello.s`, '--type', 'xdp', '--map', 'res:array:4:8:16', '--packet', UDP, '--maps');
    expect(pk.out[0]).toBe('retval = 2 (XDP_PASS)');
    expect(pk.out[1]).toMatch(/^ {1}ebpf-playground-4242 {4}\[000\] b\.\.11 {2}1000\.\d{6}: bpf_trace_printk: hello$/);
    expect(pk.out[2]).toBe('map res:');
    expect(pk.out[3]).toBe('  00000000: 0500000000000000');
  });

  it('--repeat runs N times against the same maps and reports ns per run', async () => {
    const r = await cli('run', `${D}/map_array_counter.s`, '--type', 'xdp', '--map', 'counts:array:4:8:4', '--packet', UDP, '--repeat', '5', '--json');
    const o = JSON.parse(r.out[0]);
    expect(o.maps.counts['02000000']).toBe('0500000000000000');
    expect(typeof o.nsPerRun).toBe('number');
  });

  it('tc and socket names; socket filters see the packet from the network header', async () => {
    const r = await cli('run', `${D}/sock_keep_all.s`, '--type', 'socket', '--packet', UDP, '--json');
    expect(JSON.parse(r.out[0])).toMatchObject({ retval: 46, retvalName: null });
    const t = await cli('run', `${D}/tc_redirect.s`, '--type', 'tc', '--map', 'res:array:4:8:16', '--packet', UDP, '--json');
    expect(JSON.parse(t.out[0])).toMatchObject({ retval: 7, retvalName: 'TC_ACT_REDIRECT', redirect: { ifindex: 1, flags: 1 } });
  });

  it('bad input: one line on stderr, exit status 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--type', 'xdp'], /needs packets: --packet HEX, --pcap FILE or --scenario NAME/],
      [['--packet', UDP], /need a program type/],
      [['--type', 'bogus', '--packet', UDP], /unknown program type 'bogus'/],
      [['--type', 'xdp', '--packet', 'zz'], /--packet #1, column 1/],
      [['--type', 'xdp', '--packet', '0011', '--map', 'counts:array:4:8:4'], /--packet #1: the test run failed: an XDP test run needs at least 14 bytes/],
      [['--type', 'xdp', '--packet', UDP, '--map', 'counts:hsh:4:8:1'], /unknown map type 'hsh'/],
      [['--type', 'xdp', '--packet', UDP, '--map', 'counts:array:8:8:1'], /--map counts:array:8:8:1: map 'counts': array maps need key_size 4/],
      [['--type', 'kprobe', '--packet', UDP], /cannot be run yet/],
      [['--type', 'xdp', '--packet', UDP, '--engine', 'jit'], /--engine must be ref or fast, got 'jit'/],
    ];
    for (const [args, msg] of cases) {
      const r = await cli('run', `${D}/map_array_counter.s`, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(msg);
    }
    const missing = await cli('run', `${D}/map_array_counter.s`, '--type', 'xdp', '--packet', UDP);
    expect(missing.code).toBe(2);
    expect(missing.err).toEqual([`${D}/map_array_counter.s:11:3: error: map 'counts' is not defined (define it with --map counts:TYPE:KEY:VALUE:MAX)`]);
  });

  it('raw_tracepoint takes its arguments with --mem', async () => {
    const r = await cli('run', `${D}/rawtp_args_printk.s`, '--type', 'raw_tracepoint', '--map', 'res:array:4:8:16', '--mem', '05000000000000000700000000000000ffffffffffffffff', '--json');
    expect(r.err).toEqual([]);
    const o = JSON.parse(r.out[0]);
    expect(o.retval).toBe(35);
    expect(o.tracePipe[0]).toMatch(/\] \.\.\.2\. .*bpf_trace_printk: a=5 b=7 c=-1$/);
    expect((await cli('run', `${D}/rawtp_args_printk.s`, '--type', 'raw_tracepoint', '--packet', UDP)).code).toBe(2);
  });

  it('raw .bin input refers to maps by position, as the kernel oracle does', async () => {
    const r = await cli('run', `${D}/map_array_counter.bin`, '--type', 'xdp', '--map', 'counts:array:4:8:4', '--packet', UDP, '--json');
    expect(JSON.parse(r.out[0]).maps.counts['02000000']).toBe('0100000000000000');
  });

  it('an oops is reported and exits 1', async () => {
    const r = await cli('run', `${D}/cli/fault.s`, '--type', 'xdp', '--packet', UDP, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out[0]).oops.message).toMatch(/BUG/);
  });
});
