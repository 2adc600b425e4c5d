// Designated initialisers, struct copies, memset and nested structs on the stack.
// @type: xdp
// @packet: udp 53
// @packet: tcp 80
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>

struct addr_pair {
	__u32 a;
	__u32 b;
};

struct record {
	struct addr_pair addrs;
	__u16 len;
	__u8 proto;
	__u8 flags;
	__u32 pad[2];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct record);
	__uint(max_entries, 2);
} records SEC(".maps");

SEC("xdp")
int struct_init(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);
	struct record r = { .len = 7, .flags = 0x5a };
	struct record copy;
	__u32 key = 0;

	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	r.addrs.a = ip->saddr;
	r.addrs.b = ip->daddr;
	r.proto = ip->protocol;
	copy = r;
	copy.pad[1] = 0xdeadbeef;
	bpf_map_update_elem(&records, &key, &copy, BPF_ANY);
	__builtin_memset(&r, 0, sizeof(r));
	r.len = data_end - data;
	key = 1;
	bpf_map_update_elem(&records, &key, &r, BPF_ANY);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
