#!/usr/bin/env python3
"""Load a program into the real kernel verifier as an UNPRIVILEGED user (uid/gid nobody, no
capabilities), for recording the unprivileged verifier's goldens (record.ts).

Maps (--map, kernel_oracle syntax) are created while still root; then the process drops to
nobody (setgroups/setgid/setuid, which clears every capability) and calls BPF_PROG_LOAD with
the same attributes and log settings as kernel_oracle.py (BPF_LOG_STATS always set).

Needs root to start, and kernel.unprivileged_bpf_disabled = 0 (record.ts sets it for the
recording and restores the old value). Prints kernel_oracle's JSON result.

Usage: python3 unpriv_oracle.py FILE.bin --type socket_filter [--map SPEC]... [--log-level 1|2]
"""
import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORACLE = Path(os.environ.get('KERNEL_ORACLE', HERE / '../../../../shared/tools/kernel_oracle.py')).resolve()
spec = importlib.util.spec_from_file_location('kernel_oracle', ORACLE)
ko = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ko)

ap = argparse.ArgumentParser()
ap.add_argument('file')
ap.add_argument('--type', default='socket_filter')
ap.add_argument('--map', action='append', default=[])
ap.add_argument('--log-level', type=int, default=1)
args = ap.parse_args()
args.section = args.prog = None
args.no_btf = True

p = ko.load_input(args)           # maps are created here, as root
os.setgroups([])
os.setgid(65534)
os.setuid(65534)                   # nobody: no CAP_BPF / CAP_PERFMON / CAP_SYS_ADMIN / CAP_NET_ADMIN
res, fd = ko.prog_load(p, args.log_level)
res['uid'] = os.getuid()
print(json.dumps(res, indent=2))
sys.exit(0 if res['accepted'] else 1)
