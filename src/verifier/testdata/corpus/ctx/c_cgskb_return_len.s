# @type: cgroup_skb
# @desc: clang cgroup skb: returning skb->len (a socket-filter habit) is out of the [0, 1] range
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("cgroup_skb/egress") int prog(struct __sk_buff *skb) {
#     return skb->len;
#   }
prog:
	w0 = *(u32 *)(r1 + 0)
	exit
