/* Copy of src/kernel/testdata/clang-objects/callbacks.c (objs.h inlined) for the verifier's golden set. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* Results: each test writes helper return codes into res[] (a .bss array). */
#define PUT(i, v) (res[(i)] = (long long)(v))
/* Callbacks: bpf_loop and bpf_for_each_map_elem with static callback functions (their addresses
 * are ld_imm64 with R_BPF_64_64 relocations against .text, BPF_PSEUDO_FUNC for the kernel).
 * @run callbacks udp dport=1
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 5);
	__type(key, __u32);
	__type(value, __u64);
} vals SEC(".maps");
long long res[4];

struct acc {
	__u64 sum;
	__u32 stop;
};

static long step(__u64 i, struct acc *a)
{
	a->sum += i * i;
	return i == a->stop ? 1 : 0;
}

static long visit(void *map, __u32 *key, __u64 *val, struct acc *a)
{
	*val = *key * 3;
	a->sum += *val;
	return *key == 3;
}

SEC("xdp")
int callbacks(struct xdp_md *ctx)
{
	struct acc a = { .sum = 0, .stop = 6 };
	res[0] = bpf_loop(10, step, &a, 0);
	res[1] = a.sum;
	a.sum = 0;
	res[2] = bpf_for_each_map_elem(&vals, visit, &a, 0);
	res[3] = a.sum;
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
