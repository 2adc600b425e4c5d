/**
 * The compiler corpus: shared by the golden recorder (scripts/record-compiler-goldens.ts) and the
 * test (src/compiler/corpus.test.ts).
 *
 * A case is `testdata/corpus/<name>.c` whose leading comment lines carry directives:
 *   // @type: xdp|sched_cls|socket_filter|kprobe|tracepoint|…   (kernel_oracle.py --type;
 *   //        tracing|lsm: fentry/fexit/tp_btf/lsm, loaded with bpftool)
 *   // @packet: udp 53 | tcp 80 | icmp | hex 0011…              (one test run per line)
 * and `<name>.golden.json` records what the kernel said about our bytecode and clang-19's.
 * `testdata/corpus-beyond/` holds cases of the same form whose program types or helpers the
 * simulator does not model yet (sock_ops, sk_msg, cgroup/connect4, fib lookup, tp_btf block
 * tracepoints): the compiler is judged on them here, the CLI's run/verify tests leave them out.
 * Does not: talk to the kernel (the recorder does) or compile (the driver does).
 */
import type { BpfObject } from '../../isa/object.ts';
import { encodeInsns, type Insn } from '../../isa/insn.ts';

export interface CaseHeader {
  type: string;
  packets: string[];
}

export interface RunResult {
  retval: number | null;
  dataOut: string | null;
  /** Map contents after all runs, entries sorted, as `key=value` hex strings. */
  error?: string;
}

export interface Golden {
  source: string;
  program: string;
  type: string;
  packets: string[];
  /** Set when this kernel refused clang's and our program alike before verifying (no verdict). */
  unavailable?: string;
  ours: {
    accepted: boolean;
    error: string | null;
    insnCount: number;
    bytesHex: string;
    mapSpecs: string[];
    runs: RunResult[];
    maps: Record<string, string[]>;
    /** Our ELF object (writeElf) loaded by `bpftool prog loadall` (libbpf, CO-RE applied). */
    elf?: { accepted: boolean; error: string | null };
  };
  clang: {
    accepted: boolean;
    error: string | null;
    insnCount: number;
    runs: RunResult[];
    maps: Record<string, string[]>;
  };
}

export function parseHeader(text: string): CaseHeader {
  const h: CaseHeader = { type: '', packets: [] };
  for (const line of text.split('\n')) {
    const m = /^\s*\/\/\s*@(\w+):\s*(.*?)\s*$/.exec(line);
    if (!m) { if (line.trim() && !line.trim().startsWith('//')) break; continue; }
    if (m[1] === 'type') h.type = m[2];
    else if (m[1] === 'packet') h.packets.push(m[2]);
  }
  return h;
}

/**
 * Raw bytecode for kernel_oracle.py: map relocations patched to `ld_imm64 src=1 imm=N` for the
 * N-th map, data relocations to `src=2 imm=N` (N-th map being the section's array map) with the
 * offset in the second slot. Returns the bytes and the `--map` specs in order.
 */
export function linkForOracle(obj: BpfObject, prog: number): { bytes: Uint8Array; mapSpecs: string[] } {
  const p = obj.programs[prog];
  // A perf event array left unsized is sized by libbpf to the CPU count; any size loads.
  const specs = obj.maps.map((m) => `${m.name}:${m.typeId}:${m.keySize}:${m.valueSize}:${m.maxEntries || (m.typeId === 4 ? 1 : 0)}:${m.flags}`);
  const dataIndex = new Map<string, number>();
  for (const g of obj.globals) {
    dataIndex.set(g.name, specs.length);
    specs.push(`${g.name}:2:4:${Math.max(g.bytes.length, 1)}:1`);
  }
  const kconfigSize = (obj.externs ?? []).reduce((n, e) => (e.section === '.kconfig' ? Math.max(n, (e.offset ?? 0) + e.size) : n), 0);
  if (kconfigSize) {
    dataIndex.set('.kconfig', specs.length);
    specs.push(`.kconfig:2:4:${kconfigSize}:1`);
  }
  const insns: Insn[] = p.insns.map((i) => ({ ...i }));
  for (const r of p.relocations) {
    if (r.kind === 'map') {
      insns[r.pc] = { ...insns[r.pc], src: 1, imm: obj.maps.findIndex((m) => m.name === r.symbol) };
    } else if (r.kind === 'data') {
      insns[r.pc] = { ...insns[r.pc], src: 2, imm: dataIndex.get(r.symbol) ?? -1 };
      insns[r.pc + 1] = { ...insns[r.pc + 1], imm: r.addend };
    }
  }
  return { bytes: encodeInsns(insns), mapSpecs: specs };
}

export function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
