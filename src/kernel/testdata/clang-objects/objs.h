/* Shared includes of the loader corpus (src/kernel/testdata/clang-objects). */
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
