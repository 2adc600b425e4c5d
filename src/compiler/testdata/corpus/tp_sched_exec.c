// Tracepoint sched_process_exec: the filename lives at a __data_loc offset inside the record.
// @type: tracepoint
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct exec_event {
	pid_t pid;
	pid_t old_pid;
	char filename[64];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(u32));
} execs SEC(".maps");

SEC("tracepoint/sched/sched_process_exec")
int on_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	struct exec_event e = {};
	unsigned int off = ctx->__data_loc_filename & 0xffff;

	e.pid = ctx->pid;
	e.old_pid = ctx->old_pid;
	bpf_probe_read_kernel_str(e.filename, sizeof(e.filename), (void *)ctx + off);
	bpf_perf_event_output(ctx, &execs, BPF_F_CURRENT_CPU, &e, sizeof(e));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
