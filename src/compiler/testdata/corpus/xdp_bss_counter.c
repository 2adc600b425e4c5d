// A global counter in .bss and a global config struct, as libbpf maps global data.
// @type: xdp
// @packet: udp 53
// @packet: tcp 80
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u64 packets = 0;
struct {
	__u32 last_len;
	__u32 max_len;
} stats;

SEC("xdp")
int bss_counter(struct xdp_md *ctx)
{
	__u32 len = ctx->data_end - ctx->data;

	packets++;
	stats.last_len = len;
	if (len > stats.max_len)
		stats.max_len = len;
	return packets & 1 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
