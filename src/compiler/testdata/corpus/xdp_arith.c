// Signed and unsigned arithmetic, shifts, division, ternaries and casts, results stored in a map.
// @type: xdp
// @packet: udp 53
// @packet: tcp 443
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __s64);
	__uint(max_entries, 16);
} out SEC(".maps");

static __always_inline void put(__u32 k, __s64 v)
{
	bpf_map_update_elem(&out, &k, &v, BPF_ANY);
}

SEC("xdp")
int arith(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);

	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	int ttl = ip->ttl;
	int neg = 3 - ttl;
	__u32 len = bpf_ntohs(ip->tot_len);
	__s8 small = (__s8)(ttl * 3);
	__u16 wrap = (__u16)(len * 1000);

	put(0, neg);
	put(1, (unsigned)neg / 5);
	put(2, (unsigned)neg % 7);
	put(3, neg >> 2);
	put(4, (unsigned)neg >> 2);
	put(5, small);
	put(6, wrap);
	put(7, len > 40 ? len - 40 : 40 - len);
	put(8, (long)len << 33);
	put(9, ~len);
	put(10, -(long)ttl);
	put(11, (ttl & 0x0f) | (len ^ 0x55) );
	put(12, len / 3 + len % 3);
	put(13, (__s64)(__s32)(len << 24));
	put(14, !ttl + !!len);
	put(15, ((__u64)ip->saddr * 2654435761u) >> 16);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
