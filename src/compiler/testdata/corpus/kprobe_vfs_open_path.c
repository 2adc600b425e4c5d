// kprobe with a CO-RE chain through embedded structs: file->f_path.dentry->d_name.name.
// @type: kprobe
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

SEC("kprobe/vfs_read")
int BPF_KPROBE(vfs_read_entry, struct file *file, char *buf, size_t count)
{
	const unsigned char *name;
	char comm[16], fname[32];
	unsigned long ino;

	if (count < 4096)
		return 0;
	name = BPF_CORE_READ(file, f_path.dentry, d_name.name);
	ino = BPF_CORE_READ(file, f_inode, i_ino);
	bpf_get_current_comm(comm, sizeof(comm));
	bpf_probe_read_kernel_str(fname, sizeof(fname), name);
	bpf_printk("%s read %s (ino %lu)", comm, fname, ino);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
