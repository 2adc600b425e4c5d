#include "common.h"
char msg[16] = "hello";       /* .data */
const char greeting[] = "hi"; /* .rodata */

SEC("xdp")
int xdp_strings(struct xdp_md *ctx)
{
	bpf_printk("%s %s", msg, greeting);
	return msg[0] == 'h' && greeting[1] == 'i' ? XDP_PASS : XDP_DROP;
}
char LICENSE[] SEC("license") = "GPL";
