#!/bin/sh
# Build snprintf_formats.o and ask the running kernel's verifier about each program (root):
# writes snprintf_formats.golden.json (program → accepted, the error line). Facts only.
set -e
cd "$(dirname "$0")"
clang-19 -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -fdebug-prefix-map="$PWD"=. -c snprintf_formats.c -o snprintf_formats.o
ORACLE=../../../../../shared/tools/kernel_oracle.py
{
  echo '{"note": "recorded by record.sh: kernel_oracle.py verify --prog NAME of snprintf_formats.o; do not edit", "results": {'
  first=1
  for p in $(llvm-readelf-19 -s snprintf_formats.o | awk '$4 == "FUNC" && $5 == "GLOBAL" {print $8}'); do
    [ $first = 1 ] || echo ','
    first=0
    printf '"%s": ' "$p"
    python3 $ORACLE verify snprintf_formats.o --prog "$p" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(json.dumps({"accepted": r["accepted"], "error": r.get("error")}))' | tr -d '\n'
  done
  echo '}}'
} > snprintf_formats.golden.json
python3 -m json.tool snprintf_formats.golden.json > /dev/null
