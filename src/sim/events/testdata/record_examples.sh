#!/bin/sh
# Records whether the real kernel accepts each tracing example (examples/2x-*/prog.c) when
# compiled by clang-19 against this machine's vmlinux.h (bpftool btf dump) and libbpf's headers,
# loaded with `bpftool prog loadall` (maps created, CO-RE relocated, every program verified).
# Writes examples-kernel.golden.json beside this script, and keeps clang's objects in
# examples-clang/ when the kernel accepted them (examples.test.ts runs them through our ELF reader next to our compiler's).
# Needs root, clang-19, bpftool.
# Usage: sh src/sim/events/testdata/record_examples.sh   (from the repository root)
set -u
out=src/sim/events/testdata/examples-kernel.golden.json
tmp=$(mktemp -d)
bpftool btf dump file /sys/kernel/btf/vmlinux format c > "$tmp/vmlinux.h" || exit 2
kernel=$(uname -r)
printf '{\n  "kernel": "%s",\n  "compiler": "%s",\n  "examples": {\n' "$kernel" "$(clang-19 --version | head -1)" > "$out"
first=1
for f in examples/2[0-9]-*/prog.c examples/3[0-9]-*/prog.c; do
  [ -f "$f" ] || continue
  name=$(basename "$(dirname "$f")")
  o="$tmp/$name.o"
  pin=/sys/fs/bpf/pg_record_$$
  if ! clang-19 -target bpf -D__TARGET_ARCH_x86 -O2 -g -I"$tmp" -I/usr/include/$(uname -m)-linux-gnu -c "$f" -o "$o" 2> "$tmp/err"; then
    verdict=compile-error; progs=""; detail=$(head -1 "$tmp/err" | sed 's/"/\\"/g')
  else
    rm -rf "$pin"
    if bpftool -d prog loadall "$o" "$pin" > "$tmp/log" 2>&1; then
      verdict=accepted; progs=$(ls "$pin" | tr '\n' ' ' | sed 's/ $//'); detail=""
      mkdir -p src/sim/events/testdata/examples-clang
      cp "$o" "src/sim/events/testdata/examples-clang/$name.o"
    else
      verdict=rejected; progs=""
      detail=$(grep -E "BPF program load failed|^[0-9]+: |invalid|R[0-9]" "$tmp/log" | grep -v "^libbpf: prog '.*': relo" | head -1 | sed 's/"/\\"/g')
    fi
    rm -rf "$pin"
  fi
  [ $first = 1 ] || printf ',\n' >> "$out"
  first=0
  printf '    "%s": { "verdict": "%s", "programs": "%s", "detail": "%s" }' "$name" "$verdict" "$progs" "$detail" >> "$out"
done
printf '\n  }\n}\n' >> "$out"
rm -rf "$tmp"
cat "$out"
