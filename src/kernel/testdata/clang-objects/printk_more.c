/* More bpf_printk / bpf_trace_printk / bpf_trace_vprintk / bpf_snprintf formats, as trace_pipe
 * shows them, and the formats the kernel refuses (-EINVAL, nothing printed): a lone '%' at the
 * end, %h, %#x, %n, unknown %p extensions, too many conversions for the arguments.
 * @run printk_more udp dport=4660
 */
#include "objs.h"
long long res[16];
char out[32];

#define TRY(i, s, ...) ({ static const char f[] = s; res[i] = bpf_trace_printk(f, sizeof(f), ##__VA_ARGS__); })

SEC("xdp")
int printk_more(struct xdp_md *ctx)
{
	__u8 v6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0xca, 0xfe, 0, 1 };
	__u8 v4[4] = { 127, 0, 0, 1 };
	static const char name[] = "eth0";
	TRY(0, "v6 %pI6", v6);
	TRY(1, "v6c %pi6", v6);
	TRY(2, "v4 %pI4 [%8s] [%-6s]", v4, name, name);
	TRY(3, "strs %pks %s.", name, (char *)0);
	TRY(4, "c [%3c] [%-3c] %c", 'x', 'y', 'z');
	TRY(5, "signs [%+d] [% d] [%+5d] [%-+5d]", 7, 7);
	TRY(6, "ends with %");
	TRY(7, "short %hd", 1);
	TRY(8, "alt %#x", 1);
	TRY(9, "n %n", 1);
	TRY(10, "p %pZ", 1);
	TRY(11, "lx %lx %llX %lu", 0xffffffffffULL, 0xabcdefULL, -1LL);
	TRY(12, "%d%%%d", 1, 2);
	res[13] = BPF_SNPRINTF(out, sizeof(out), "%d-%s-%x-%u-%c", 12, name, 255, 7, 'q');
	bpf_printk("vprintk %d %d %d %d %d", 1, 2, 3, 4, 5);
	bpf_printk("snprintf gave '%s'", out);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
