// Lesson 11: tail calls. Jump to the program in slot 0 of `progs`; if the slot is empty,
// the call falls through and the program goes on.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} progs SEC(".maps");

SEC("xdp")
int dispatch(struct xdp_md *ctx)
{
	bpf_tail_call(ctx, &progs, 0);
	// only reached when slot 0 is empty
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
