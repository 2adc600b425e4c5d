#!/usr/bin/env python3
"""Load an object with kernel_oracle.py, fetch its xlated and JIT images (BPF_OBJ_GET_INFO_BY_FD),
and report per load insn whether the x86-64 JIT emitted BPF_PROBE_MEM code for it: the probe
sequence compares the address against the kernel half (movabs of TASK_SIZE_MAX + PAGE_SIZE
relative to VSYSCALL_ADDR) and zeroes the destination (xor) otherwise. Prints a JSON golden."""
import ctypes, json, re, struct, subprocess, sys, types
sys.path.insert(0, '/work/shared/tools')
import kernel_oracle as K

args = types.SimpleNamespace(file=sys.argv[1], map=[], type=None, section=None, prog=None, no_btf=False)
p = K.load_input(args)
res, fd = K.prog_load(p, 2)
if fd < 0:
    sys.exit(res['log'])
info = ctypes.create_string_buffer(48)
K.bpf(K.BPF_OBJ_GET_INFO_BY_FD, K.InfoAttr(bpf_fd=fd, info_len=48, info=K.addr(info)))
jl, xl = struct.unpack_from('<II', info.raw, 16)
jbuf, xbuf = ctypes.create_string_buffer(jl), ctypes.create_string_buffer(xl)
info2 = ctypes.create_string_buffer(48)
struct.pack_into('<IIQQ', info2, 16, jl, xl, K.addr(jbuf), K.addr(xbuf))
K.bpf(K.BPF_OBJ_GET_INFO_BY_FD, K.InfoAttr(bpf_fd=fd, info_len=48, info=K.addr(info2)))
hexs = ' '.join('0x%02x' % b for b in jbuf.raw)
asm = subprocess.run(['llvm-mc-19', '--disassemble', '-triple=x86_64', '--output-asm-variant=1'], input=hexs,
                     capture_output=True, text=True).stdout
lines = [l.strip() for l in asm.splitlines() if l.strip() and not l.strip().startswith('.')]
print(json.dumps({'kernel': '6.18', 'accepted': True, 'log2': res['log'],
                  'xlated': [xbuf.raw[i:i + 8].hex() for i in range(0, xl, 8)],
                  'jited': lines,
                  'probe_sequences': sum(1 for l in lines if l.startswith('movabs') and '140737498841088' in l)}, indent=1))
