// @type: kprobe
/* CO-RE on enums and types: bpf_core_enum_value(_exists) relocate an enumerator of a kernel enum
   (libbpf looks it up by name in the running kernel's BTF), bpf_core_type_exists/size/matches a
   type, bpf_core_type_id_local/kernel a BTF type id (kernel: the id in vmlinux BTF). */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 8);
  __type(key, __u32);
  __type(value, __u64);
} seen SEC(".maps");

static __always_inline void record(__u32 k, __u64 v) {
  bpf_map_update_elem(&seen, &k, &v, BPF_ANY);
}

SEC("kprobe/do_unlinkat")
int kprobe_core_enum(void *ctx) {
  record(0, bpf_core_enum_value(enum bpf_map_type, BPF_MAP_TYPE_RINGBUF));
  record(1, bpf_core_enum_value_exists(enum bpf_map_type, BPF_MAP_TYPE_ARENA));
  if (bpf_core_enum_value_exists(enum bpf_map_type, BPF_MAP_TYPE_USER_RINGBUF))
    record(2, bpf_core_enum_value(enum bpf_map_type, BPF_MAP_TYPE_USER_RINGBUF));
  record(3, bpf_core_type_exists(struct task_struct));
  record(4, bpf_core_type_size(struct task_struct));
  record(5, bpf_core_type_matches(struct sk_buff));
  record(6, bpf_core_type_id_kernel(struct task_struct));
  record(7, bpf_core_type_id_local(struct task_struct));
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
