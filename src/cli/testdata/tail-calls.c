/* Tail calls through a prog_array filled from the object (`__array(values, ...)`), a .c with
 * several programs: `run tail-calls.c --prog dispatch` loads the whole object as libbpf does.
 * Slot 0 jumps to to_drop, slot 1 to to_tx; slot 2 is empty (the call falls through).
 * The dispatcher picks the slot from the packet's IP TTL byte modulo 4.
 * Kernel results (clang-19 of this file, bpftool prog loadall + prog run): tail-calls.kernel.json.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int to_drop(struct xdp_md *ctx)
{
	return XDP_DROP;
}

SEC("xdp")
int to_tx(struct xdp_md *ctx)
{
	return XDP_TX;
}

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, int (void *));
} jmp SEC(".maps") = {
	.values = {
		[0] = (void *)&to_drop,
		[1] = (void *)&to_tx,
	},
};

SEC("xdp")
int dispatch(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	unsigned char *ttl = data + 14 + 8;
	if ((void *)(ttl + 1) > end)
		return XDP_ABORTED;
	bpf_tail_call(ctx, &jmp, *ttl & 3);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
