// libbpf-tools style configuration knobs in .rodata (const volatile, set before load): the
// loader freezes .rodata, so the verifier reads the knobs as constants and never walks the
// branches they rule out — here one that would read past the packet end is accepted because
// `strict` is 0, and `limit` bounds the loop.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

const volatile int strict = 0;
const volatile unsigned char limit = 4;
const volatile long long big = -2;

SEC("xdp")
int rodata_knobs(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	int sum = 0;
	if (strict)
		return data[100]; /* never bounds-checked: only safe because strict is known to be 0 */
	if (data + 16 > end)
		return XDP_PASS;
	for (int i = 0; i < limit; i++)
		sum += data[i];
	if (big < 0)
		sum += 1;
	return sum > 1000 ? XDP_DROP : XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
