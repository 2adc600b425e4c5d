/* Custom global sections: libbpf makes each .data.* / .rodata.* section its own array map
 * (".data.counters", ".rodata.cfg"), beside .data/.rodata/.bss.
 * @run custom_sections udp dport=3
 * @run custom_sections udp dport=3
 */
#include "objs.h"
__u64 hits SEC(".data.counters") = 100;
__u64 misses SEC(".data.counters") = 200;
const volatile __u32 mult SEC(".rodata.cfg") = 7;
const volatile __u32 add SEC(".rodata.cfg") = 5;
__u64 plain = 1;
const __u32 ro = 9;
long long res[4];

SEC("xdp")
int custom_sections(struct xdp_md *ctx)
{
	hits = hits * mult + add;
	misses += ro;
	plain <<= 1;
	res[0] = hits;
	res[1] = misses + plain;
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
