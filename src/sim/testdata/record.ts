/**
 * Re-record the simulator's goldens from the real tools: `npx tsx src/sim/testdata/record.ts`.
 *
 *   tshark-<scenario>.tsv   tshark's FIELDS for every frame of each GOLDEN_RUNS scenario pcap
 *   tshark-zoo.tsv          the same for the packet zoo (zoo.ts): odd, broken and cut frames
 *   tcpdump-<scenario>.txt  `tcpdump -n -S -t -r` lines (one per frame) for the same pcaps
 *   tcpdump-zoo.txt         the same for the zoo
 *   mixed-12.pcapng, mixed-12-nsec.pcap
 *                           a short capture converted by tshark (`-F pcapng`, `-F nsecpcap`),
 *                           so the readers are tested on files a real tool wrote
 *
 * Each tool is skipped (with a message, goldens left as they are) when not installed:
 * apt-get install tshark tcpdump. Review the result with git diff.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScenario } from '../nic/scenario.ts';
import { writePcap } from '../nic/pcap.ts';
import { FIELDS, GOLDEN_RUNS, goldenPcap, hasTool, sha256, TSHARK_PREFS, tcpdumpLines, toolVersion, tsharkFields } from './tools.ts';
import { zooPackets } from './zoo.ts';

const here = dirname(fileURLToPath(import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'sim-record-'));
const tshark = hasTool('tshark');
const tcpdump = hasTool('tcpdump');
if (!tshark) console.log('record: tshark not installed (apt-get install tshark); tshark goldens left as they are');
if (!tcpdump) console.log('record: tcpdump not installed (apt-get install tcpdump); tcpdump goldens left as they are');

const captures: Array<{ name: string; pcap: Uint8Array; about: string }> = GOLDEN_RUNS.map((run) => ({
  name: run.name,
  pcap: goldenPcap(run).pcap,
  about: `scenario=${run.name} ${Object.entries(run.opts).map(([k, v]) => `${k}=${String(v)}`).join(' ')} (nanosecond pcap)`,
}));
captures.push({ name: 'zoo', pcap: writePcap(zooPackets(), { nanosecond: true }), about: 'the packet zoo of zoo.ts (nanosecond pcap)' });

for (const cap of captures) {
  const file = join(tmp, `${cap.name}.pcap`);
  writeFileSync(file, cap.pcap);
  if (tshark) {
    const rows = tsharkFields(file);
    writeFileSync(join(here, `tshark-${cap.name}.tsv`), [
      `# tshark ${FIELDS.length} fields over ${cap.about}`,
      `# sha256=${sha256(cap.pcap)} frames=${rows.length} tshark=${toolVersion('tshark')}`,
      `# prefs: ${TSHARK_PREFS.filter((a) => a !== '-o').join(' ')}`,
      FIELDS.join('\t'),
      ...rows.map((r) => r.join('\t')),
      '',
    ].join('\n'));
    console.log(`tshark-${cap.name}.tsv: ${rows.length} frames`);
  }
  if (tcpdump) {
    const lines = tcpdumpLines(file);
    writeFileSync(join(here, `tcpdump-${cap.name}.txt`), [
      `# tcpdump -n -S -t -r over ${cap.about}; one line per frame (hex-dump continuation lines dropped)`,
      `# sha256=${sha256(cap.pcap)} frames=${lines.length} tcpdump=${toolVersion('tcpdump')}`,
      ...lines,
      '',
    ].join('\n'));
    console.log(`tcpdump-${cap.name}.txt: ${lines.length} frames`);
  }
}

if (tshark) {
  const small = createScenario('mixed', { seed: 3, count: 12 }).value!;
  const src = join(tmp, 'mixed-12.pcap');
  writeFileSync(src, writePcap(small.packets()));
  for (const [fmt, out] of [['pcapng', 'mixed-12.pcapng'], ['nsecpcap', 'mixed-12-nsec.pcap']]) {
    const r = spawnSync('tshark', ['-r', src, '-F', fmt, '-w', join(here, out)], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.error(`record: tshark -F ${fmt} failed: ${r.stderr}`);
      process.exit(1);
    }
    console.log(`${out}: written by tshark -F ${fmt}`);
  }
}
