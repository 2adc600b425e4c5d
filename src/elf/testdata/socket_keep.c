#include "common.h"
SEC("socket")
int socket_keep(struct __sk_buff *skb)
{
	if (skb->len > 100)
		return 64;
	return skb->len;
}
char LICENSE[] SEC("license") = "GPL";
