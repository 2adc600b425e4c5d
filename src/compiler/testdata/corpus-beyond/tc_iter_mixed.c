// Newer program kinds in one object: TCX_* verdicts (from the generated linux/bpf.h), xdp.frags with
// bpf_xdp_get_buff_len, an iter/task program printing with BPF_SEQ_PRINTF (struct bpf_iter__task from
// vmlinux.h), and BPF_CORE_READ_STR_INTO from bpf_get_current_task_btf().
// @type: sched_cls
// @packet: udp 5001
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

SEC("tc")
int tcx_in(struct __sk_buff *skb)
{
	return skb->len > 1000 ? TCX_DROP : TCX_NEXT;
}

SEC("xdp.frags")
int xdp_frags(struct xdp_md *ctx)
{
	return bpf_xdp_get_buff_len(ctx) > 2000 ? XDP_DROP : XDP_PASS;
}

SEC("iter/task")
int dump_task(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *task = ctx->task;
	if (!task)
		return 0;
	BPF_SEQ_PRINTF(seq, "%d %s\n", task->pid, task->comm);
	return 0;
}

SEC("kprobe/do_nanosleep")
int BPF_KPROBE(ns, struct hrtimer_sleeper *t)
{
	char comm[16];
	BPF_CORE_READ_STR_INTO(&comm, bpf_get_current_task_btf(), comm);
	bpf_printk("%s", comm);
	return 0;
}
char LICENSE[] SEC("license") = "GPL";
