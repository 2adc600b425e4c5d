/* Copy of src/kernel/testdata/clang-objects/callbacks_errors.c (objs.h inlined) for the verifier's golden set. */
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
/* Callback helpers' error paths and hash iteration: bpf_loop with flags (-EINVAL) and more than
 * 1 << 23 iterations (-E2BIG), a callback stopping early; bpf_for_each_map_elem over a hash and a
 * percpu_array (this CPU's values), with flags (-EINVAL), a callback deleting what it visits.
 * @run callbacks_errors udp dport=1
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} hh SEC(".maps");
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 3);
	__type(key, __u32);
	__type(value, __u64);
} pc SEC(".maps");
long long res[12];

static long count(__u64 i, __u64 *n)
{
	*n += 1;
	return 0;
}

static long sum_hash(void *map, __u32 *key, __u64 *val, __u64 *acc)
{
	*acc += *key * 1000 + *val;
	if (*key == 2)
		bpf_map_delete_elem(map, key);
	return 0;
}

static long sum_pc(void *map, __u32 *key, __u64 *val, __u64 *acc)
{
	*val += *key + 1;
	*acc += *val;
	return 0;
}

SEC("xdp")
int callbacks_errors(struct xdp_md *ctx)
{
	__u64 n = 0;
	res[0] = bpf_loop(3, count, &n, 1);
	res[1] = bpf_loop((1 << 23) + 1, count, &n, 0);
	res[2] = bpf_loop(0, count, &n, 0);
	res[3] = n;
	for (__u32 i = 1; i <= 4; i++) {
		__u32 k = i;
		__u64 v = i * 10;
		bpf_map_update_elem(&hh, &k, &v, BPF_ANY);
	}
	__u64 acc = 0;
	res[4] = bpf_for_each_map_elem(&hh, sum_hash, &acc, 0);
	res[5] = acc;
	res[6] = bpf_for_each_map_elem(&hh, sum_hash, &acc, 1);
	__u32 two = 2;
	res[7] = bpf_map_lookup_elem(&hh, &two) == 0;
	acc = 0;
	res[8] = bpf_for_each_map_elem(&pc, sum_pc, &acc, 0);
	res[9] = acc;
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
