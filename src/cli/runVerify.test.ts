/**
 * `run` on the kernel path verifies first and loads objects whole (runVerify.ts):
 * - clang-19 objects from src/kernel/testdata/clang-objects run with their prog_array and
 *   map-in-map slots filled, with the retvals and maps the real 6.18 kernel gave (`bpftool prog
 *   loadall` + `prog run`, recorded in X.golden.json), and testdata/tail-calls.o against
 *   testdata/tail-calls.kernel.json (recorded the same way);
 * - the program run: the first by section order (llvm-objdump-19 -t tail_calls.o lists handle_udp
 *   at offset 0 of section xdp), or --prog by function or section name;
 * - verify modes on a program the kernel refuses (testdata/unchecked-pkt.kernel.json, recorded
 *   with kernel_oracle.py): a note and an unverified run, --verify strict → exit 1, --no-verify →
 *   no note; what `run` says agrees with what `verify --json` says for the same file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main, type Io } from './main.ts';

const OBJ = 'src/kernel/testdata/clang-objects';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), writeFile: () => {} };
  const code = await main(argv, io);
  return { code, out, err, json: () => out.map((l) => JSON.parse(l)) };
}

interface Golden {
  runs: Array<{ prog: string; packet: string; retval: number; data_out: string }>;
  maps: Array<{ name: string; type: string; entries: Array<{ key: string; value: string | null }> }>;
}
const golden = (name: string): Golden => JSON.parse(readFileSync(`${OBJ}/${name}.golden.json`, 'utf8'));
/** The kernel's dump of a map as our `maps` JSON gives it; libbpf prefixes global data maps with the object name (`tail_cal.bss`), we do not. */
function kernelMap(g: Golden, name: string): Record<string, string> {
  const m = g.maps.find((x) => x.name === name || x.name.replace(/^[^.]+/, '') === name);
  if (!m) throw new Error(`no map ${name} in the golden`);
  return Object.fromEntries(m.entries.map((e) => [e.key, e.value ?? '']));
}
const packets = (g: Golden, prog: string) => g.runs.filter((r) => r.prog === prog).flatMap((r) => ['--packet', r.packet]);

async function verifyJson(file: string, ...more: string[]): Promise<{ accepted: boolean; error: string | null }> {
  const r = await cli('verify', file, '--json', ...more);
  return JSON.parse(r.out[0]);
}

