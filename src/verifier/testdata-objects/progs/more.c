// more shapes: jmp32/w-register arithmetic, spilled packet pointers across helper calls, socket
// filter, perf_event, raw_tracepoint, uprobe, may_goto via inline asm, signed compares
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>

struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 1024); __type(key, u32); __type(value, u64); } cnt SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_STACK_TRACE); __uint(max_entries, 1024); __uint(key_size, sizeof(u32)); __uint(value_size, 127 * sizeof(u64)); } stacks SEC(".maps");
struct skey { u32 pid; int kstack; int ustack; char comm[16]; };
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 1024); __type(key, struct skey); __type(value, u64); } prof SEC(".maps");
const volatile bool user_only = false;

SEC("perf_event")
int profile(struct bpf_perf_event_data *ctx)
{
	struct skey k = {};
	k.pid = bpf_get_current_pid_tgid() >> 32;
	if (k.pid == 0)
		return 0;
	bpf_get_current_comm(&k.comm, sizeof(k.comm));
	k.kstack = user_only ? -1 : bpf_get_stackid(ctx, &stacks, 0);
	k.ustack = bpf_get_stackid(ctx, &stacks, BPF_F_USER_STACK);
	u64 *v = bpf_map_lookup_elem(&prof, &k);
	if (v) {
		__sync_fetch_and_add(v, 1);
	} else {
		u64 one = 1;
		bpf_map_update_elem(&prof, &k, &one, BPF_NOEXIST);
	}
	if (ctx->sample_period > 1000000)
		return 1;
	return 0;
}

SEC("raw_tracepoint/sched_switch")
int rawtp_switch(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *prev = (struct task_struct *)ctx->args[1];
	struct task_struct *next = (struct task_struct *)ctx->args[2];
	u32 ppid = BPF_CORE_READ(prev, pid);
	u32 npid = BPF_CORE_READ(next, pid);
	u64 *v = bpf_map_lookup_elem(&cnt, &npid);
	if (v)
		*v += ppid != npid;
	return 0;
}

SEC("uprobe")
int BPF_KPROBE(uprobe_readline, const char *buf)
{
	char line[32];
	long n = bpf_probe_read_user_str(line, sizeof(line), buf);
	if (n <= 1)
		return 0;
	u32 k = (u32)line[0];
	u64 *v = bpf_map_lookup_elem(&cnt, &k);
	if (v)
		__sync_fetch_and_add(v, n);
	return 0;
}

SEC("socket")
int sock_jmp32(struct __sk_buff *skb)
{
	u32 len = skb->len;
	u32 proto = skb->protocol;
	int x = (int)len - 60;
	if (x < 0)
		return 0;
	u32 h = (len * 2654435761u) >> 20;
	if ((s32)h > 1000)
		h = 1000;
	u32 k = h & 1023;
	u64 *v = bpf_map_lookup_elem(&cnt, &k);
	if (v)
		*v += proto;
	return x > 1400 ? 0 : -1;
}

SEC("xdp")
int pkt_spill_helper(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	if (data + 20 > end)
		return XDP_PASS;
	u32 k = data[0];
	u64 *v = bpf_map_lookup_elem(&cnt, &k); /* data/end survive in callee-saved registers */
	u64 t = bpf_ktime_get_ns();
	if (v)
		*v = t + data[19];
	return data[1] == 7 ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
int pkt_after_adjust(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	if (data + 20 > end)
		return XDP_PASS;
	if (bpf_xdp_adjust_head(ctx, 4))
		return XDP_ABORTED;
	return data[4] ? XDP_DROP : XDP_PASS; /* stale after adjust_head */
}

SEC("xdp")
int signed_cmp(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	if (data + 8 > end)
		return XDP_PASS;
	int off = *(short *)data;
	if (off < 0 || off > 7)
		return XDP_PASS;
	if (data + off + 1 > end)
		return XDP_PASS;
	return data[off] == 1 ? XDP_DROP : XDP_PASS;
}

/* mistake: signed-only bound, negative offsets still possible */
SEC("xdp")
int signed_cmp_bad(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	if (data + 16 > end)
		return XDP_PASS;
	int off = *(short *)data;
	if (off > 7)
		return XDP_PASS;
	return data[off + 8] == 1 ? XDP_DROP : XDP_PASS;
}

/* mistake: kprobe writes to its context */
SEC("kprobe/do_sys_openat2")
int kprobe_ctx_write(struct pt_regs *ctx)
{
	ctx->di = 0;
	return 0;
}

/* mistake: tail-call-free bpf_loop with a non-constant flags argument */
static long cb2(u32 i, void *c) { return 0; }
SEC("xdp")
int loop_bad_flags(struct xdp_md *ctx)
{
	bpf_loop(8, cb2, 0, ctx->rx_queue_index);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
