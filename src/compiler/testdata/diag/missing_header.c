#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/nope.h>