describe('run loads .o objects whole, as bpftool prog loadall does', () => {
  it.each(['ref', 'fast'])('tail_calls.o --prog dispatch (%s): tail calls through the object-filled prog_array return what the kernel returned', async (engine) => {
    const g = golden('tail_calls');
    const r = await cli('run', `${OBJ}/tail_calls.o`, '--prog', 'dispatch', ...packets(g, 'dispatch'), '--json', '--engine', engine);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const runs = r.json();
    expect(runs.map((x) => x.retval)).toEqual(g.runs.map((x) => x.retval)); // [1, 3, 2]: udp → handle_udp, tcp → handle_tcp, icmp falls through
    expect(runs.every((x) => x.engine === engine && x.verified === true)).toBe(true);
    expect(runs[2].maps['.bss']).toEqual(kernelMap(g, '.bss'));
  });

  it('--trace follows the tail call: the steps after it are the target\'s instructions (llvm-objdump-19 -d of handle_tcp)', async () => {
    const g = golden('tail_calls');
    const r = await cli('run', `${OBJ}/tail_calls.o`, '--prog', 'dispatch', '--packet', g.runs[1].packet, '--trace', '--json');
    expect(r.err).toEqual([]);
    const steps = r.json()[0].trace as Array<{ pc: number; prog?: string; insn: string }>;
    const after = steps.filter((x) => x.prog !== undefined);
    expect(steps.filter((x) => x.prog === undefined).at(-1)!.insn).toBe('call 0xc');
    expect(after.every((x) => x.prog === 'handle_tcp')).toBe(true);
    // handle_tcp is insns 7..13 of section xdp in the listing; pc 0 is its ld_imm64 (shown as the loaded pseudo form)
    expect(after.slice(1).map((x) => [x.pc, x.insn])).toEqual([
      [2, 'r2 = *(u64 *)(r1 + 0x8)'], [3, 'r2 += 0x1'], [4, '*(u64 *)(r1 + 0x8) = r2'], [5, 'r0 = 0x3'], [6, 'exit'],
    ]);
  });

  const TC = JSON.parse(readFileSync('src/cli/testdata/tail-calls.kernel.json', 'utf8')) as { runs: Array<{ packet: string; retval: number }> };
  it('testdata/tail-calls.o (clang-19): slots 0 and 1 filled, 2 and 3 empty — the kernel\'s retvals', async () => {
    const r = await cli('run', 'src/cli/testdata/tail-calls.o', '--prog', 'dispatch', ...TC.runs.flatMap((x) => ['--packet', x.packet]), '--json');
    expect(r.err).toEqual([]);
    expect(r.json().map((x) => x.retval)).toEqual(TC.runs.map((x) => x.retval)); // [1, 3, 2, 2]
  });

  // Our compiler records `__array(values, …) = { [i] = &prog }` as the map's initial slots
  // (BpfMapDef.init), which the loader stores, as libbpf does from clang's `.rel.maps`.
  it('testdata/tail-calls.c (our compiler): the same retvals as the clang object', async () => {
    const r = await cli('run', 'src/cli/testdata/tail-calls.c', '--prog', 'dispatch', ...TC.runs.flatMap((x) => ['--packet', x.packet]), '--json');
    expect(r.err).toEqual([]);
    expect(r.json().map((x) => x.retval)).toEqual(TC.runs.map((x) => x.retval));
  });

  it('without --prog the first program by section order runs (handle_udp: XDP_DROP, res[0]++)', async () => {
    const g = golden('tail_calls');
    const r = await cli('run', `${OBJ}/tail_calls.o`, '--packet', g.runs[1].packet, '--json');
    expect(r.err).toEqual([]);
    const [j] = r.json();
    expect(j.retval).toBe(1);
    expect(j.maps['.bss']['00000000']).toBe('01' + '0'.repeat(62));
  });

  it('tail_limit.o: a program tail-calling itself through its own slot runs 1 + 33 times, as the kernel counted', async () => {
    const g = golden('tail_limit');
    const r = await cli('run', `${OBJ}/tail_limit.o`, ...packets(g, 'self_loop'), '--json', '--engine', 'fast');
    expect(r.err).toEqual([]);
    const runs = r.json();
    expect(runs.map((x) => x.retval)).toEqual(g.runs.map((x) => x.retval));
    expect(runs.at(-1).maps['.bss']).toEqual(kernelMap(g, '.bss'));
  });

  it('map_in_map.o: inner maps placed in the outer array from the object; the kernel\'s maps after its runs', async () => {
    const g = golden('map_in_map');
    const v = await verifyJson(`${OBJ}/map_in_map.o`);
    const r = await cli('run', `${OBJ}/map_in_map.o`, ...packets(g, 'map_in_map'), '--json');
    expect(r.code).toBe(0);
    // whatever our verifier says, run says the same (a rejection is a note, and the run goes on)
    expect(r.err).toEqual(v.accepted ? [] : [`${OBJ}/map_in_map.o: note: our verifier rejects this program (${v.error}); running it unverified`]);
    const runs = r.json();
    expect(runs.map((x) => x.retval)).toEqual(g.runs.map((x) => x.retval));
    expect(runs.every((x) => x.verified === v.accepted)).toBe(true);
    const last = runs.at(-1).maps;
    for (const m of ['inner_a', 'inner_b', '.bss']) expect(last[m], m).toEqual(kernelMap(g, m));
    expect(Object.keys(last.outer)).toEqual(Object.keys(kernelMap(g, 'outer'))); // slots 0 and 2 filled, 1 empty
  });

  it.each([
    ['xdp_one', 'xdp_one'],
    ['xdp_two', 'xdp_two'],
    ['tc', 'tc_prog'],
    ['socket', 'sock_prog'],
  ])('multi_prog.o --prog %s runs %s with the kernel\'s retval', async (sel, prog) => {
    const g = golden('multi_prog');
    const run = g.runs.find((x) => x.prog === prog)!;
    const r = await cli('run', `${OBJ}/multi_prog.o`, '--prog', sel, '--packet', run.packet, '--json');
    expect(r.err).toEqual([]);
    expect(r.json()[0].retval).toBe(run.retval);
  });

  it('--prog: an unknown name, or a file that has no programs to pick from, is bad input (exit 2)', async () => {
    const a = await cli('run', `${OBJ}/multi_prog.o`, '--prog', 'nosuch', '--packet', '00'.repeat(60));
    expect(a.code).toBe(2);
    expect(a.err).toEqual([`${OBJ}/multi_prog.o: error: no program 'nosuch' (programs: xdp_one in xdp, xdp_two in xdp, tc_prog in tc, sock_prog in socket)`]);
    const b = await cli('run', 'src/cli/testdata/unchecked-pkt.s', '--type', 'xdp', '--prog', 'x', '--packet', '00');
    expect(b.code).toBe(2);
    expect(b.err[0]).toMatch(/--prog picks a program of a \.c or \.o file/);
  });
});

