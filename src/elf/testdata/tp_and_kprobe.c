#include "common.h"
__u64 events_seen;

static __noinline void note(__u64 n)
{
	events_seen += n;
}

SEC("tp/sched/sched_switch")
int on_switch(void *ctx)
{
	note(1);
	return 0;
}

SEC("kretprobe/do_sys_openat2")
int on_open_ret(void *ctx)
{
	note(2);
	return 0;
}
char LICENSE[] SEC("license") = "GPL";
