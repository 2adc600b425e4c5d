/* String literals in .rodata.str1.1 (clang's mergeable strings), printed with bpf_printk's %s
 * and used as a bpf_strncmp operand; the trace_pipe lines are the kernel's.
 * @run strings udp dport=5
 */
#include "objs.h"
long long res[4];
static const char greeting[] = "hello";

SEC("xdp")
int strings(struct xdp_md *ctx)
{
	const char *who = "world";
	char buf[8] = "hellp";
	bpf_printk("%s, %s!", greeting, who);
	res[0] = bpf_strncmp(buf, 6, "hello");
	res[1] = bpf_strncmp(buf, 4, "hello");
	bpf_printk("len=%u", ctx->data_end - ctx->data);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
