// LSM hook bprm_check_security: copy the program path being executed into a ring buffer.
// @type: lsm
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096 * 4);
} execs SEC(".maps");

SEC("lsm/bprm_check_security")
int BPF_PROG(bprm_check, struct linux_binprm *bprm, int ret)
{
	char *buf;

	if (ret != 0)
		return ret;
	buf = bpf_ringbuf_reserve(&execs, 128, 0);
	if (!buf)
		return 0;
	bpf_probe_read_kernel_str(buf, 128, bprm->filename);
	bpf_ringbuf_submit(buf, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
