#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* global: the caller learns only "some int" */
__noinline int pick(int x)
{
	return x & 1 ? 2 : 1;
}

SEC("tracepoint/syscalls/sys_enter_read")
int use_pick(void *ctx)
{
	volatile char buf[4] = { 1, 2, 3, 4 };
	unsigned int i = pick(bpf_get_smp_processor_id());
	return buf[i];
}

char LICENSE[] SEC("license") = "GPL";
