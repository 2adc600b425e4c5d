/* bpf_printk formats as trace_pipe shows them: integers of every size and sign, %x/%X, width and
 * flags, %c, %s, %pI4/%pi4/%pI6 of packet bytes, %% — and bpf_trace_vprintk for more than three
 * arguments; a format the kernel refuses returns -EINVAL and prints nothing.
 * @run printk udp dport=4660
 */
#include "objs.h"
long long res[4];

SEC("xdp")
int printk(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);
	if ((void *)(ip + 1) > end)
		return XDP_ABORTED;
	int neg = -42;
	__u64 big = 0x123456789abcdefULL;
	bpf_printk("int %d %i %u", neg, 7, neg);
	bpf_printk("long %ld %llu %llx", (long)neg, big, big);
	bpf_printk("hex %x %X %08x", 0xbeef, 0xbeef, 0x1f);
	bpf_printk("pad [%5d] [%-5d] [%05d]", 42, 42, 42);
	bpf_printk("chr %c%c 100%%", 'o', 'k');
	bpf_printk("ip %pI4 %pi4", &ip->saddr, &ip->daddr);
	bpf_printk("four %d %d %d %d", 1, 2, 3, 4);
	static const char bad[] = "bad %q";
	res[0] = bpf_trace_printk(bad, sizeof(bad), 1);
	static const char prec[] = "prec %.2d";
	res[1] = bpf_trace_printk(prec, sizeof(prec), 1);
	static const char ok[] = "ok %d";
	res[2] = bpf_trace_printk(ok, sizeof(ok), 5);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
