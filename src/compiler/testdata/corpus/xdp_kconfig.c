// @type: xdp
// @packet: udp 53
// @packet: tcp 80
/* __kconfig externs: libbpf fills a read-only .kconfig map from the running kernel's config
   (/proc/config.gz) and its own virtual LINUX_* values; the program records what it sees. */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern int CONFIG_HZ __kconfig;
extern bool CONFIG_BPF_JIT __kconfig __weak;
extern bool CONFIG_SMP __kconfig __weak;
extern bool CONFIG_BPF_KPROBE_OVERRIDE __kconfig __weak; /* not set on this kernel: 0 */
extern enum libbpf_tristate CONFIG_BPF_EVENTS __kconfig __weak;
extern enum libbpf_tristate CONFIG_PREEMPT __kconfig __weak;
extern char CONFIG_DEFAULT_HOSTNAME[8] __kconfig __weak;
extern unsigned long long CONFIG_NR_CPUS __kconfig __weak;

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 12);
  __type(key, __u32);
  __type(value, __u64);
} seen SEC(".maps");

static __always_inline void record(__u32 k, __u64 v) {
  bpf_map_update_elem(&seen, &k, &v, BPF_ANY);
}

SEC("xdp")
int xdp_kconfig(struct xdp_md *ctx) {
  record(0, LINUX_KERNEL_VERSION);
  record(1, CONFIG_HZ);
  record(2, CONFIG_BPF_JIT);
  record(3, CONFIG_SMP);
  record(4, CONFIG_BPF_KPROBE_OVERRIDE);
  record(5, CONFIG_BPF_EVENTS);
  record(6, CONFIG_PREEMPT);
  record(7, CONFIG_DEFAULT_HOSTNAME[1]);
  record(8, CONFIG_NR_CPUS);
  if (LINUX_KERNEL_VERSION >= KERNEL_VERSION(6, 1, 0) && CONFIG_BPF_EVENTS == TRI_YES)
    record(9, 1);
  /* a jiffies-per-second value the verifier knows (the map is frozen): 250 here */
  return CONFIG_HZ > 100 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
