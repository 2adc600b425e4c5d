// fentry: do_unlinkat's struct filename *, read directly from the typed argument.
// @type: tracing
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("fentry/do_unlinkat")
int BPF_PROG(unlink_entry, int dfd, struct filename *name)
{
	pid_t pid = bpf_get_current_pid_tgid() >> 32;
	const char *filename = name->name;

	bpf_printk("fentry: pid = %d, filename = %s\n", pid, filename);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
