#!/bin/sh
# Re-record every kernel golden in this folder from the running kernel (needs root and a Linux
# with bpf(); the files name the kernel release they were taken on). Run from the repo root:
#   sh src/kernel/testdata/record.sh
# then review the diffs: a changed line is the kernel disagreeing with the previous recording.
set -e
D=src/kernel/testdata
V=6.18
python3 $D/probe_helpers.py > $D/helper-probe-$V.txt
python3 $D/probe_ctx.py > $D/ctx-probe-$V.txt
python3 $D/probe_retcode.py > $D/retcode-probe-$V.txt
python3 $D/probe_maps.py > $D/map-probe-$V.txt
python3 $D/probe_mapcompat.py > $D/mapcompat-probe-$V.txt
npx tsx $D/argprobeSpec.ts | python3 $D/probe_args.py > $D/arg-probe-$V.txt
python3 $D/gen_cprotos.py /usr/include/bpf/bpf_helper_defs.h > src/kernel/helpers/cprotos.ts
