// Legacy socket filter (samples/bpf sockex1 style): load_byte/load_half/load_word declared with
// asm("llvm.bpf.load.*") labels, which clang lowers to BPF_LD|BPF_ABS (constant offset) and
// BPF_LD|BPF_IND (offset in a register); the skb must be in R6.
// @type: socket_filter
// @packet: udp 5001
// @packet: udp 53
// @packet: tcp 80
// @packet: icmp
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <stddef.h>
#include <bpf/bpf_helpers.h>

unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");
unsigned long long load_word(void *skb, unsigned long long off) asm("llvm.bpf.load.word");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, long);
	__uint(max_entries, 256);
} my_map SEC(".maps");

SEC("socket")
int bpf_prog1(struct __sk_buff *skb)
{
	int index = load_byte(skb, ETH_HLEN + offsetof(struct iphdr, protocol));
	long *value;

	if (skb->pkt_type != 0)
		return 0;
	if (load_half(skb, 12) != ETH_P_IP)
		return 0;
	value = bpf_map_lookup_elem(&my_map, &index);
	if (value)
		__sync_fetch_and_add(value, skb->len);
	int ihl = (load_byte(skb, ETH_HLEN) & 0xf) << 2;
	__u32 dport = load_half(skb, ETH_HLEN + ihl + 2);
	__u32 k2 = 128 + (dport & 0x7f);
	value = bpf_map_lookup_elem(&my_map, &k2);
	if (value)
		*value += 1;
	if ((load_word(skb, ETH_HLEN + offsetof(struct iphdr, daddr)) & 0xff) == 2)
		return skb->len;
	return 0;
}
char _license[] SEC("license") = "GPL";
