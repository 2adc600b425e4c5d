// @type: kprobe
/* __ksym externs: kfuncs (kernel functions a program may call, found by name in the kernel's BTF
   by libbpf) and bpf_ksym_exists() on __weak ones, which libbpf sets to 0 when the running kernel
   does not have them. bpf_rcu_read_lock/unlock are available to every program type. */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#ifndef bpf_ksym_exists /* libbpf >= 1.2 defines it; this machine's libbpf-dev is 1.1 */
#define bpf_ksym_exists(sym) ({ _Static_assert(!__builtin_constant_p(!!sym), #sym " should be marked as __weak"); !!sym; })
#endif

extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym __weak;
extern void bpf_not_a_kfunc(void) __ksym __weak;

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 2);
  __type(key, __u32);
  __type(value, __u64);
} seen SEC(".maps");

static __always_inline void record(__u32 k, __u64 v) {
  bpf_map_update_elem(&seen, &k, &v, BPF_ANY);
}

SEC("kprobe/do_unlinkat")
int kprobe_ksym_kfunc(void *ctx) {
  bpf_rcu_read_lock();
  if (bpf_ksym_exists(bpf_task_acquire))
    record(0, 1);
  if (bpf_ksym_exists(bpf_not_a_kfunc))
    record(1, 1);
  bpf_rcu_read_unlock();
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
