/* Redirect targets: bpf_redirect_map on an empty devmap / xskmap slot returns the fallback
 * action in the low bits of flags; a key past max_entries too; lookups of empty slots are NULL.
 * @run redirect udp dport=1
 */
#include "objs.h"
struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} devs SEC(".maps");
struct {
	__uint(type, BPF_MAP_TYPE_XSKMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} xsks SEC(".maps");
long long res[8];

SEC("xdp")
int redirect(struct xdp_md *ctx)
{
	res[0] = bpf_redirect_map(&devs, 1, XDP_DROP);
	res[1] = bpf_redirect_map(&devs, 9, XDP_TX);
	res[2] = bpf_redirect_map(&xsks, 0, XDP_PASS);
	__u32 k = 0;
	res[3] = bpf_map_lookup_elem(&devs, &k) == 0;
	res[4] = bpf_map_lookup_elem(&xsks, &k) == 0;
	return bpf_redirect_map(&devs, 2, XDP_PASS);
}
char LICENSE[] SEC("license") = "GPL";
