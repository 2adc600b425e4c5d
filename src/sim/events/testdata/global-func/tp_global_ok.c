#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* global: verified on its own, from its prototype */
__noinline int pick(int x)
{
	return x * 3 + 1;
}

/* a bpf_loop callback: needs BTF func_info */
static int add_one(__u32 i, void *ctx)
{
	*(__u64 *)ctx += 1;
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_read")
int use_pick(void *ctx)
{
	__u64 n = 0;
	bpf_loop(4, add_one, &n, 0);
	return pick(n) & 3;
}

char LICENSE[] SEC("license") = "GPL";
