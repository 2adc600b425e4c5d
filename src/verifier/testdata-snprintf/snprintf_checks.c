/* bpf_snprintf's fmt argument as the 6.18 verifier checks it at load time: a constant address in a
 * frozen read-only map (.rodata), zero-terminated inside the map value, a valid format for the
 * number of arguments (data_len / 8). One program per case; record.py loads each with --prog. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char out[64];
char wfmt[8] = "%d";                         /* .data: writable, not a read-only map */
const char noz[4] SEC(".rodata.noz") = { 'a', 'b', 'c', 'd' }; /* a .rodata map of its own, no NUL */
static const char fmts[2][8] = { "%d", "%q" };

SEC("xdp") int ok_const(struct xdp_md *ctx)
{
	static const char fmt[] = "len %d, %s";
	unsigned long long args[] = { 7, 0 };
	return bpf_snprintf(out, sizeof(out), fmt, args, sizeof(args)) < 0;
}

SEC("xdp") int bad_format(struct xdp_md *ctx)
{
	static const char fmt[] = "%d %d %d";
	unsigned long long args[] = { 1, 2 };
	return bpf_snprintf(out, sizeof(out), fmt, args, sizeof(args)) < 0;
}

SEC("xdp") int bad_writable_map(struct xdp_md *ctx)
{
	unsigned long long args[] = { 1 };
	return bpf_snprintf(out, sizeof(out), wfmt, args, sizeof(args)) < 0;
}

SEC("xdp") int bad_not_terminated(struct xdp_md *ctx)
{
	return bpf_snprintf(out, sizeof(out), (const char *)noz, 0, 0) < 0;
}

SEC("xdp") int bad_variable_offset(struct xdp_md *ctx)
{
	unsigned long long args[] = { 1 };
	return bpf_snprintf(out, sizeof(out), fmts[ctx->rx_queue_index & 1], args, sizeof(args)) < 0;
}

SEC("xdp") int ok_second_string(struct xdp_md *ctx)
{
	unsigned long long args[] = { 1 };
	return bpf_snprintf(out, sizeof(out), fmts[0], args, sizeof(args)) < 0;
}

SEC("xdp") int bad_second_string(struct xdp_md *ctx)
{
	unsigned long long args[] = { 1 };
	return bpf_snprintf(out, sizeof(out), fmts[1], args, sizeof(args)) < 0;
}

char LICENSE[] SEC("license") = "GPL";
