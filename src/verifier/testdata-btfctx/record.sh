#!/bin/sh
# Record the kernel facts of testdata-btfctx (root, Linux 6.18): the verifier log of
# task_stack_probe.c and its JIT image, from which jit_facts.py reads which loads became
# BPF_PROBE_MEM. Needs clang-19, llvm-mc-19 and /work/shared/tools/kernel_oracle.py.
set -e
cd "$(dirname "$0")"
bpftool btf dump file /sys/kernel/btf/vmlinux format c > /tmp/vmlinux.h
clang-19 -target bpf -O2 -g -I/tmp -c task_stack_probe.c -o /tmp/task_stack_probe.o
python3 jit_facts.py /tmp/task_stack_probe.o > task_stack_probe.golden.json
