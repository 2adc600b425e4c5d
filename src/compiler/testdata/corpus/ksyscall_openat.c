// BPF_KSYSCALL: the openat(2) arguments through the syscall wrapper's pt_regs; print the path.
// @type: kprobe
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

const volatile pid_t target_pid = 0;

SEC("ksyscall/openat")
int BPF_KSYSCALL(openat_entry, int dfd, const char *pathname, int flags)
{
	char path[64];
	pid_t pid = bpf_get_current_pid_tgid() >> 32;

	if (target_pid && pid != target_pid)
		return 0;
	if (bpf_probe_read_user_str(path, sizeof(path), pathname) < 0)
		return 0;
	bpf_printk("openat(%d, %s, %x)", dfd, path, flags);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
