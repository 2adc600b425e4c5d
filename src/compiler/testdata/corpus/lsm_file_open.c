// LSM hook file_open: deny opening one inode number (set from user space), log the rest.
// @type: lsm
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#define EPERM 1

const volatile unsigned long blocked_ino = 0;

SEC("lsm/file_open")
int BPF_PROG(check_open, struct file *file)
{
	unsigned long ino = file->f_inode->i_ino;

	if (blocked_ino && ino == blocked_ino)
		return -EPERM;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
