/**
 * What the network examples' header says (scenario, seed, count, program type) and which of the
 * scenario's packets their kernel goldens use: the first 12, then the first packet of every other
 * kind. Shared by recordExamples.ts and examples.test.ts so both pick the same packets.
 * Provenance: our own code.
 */
import { mirrorFrame } from '../drive.ts';
import type { Scenario } from '../scenario.ts';

export interface ExampleHeader {
  title?: string;
  prog?: string;
  scenario?: string;
  seed: number;
  count: number;
  outcome?: string;
  topics: string[];
}

export function exampleHeader(text: string): ExampleHeader {
  const get = (k: string) => new RegExp(`^//\\s*@${k}:\\s*(.*)$`, 'm').exec(text)?.[1].trim();
  return {
    title: get('title'), prog: get('prog'), scenario: get('scenario'), seed: Number(get('seed') ?? 1), count: Number(get('count') ?? 1000),
    outcome: get('outcome'), topics: (get('topics') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  };
}

/** `egress`: the host's replies, as drivePackets gives an egress hook (each packet mirrored). */
export function examplePackets(sc: Scenario, egress = false, first = 12, max = 28): Uint8Array[] {
  const out: Uint8Array[] = [];
  const kinds = new Set<string>();
  let i = 0;
  const intents = [...sc.intents()];
  const bytes = [...sc.packets()].map((p) => (egress ? mirrorFrame(p.bytes) : p.bytes));
  for (const it of intents) {
    if (out.length >= max) break;
    if (i < first || !kinds.has(it.kind)) out.push(bytes[i]);
    kinds.add(it.kind);
    i++;
  }
  return out;
}
