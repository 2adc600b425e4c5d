// libbpf-tools biolatency/runqlat-ish: struct keys, log2 histograms, per-CPU arrays, kprobes
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>

#define MAX_SLOTS 27
struct hist_key { u32 pid; u32 cpu; char comm[16]; };
struct hist { u32 slots[MAX_SLOTS]; char comm[16]; };
const volatile bool targ_per_process = false;
const volatile bool targ_ms = false;
const volatile pid_t targ_tgid = 0;

struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 10240); __type(key, u32); __type(value, u64); } start SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 10240); __type(key, struct hist_key); __type(value, struct hist); } hists SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY); __uint(max_entries, MAX_SLOTS); __type(key, u32); __type(value, u64); } pcpu_hist SEC(".maps");

static struct hist initial_hist;

static __always_inline u64 log2(u32 v)
{
	u32 shift, r;
	r = (v > 0xFFFF) << 4; v >>= r;
	shift = (v > 0xFF) << 3; v >>= shift; r |= shift;
	shift = (v > 0xF) << 2; v >>= shift; r |= shift;
	shift = (v > 0x3) << 1; v >>= shift; r |= shift;
	r |= (v >> 1);
	return r;
}
static __always_inline u64 log2l(u64 v)
{
	u32 hi = v >> 32;
	if (hi)
		return log2(hi) + 32;
	else
		return log2(v);
}

SEC("kprobe/vfs_read")
int BPF_KPROBE(lat_enter, struct file *file)
{
	u64 id = bpf_get_current_pid_tgid();
	u32 tid = id;
	u64 ts = bpf_ktime_get_ns();
	if (targ_tgid && targ_tgid != (id >> 32))
		return 0;
	bpf_map_update_elem(&start, &tid, &ts, BPF_ANY);
	return 0;
}

SEC("kretprobe/vfs_read")
int BPF_KRETPROBE(lat_exit, long ret)
{
	u64 id = bpf_get_current_pid_tgid();
	u32 tid = id;
	struct hist_key hkey = {};
	struct hist *histp;
	u64 *tsp, slot;
	s64 delta;
	tsp = bpf_map_lookup_elem(&start, &tid);
	if (!tsp)
		return 0;
	delta = bpf_ktime_get_ns() - *tsp;
	if (delta < 0)
		goto cleanup;
	if (targ_per_process) {
		hkey.pid = id >> 32;
		bpf_get_current_comm(&hkey.comm, sizeof(hkey.comm));
	}
	hkey.cpu = bpf_get_smp_processor_id();
	histp = bpf_map_lookup_elem(&hists, &hkey);
	if (!histp) {
		bpf_map_update_elem(&hists, &hkey, &initial_hist, BPF_NOEXIST);
		histp = bpf_map_lookup_elem(&hists, &hkey);
		if (!histp)
			goto cleanup;
	}
	if (targ_ms)
		delta /= 1000000U;
	else
		delta /= 1000U;
	slot = log2l(delta);
	if (slot >= MAX_SLOTS)
		slot = MAX_SLOTS - 1;
	__sync_fetch_and_add(&histp->slots[slot], 1);
cleanup:
	bpf_map_delete_elem(&start, &tid);
	return 0;
}

SEC("kprobe/vfs_write")
int pcpu_count(struct pt_regs *ctx)
{
	u64 n = PT_REGS_PARM3(ctx);
	u32 slot = log2l(n);
	if (slot >= MAX_SLOTS)
		return 0;
	u64 *v = bpf_map_lookup_elem(&pcpu_hist, &slot);
	if (v)
		*v += 1;
	return 0;
}

/* mistake: the histogram slot is not clamped before indexing */
SEC("kprobe/vfs_fsync")
int hist_unclamped(struct pt_regs *ctx)
{
	struct hist_key hkey = {};
	hkey.cpu = bpf_get_smp_processor_id();
	struct hist *h = bpf_map_lookup_elem(&hists, &hkey);
	if (!h)
		return 0;
	u64 slot = log2l(PT_REGS_PARM2(ctx));
	h->slots[slot] += 1;
	return 0;
}
char LICENSE[] SEC("license") = "GPL";
