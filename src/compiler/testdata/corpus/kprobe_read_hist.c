// libbpf-tools style histogram (like biolatency/funclatency): log2 buckets of vfs_read sizes per
// command, with maps.bpf.h's bpf_map_lookup_or_try_init and bits.bpf.h's log2l.
// @type: kprobe
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "maps.bpf.h"
#include "bits.bpf.h"

#define MAX_SLOTS 27
#define TASK_COMM_LEN 16

struct hist_key {
	char comm[TASK_COMM_LEN];
};

struct hist {
	u32 slots[MAX_SLOTS];
};

const volatile pid_t targ_tgid = 0;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct hist_key);
	__type(value, struct hist);
} hists SEC(".maps");

static struct hist initial_hist;

SEC("kprobe/vfs_read")
int BPF_KPROBE(vfs_read_entry, struct file *file, char *buf, size_t count)
{
	struct hist_key key = {};
	struct hist *histp;
	u64 slot;

	if (targ_tgid && targ_tgid != bpf_get_current_pid_tgid() >> 32)
		return 0;
	bpf_get_current_comm(&key.comm, sizeof(key.comm));
	histp = bpf_map_lookup_or_try_init(&hists, &key, &initial_hist);
	if (!histp)
		return 0;
	slot = log2l(count);
	if (slot >= MAX_SLOTS)
		slot = MAX_SLOTS - 1;
	__sync_fetch_and_add(&histp->slots[slot], 1);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
