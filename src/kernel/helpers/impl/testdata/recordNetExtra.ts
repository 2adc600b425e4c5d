/**
 * Records testdata/netextra.json: every program of netextra.c (clang-19) test-run by this
 * machine's 6.18 kernel (../shared/tools/kernel_oracle.py) on an IPv4 UDP frame and an ARP frame.
 *
 *   npx tsx src/kernel/helpers/impl/testdata/recordNetExtra.ts        (root, clang-19)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { PACKETS_FOR_TEST as PACKETS } from './packets.ts';

const DIR = 'src/kernel/helpers/impl/testdata';
const ORACLE = '../shared/tools/kernel_oracle.py';
const arch = execFileSync('uname', ['-m']).toString().trim();
execFileSync('clang-19', ['-target', 'bpf', '-O2', '-g', `-I/usr/include/${arch}-linux-gnu`, '-Wno-incompatible-pointer-types', '-c', `${DIR}/netextra.c`, '-o', '/tmp/netextra.o']);
const text = readFileSync(`${DIR}/netextra.c`, 'utf8');
const names = [...text.matchAll(/^(?:SEC\("[^"]+"\) int (\w+)|(?:ROOM|TAIL)\((\w+),)/gm)].map((m) => m[1] ?? m[2]);
const out: Record<string, Array<{ packet: string; retval: number; dataOut: string }>> = {};
for (const n of names) {
  const r = JSON.parse(execFileSync('python3', [ORACLE, 'run', '/tmp/netextra.o', '--prog', n, '--packet', PACKETS.udp, '--packet', PACKETS.arp]).toString());
  out[n] = r.runs.map((x: { retval: number; data_out: string }, k: number) => ({ packet: k ? 'arp' : 'udp', retval: x.retval, dataOut: x.data_out }));
}
writeFileSync(`${DIR}/netextra.json`, JSON.stringify({ kernel: execFileSync('uname', ['-r']).toString().trim(), programs: out }, null, 1) + '\n');
console.log(names.join(' '));
