// task_struct walks with BPF_CORE_READ, probe reads, ringbuf output, ringbuf mistakes
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>

struct ev { u32 pid; u32 ppid; u64 start; char comm[16]; char pcomm[16]; };
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 256 * 1024); } rb SEC(".maps");
const volatile u32 min_pid = 0;

SEC("kprobe/do_exit")
int task_rb(struct pt_regs *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	u32 pid = BPF_CORE_READ(t, tgid);
	if (pid < min_pid)
		return 0;
	struct ev *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = pid;
	e->ppid = BPF_CORE_READ(t, real_parent, tgid);
	e->start = BPF_CORE_READ(t, start_time);
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	BPF_CORE_READ_STR_INTO(&e->pcomm, t, real_parent, comm);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("kprobe/do_exit")
int task_rb_leak(struct pt_regs *ctx)
{
	struct ev *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	if (e->pid == 1)
		return 0; /* leaks the reservation */
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("kprobe/do_exit")
int task_rb_output(struct pt_regs *ctx)
{
	struct ev e = {};
	e.pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(e.comm, sizeof(e.comm));
	bpf_ringbuf_output(&rb, &e, sizeof(e), 0);
	return 0;
}

SEC("kprobe/do_exit")
int task_rb_oob(struct pt_regs *ctx)
{
	struct ev *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return 0;
	__builtin_memset(e, 0, sizeof(*e));
	((char *)e)[sizeof(*e)] = 1; /* one past the reservation */
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("kprobe/do_exit")
int task_rb_unchecked(struct pt_regs *ctx)
{
	struct ev *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	e->pid = 1; /* no NULL check */
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("kprobe/do_exit")
int task_probe_read(struct pt_regs *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	struct mm_struct *mm;
	unsigned long arg_start = 0;
	char buf[32];
	bpf_probe_read_kernel(&mm, sizeof(mm), &t->mm);
	if (!mm)
		return 0;
	bpf_probe_read_kernel(&arg_start, sizeof(arg_start), &mm->arg_start);
	long n = bpf_probe_read_user_str(buf, sizeof(buf), (void *)arg_start);
	if (n > 0 && buf[0] == '/')
		return 1;
	return 0;
}
char LICENSE[] SEC("license") = "GPL";
