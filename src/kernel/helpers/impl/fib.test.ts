/**
 * bpf_fib_lookup against the simulated host's tables (fib.ts), through a real XDP program: the
 * parameters come from a map, the program calls the helper and copies the struct back. Expected
 * values are worked out by hand from the table in fib.ts and the UAPI layout; the table itself is
 * checked against the virtual NIC's interfaces (src/sim/nic/interfaces.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import { loadC } from '../../../sim/nic/load.ts';
import { INTERFACES, NEIGHBOURS } from '../../../sim/nic/interfaces.ts';
import { FIB, FIB_DEVS, FIB_RET, fibNeighbour, BPF_FIB_LOOKUP_SKIP_NEIGH, BPF_FIB_LOOKUP_SRC } from './fib.ts';

// the machine may be shared and loaded: give whole-pipeline runs room
vi.setConfig({ testTimeout: 60_000 });

const PROG = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct params { __u8 b[64]; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, struct params); __uint(max_entries, 1); } io SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u32); __uint(max_entries, 1); } cfg SEC(".maps");
SEC("xdp") int lookup(struct xdp_md *ctx)
{
	__u32 zero = 0;
	struct params *p = bpf_map_lookup_elem(&io, &zero);
	__u32 *flags = bpf_map_lookup_elem(&cfg, &zero);
	if (!p || !flags)
		return XDP_ABORTED;
	struct params local = *p;
	long rc = bpf_fib_lookup(ctx, (void *)&local, sizeof(local), *flags);
	*p = local;
	return rc;
}
char LICENSE[] SEC("license") = "GPL";
`;

const v4 = (s: string) => s.split('.').map(Number);
const mac = (s: string) => s.split(':').map((x) => parseInt(x, 16));
function v6(s: string): number[] {
  const [a, b = ''] = s.split('::');
  const h = (p: string) => (p ? p.split(':').map((x) => parseInt(x, 16)) : []);
  const w = [...h(a), ...new Array(8 - h(a).length - h(b).length).fill(0), ...h(b)];
  return w.flatMap((x) => [x >> 8, x & 0xff]);
}

function lookup(o: { family?: number; ifindex?: number; dst: number[]; totLen?: number; flags?: number }) {
  const l = loadC(PROG, 'fib.c');
  if (!l.ok) throw new Error(l.error);
  const p = new Uint8Array(64);
  const dv = new DataView(p.buffer);
  p[FIB.family] = o.family ?? (o.dst.length === 4 ? 2 : 10);
  dv.setUint32(FIB.ifindex, o.ifindex ?? 2, true);
  dv.setUint16(FIB.tot_len, o.totLen ?? 0, true);
  p.set(o.dst, FIB.dst);
  const z = new Uint8Array(4);
  expect(l.kernel.map('io')!.userUpdate(z, p)).toBe(0);
  expect(l.kernel.map('cfg')!.userUpdate(z, new Uint8Array(new Uint32Array([o.flags ?? 0]).buffer))).toBe(0);
  const r = l.kernel.run(l.prog, { packet: new Uint8Array(60) });
  const got = l.kernel.map('io')!.userLookup(z);
  if (!got.ok || Array.isArray(got.value)) throw new Error('no value');
  const b = got.value;
  const d = new DataView(b.buffer, b.byteOffset);
  return {
    rc: r.retval, ifindex: d.getUint32(FIB.ifindex, true), metric: d.getUint32(FIB.tos, true), mtu: d.getUint16(FIB.tot_len, true),
    src: [...b.subarray(FIB.src, FIB.src + o.dst.length)], dst: [...b.subarray(FIB.dst, FIB.dst + o.dst.length)],
    smac: [...b.subarray(FIB.smac, FIB.smac + 6)], dmac: [...b.subarray(FIB.dmac, FIB.dmac + 6)],
  };
}

describe('bpf_fib_lookup on the simulated host', () => {
  it('a neighbour on eth0: success, egress eth0, our MAC and theirs', () => {
    const r = lookup({ dst: v4('10.0.0.2') });
    expect(r).toMatchObject({ rc: FIB_RET.SUCCESS, ifindex: 2, metric: 0, dst: v4('10.0.0.2'), smac: mac('52:54:00:12:34:56'), dmac: mac('52:54:00:00:00:02') });
  });

  it('an Internet address goes via the gateway: next hop in ipv4_dst, metric 100', () => {
    const r = lookup({ dst: v4('8.8.8.8'), ifindex: 3 });
    expect(r).toMatchObject({ rc: 0, ifindex: 2, metric: 100, dst: v4('10.0.0.254'), dmac: mac('52:54:00:00:00:fe') });
  });

  it('eth1 LAN: egress eth1 with eth1 MAC; a host with no ARP entry is NO_NEIGH, or SUCCESS with SKIP_NEIGH', () => {
    expect(lookup({ dst: v4('192.168.1.10') })).toMatchObject({ rc: 0, ifindex: 3, smac: mac('52:54:00:12:34:57'), dmac: mac('52:54:00:01:00:10') });
    expect(lookup({ dst: v4('192.168.1.77') })).toMatchObject({ rc: FIB_RET.NO_NEIGH, ifindex: 3 });
    expect(lookup({ dst: v4('192.168.1.77'), flags: BPF_FIB_LOOKUP_SKIP_NEIGH })).toMatchObject({ rc: 0, ifindex: 3, dmac: [0, 0, 0, 0, 0, 0] });
  });

  it('blackhole, unreachable and prohibit routes; local, broadcast and multicast are not forwarded', () => {
    expect(lookup({ dst: v4('192.0.2.7') }).rc).toBe(FIB_RET.BLACKHOLE);
    expect(lookup({ dst: v4('198.51.100.1') }).rc).toBe(FIB_RET.UNREACHABLE);
    expect(lookup({ dst: v4('203.0.113.200') }).rc).toBe(FIB_RET.PROHIBIT);
    expect(lookup({ dst: v4('203.0.113.5') })).toMatchObject({ rc: 0, dst: v4('10.0.0.254') }); // the /25 is only the upper half
    for (const d of ['10.0.0.1', '127.0.0.53', '10.0.0.255', '224.0.0.251']) expect(lookup({ dst: v4(d) }).rc, d).toBe(FIB_RET.NOT_FWDED);
  });

  it('tot_len over the egress MTU: FRAG_NEEDED with mtu_result', () => {
    expect(lookup({ dst: v4('10.0.0.2'), totLen: 1501 })).toMatchObject({ rc: FIB_RET.FRAG_NEEDED, mtu: 1500 });
    expect(lookup({ dst: v4('10.0.0.2'), totLen: 1500 }).rc).toBe(0);
  });

  it('BPF_FIB_LOOKUP_SRC fills the egress device address', () => {
    expect(lookup({ dst: v4('192.168.1.10'), flags: BPF_FIB_LOOKUP_SRC }).src).toEqual(v4('192.168.1.1'));
  });

  it('IPv6: on-link and via the link-local gateway', () => {
    expect(lookup({ dst: v6('fd01::10') })).toMatchObject({ rc: 0, ifindex: 3, dmac: mac('52:54:00:01:00:10') });
    expect(lookup({ dst: v6('2001:db8::1') })).toMatchObject({ rc: 0, ifindex: 2, dst: v6('fe80::5054:ff:fe00:fe'), metric: 1024, dmac: mac('52:54:00:00:00:fe') });
    expect(lookup({ dst: v6('fd00::1') }).rc).toBe(FIB_RET.NOT_FWDED);
  });

  it('the table agrees with the virtual NIC (interfaces.ts)', () => {
    for (const i of INTERFACES) {
      const d = FIB_DEVS.find((x) => x.ifindex === i.ifindex)!;
      expect(d.name).toBe(i.name);
      expect(d.mac).toEqual(mac(i.mac));
      expect(d.v4).toEqual(v4(i.ipv4));
      expect(d.mtu).toBe(i.mtu);
    }
    expect(fibNeighbour(2, v4(NEIGHBOURS.iperfClient.ipv4))).toEqual(mac(NEIGHBOURS.iperfClient.mac));
    expect(fibNeighbour(2, v4(NEIGHBOURS.gateway.ipv4))).toEqual(mac(NEIGHBOURS.gateway.mac));
    expect(fibNeighbour(3, v4(NEIGHBOURS.lanHost.ipv4))).toEqual(mac(NEIGHBOURS.lanHost.mac));
  });
});
