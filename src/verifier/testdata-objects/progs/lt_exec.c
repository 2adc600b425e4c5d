// libbpf-tools execsnoop-ish: tracepoint, per-CPU heap, perf buffer, const volatile filters
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>

#define TASK_COMM_LEN 16
#define ARGSIZE 64
#define MAXARGS 8
struct event {
	int pid;
	int ppid;
	unsigned int uid;
	int retval;
	int args_count;
	unsigned int args_size;
	char comm[TASK_COMM_LEN];
	char args[MAXARGS * ARGSIZE];
};
const volatile unsigned int targ_uid = (unsigned int)-1;
const volatile int max_args = MAXARGS;
const volatile bool ignore_failed = true;

struct { __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY); __uint(max_entries, 1); __type(key, u32); __type(value, struct event); } heap SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 10240); __type(key, pid_t); __type(value, struct event); } execs SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY); __uint(key_size, sizeof(u32)); __uint(value_size, sizeof(u32)); } events SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_execve")
int exec_enter(struct trace_event_raw_sys_enter *ctx)
{
	u64 id = bpf_get_current_pid_tgid();
	pid_t pid = (pid_t)id;
	u32 zero = 0;
	uid_t uid = (u32)bpf_get_current_uid_gid();
	if (targ_uid != (unsigned int)-1 && targ_uid != uid)
		return 0;
	struct event *e = bpf_map_lookup_elem(&heap, &zero);
	if (!e)
		return 0;
	e->pid = id >> 32;
	e->uid = uid;
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	e->ppid = BPF_CORE_READ(task, real_parent, tgid);
	e->args_count = 0;
	e->args_size = 0;
	const char **args = (const char **)(ctx->args[1]);
	const char *argp;
	int ret = bpf_probe_read_user_str(e->args, ARGSIZE, (const char *)ctx->args[0]);
	if (ret < 0)
		return 0;
	if (ret <= ARGSIZE)
		e->args_size += ret;
	for (int i = 1; i < MAXARGS && i < max_args; i++) {
		bpf_probe_read_user(&argp, sizeof(argp), &args[i]);
		if (!argp)
			break;
		if (e->args_size > (MAXARGS - 1) * ARGSIZE)
			break;
		ret = bpf_probe_read_user_str(&e->args[e->args_size], ARGSIZE, argp);
		if (ret < 0 || ret > ARGSIZE)
			break;
		e->args_count++;
		e->args_size += ret;
	}
	bpf_map_update_elem(&execs, &pid, e, BPF_ANY);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_execve")
int exec_exit(struct trace_event_raw_sys_exit *ctx)
{
	u64 id = bpf_get_current_pid_tgid();
	pid_t pid = (pid_t)id;
	int ret = ctx->ret;
	if (ignore_failed && ret < 0)
		goto cleanup;
	struct event *e = bpf_map_lookup_elem(&execs, &pid);
	if (!e)
		return 0;
	e->retval = ret;
	bpf_get_current_comm(&e->comm, sizeof(e->comm));
	size_t len = offsetof(struct event, args) + e->args_size;
	if (len <= sizeof(*e))
		bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, e, len);
cleanup:
	bpf_map_delete_elem(&execs, &pid);
	return 0;
}
char LICENSE[] SEC("license") = "GPL";
