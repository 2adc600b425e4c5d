/**
 * The header of a runtime golden program (src/kernel/testdata/run/X.s), shared by the recorder
 * (scripts/record-runtime-goldens.ts) and the tests:
 *   # @type xdp | sched_cls | socket_filter
 *   # @map NAME:TYPE:KEY:VALUE:MAX[:FLAGS]     (repeatable, in fd order)
 *   # @packet udp|tcp|icmp [k=v]... | hex HEX  (repeatable)
 *   # @ctx HEX                                 (raw_tracepoint: the argument bytes)
 * Provenance: our own format.
 */
export interface RunHeader {
  type: string;
  maps: string[];
  packets: string[];
  /** ctx_in as hex (raw_tracepoint arguments), when the type takes a context instead of a packet. */
  ctx?: string;
}

export function parseRunHeader(text: string): { ok: true; value: RunHeader } | { ok: false; message: string } {
  const h: RunHeader = { type: '', maps: [], packets: [] };
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const m = /^#\s*@(\w+)\s+(.*)$/.exec(lines[k].trim());
    if (!m) continue;
    const [, key, val] = m;
    if (key === 'type') h.type = val.trim();
    else if (key === 'map') h.maps.push(val.trim());
    else if (key === 'packet') h.packets.push(val.trim());
    else if (key === 'ctx') h.ctx = val.trim();
    else return { ok: false, message: `line ${k + 1}: unknown header @${key}` };
  }
  if (!h.type) return { ok: false, message: 'no @type header' };
  return { ok: true, value: h };
}