describe('run verifies first, as the kernel does at load', () => {
  const S = 'src/cli/testdata/unchecked-pkt.s';
  const kernel = JSON.parse(readFileSync('src/cli/testdata/unchecked-pkt.kernel.json', 'utf8')) as { accepted: boolean; error: string[] };
  const pkt = golden('tail_calls').runs[0].packet;

  it('the kernel refuses the test program (recorded), and our verifier agrees', async () => {
    expect(kernel.accepted).toBe(false);
    expect(await verifyJson(S, '--type', 'xdp')).toMatchObject({ accepted: false, error: kernel.error[0] });
  });

  it('by default: a note with the verifier\'s complaint, then an unverified (checked) run', async () => {
    const r = await cli('run', S, '--type', 'xdp', '--packet', pkt, '--json', '--engine', 'fast');
    expect(r.err).toEqual([`${S}: note: our verifier rejects this program (${kernel.error[0]}); running it unverified`]);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual([expect.objectContaining({ retval: 2, engine: 'fast', verified: false })]);
  });

  it('--verify strict refuses it as the kernel would: the complaint on stderr, nothing run, exit 1', async () => {
    const r = await cli('run', S, '--type', 'xdp', '--packet', pkt, '--json', '--verify', 'strict');
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([`${S}: error: the verifier rejects this program: ${kernel.error[0]}`]);
  });

  it('--no-verify: no verifier, no note', async () => {
    const r = await cli('run', S, '--type', 'xdp', '--packet', pkt, '--json', '--no-verify');
    expect(r.err).toEqual([]);
    expect(r.json()).toEqual([expect.objectContaining({ retval: 2, verified: false })]);
  });

  it('an accepted program runs verified (proven mode on the fast engine), and the text output says so', async () => {
    const r = await cli('run', 'src/cli/testdata/xdp-drop-udp5001.s', '--type', 'xdp', '--packet', pkt, '--engine', 'fast', '--repeat', '3');
    expect(r.err).toEqual([]);
    expect(r.out.at(-1)).toMatch(/^\d+ ns per run \(3 runs, WebAssembly engine, proven mode\)$/);
    const n = await cli('run', 'src/cli/testdata/xdp-drop-udp5001.s', '--type', 'xdp', '--packet', pkt, '--engine', 'fast', '--repeat', '3', '--no-verify');
    expect(n.out.at(-1)).toMatch(/checked mode\)$/);
  });

  it('xdp_global_func.o (the kernel accepts it and returns XDP_PASS): run agrees with verify, and runs either way', async () => {
    const E = 'src/elf/testdata';
    const g = JSON.parse(readFileSync(`${E}/xdp_global_func.golden.json`, 'utf8'));
    const v = await verifyJson(`${E}/xdp_global_func.o`);
    const r = await cli('run', `${E}/xdp_global_func.o`, '--packet', g.kernel.packets[0], '--json');
    expect(v.accepted).toBe(true); // scale() verified on its own against its BTF prototype, as the kernel does
    expect(r.err).toEqual([]);
    expect(r.json()[0]).toMatchObject({ retval: g.kernel.original[0].run.runs[0].retval, verified: true });
  });

  it.each([
    [['--verify', 'maybe'], /--verify must be strict or warn/],
    [['--verify', 'strict', '--no-verify'], /contradict/],
  ])('%j is bad input (exit 2)', async (flags, re) => {
    const r = await cli('run', S, '--type', 'xdp', '--packet', pkt, ...flags);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(re);
  });

  it('a raw run (--mem, no type) is not verified: --verify strict is refused, JSON says verified false', async () => {
    const bad = await cli('run', 'src/cli/testdata/sum.s', '--mem', '0102', '--verify', 'strict');
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toMatch(/--verify goes with a program type/);
    const r = await cli('run', 'src/cli/testdata/sum.s', '--mem', '0102', '--json');
    expect(r.json()[0].verified).toBe(false);
  });
});


describe('run and verify give the same verdict on every packet-program object of the corpora', () => {
  const pkt = golden('tail_calls').runs[0].packet;
  const files = [
    ...readdirSync(OBJ).filter((f) => f.endsWith('.o')).map((f) => `${OBJ}/${f}`),
    ...readdirSync('src/elf/testdata').filter((f) => f.endsWith('.o')).map((f) => `src/elf/testdata/${f}`),
  ];
  it('has the corpora', () => expect(files.length).toBeGreaterThanOrEqual(40));
  for (const f of files) {
    it(f.split('/').pop()!, async () => {
      const r = await cli('run', f, '--packet', pkt, '--json');
      if (r.code === 2) {
        // not a packet program (tracing types, raw_tracepoint): nothing to compare
        expect(r.err.join('\n')).toMatch(/tracing|raw_tracepoint|cannot be run|scenario|takes no packet|--mem/);
        return;
      }
      const v = await verifyJson(f);
      const [j] = r.json();
      expect(j.verified).toBe(v.accepted);
      const notes = r.err.filter((l) => l.includes('this program'));
      expect(notes).toEqual(v.accepted ? [] : [`${f}: note: our verifier rejects this program (${v.error}); running it unverified`]);
    });
  }
});
