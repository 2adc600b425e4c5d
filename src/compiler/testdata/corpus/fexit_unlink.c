// fexit: arguments and the return value of do_unlinkat; failures counted in .bss.
// @type: tracing
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

u64 failures = 0;
u64 successes = 0;

SEC("fexit/do_unlinkat")
int BPF_PROG(unlink_exit, int dfd, struct filename *name, long ret)
{
	if (ret != 0) {
		__sync_fetch_and_add(&failures, 1);
		bpf_printk("unlink %s failed: %ld", name->name, ret);
	} else {
		__sync_fetch_and_add(&successes, 1);
	}
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
