/* .data, .rodata and .bss globals, static and global, read and written by a program run twice
 * (the .bss counter and the .data value persist between runs; .rodata is read-only).
 * @run globals udp dport=1
 * @run globals udp dport=2
 */
#include "objs.h"
const volatile __u32 limit = 3;
const __u64 table[4] = { 11, 22, 33, 44 };
__u64 seed = 0x1234;
static __u32 calls;
__u32 last_len;
long long res[4];

SEC("xdp")
int globals(struct xdp_md *ctx)
{
	calls++;
	last_len = ctx->data_end - ctx->data;
	seed = seed * 3 + table[calls & 3];
	res[0] = calls;
	res[1] = seed;
	res[2] = limit;
	return calls > limit ? XDP_DROP : XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
