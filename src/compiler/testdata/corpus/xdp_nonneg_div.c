// Signed division that clang-19 compiles on its default CPU (no sdiv) because both operands are
// provably non-negative: a u16 widened to int, a loop counter counting up from 0, a masked value.
// @type: xdp
// @packet: udp 53
// @packet: tcp 80
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __s64);
	__uint(max_entries, 4);
} out SEC(".maps");

SEC("xdp")
int xdp_nonneg_div(struct xdp_md *ctx)
{
	unsigned short len16 = ctx->data_end - ctx->data;
	int len = len16;
	int s = 0;
	for (int i = 0; i < 16; i++) {
		if (i % 4 == 0)
			s += i / 2;
	}
	int m = (int)(ctx->rx_queue_index & 0xff) + 7;
	long z = (long)len * 1000 / (m + 1);
	__u32 k = 0;
	__s64 *v = bpf_map_lookup_elem(&out, &k);
	if (v)
		*v = len / 3 + len % 7 + s + z;
	k = 1;
	v = bpf_map_lookup_elem(&out, &k);
	if (v)
		*v = m % 5;
	return XDP_PASS;
}
char _license[] SEC("license") = "GPL";
