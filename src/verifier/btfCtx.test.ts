/**
 * BTF-typed tracing contexts (btfCtx.ts) and loads through BTF pointers. Expectations:
 *  - texts of the 6.18 kernel's btf_ctx_access / btf_struct_walk (public source; this host refuses
 *    fentry/LSM loads, so these logs are not recorded here — see the report of the task);
 *  - struct offsets from this machine's BTF as src/sim/host/kobjects.ts recorded them
 *    independently (file.f_path 64, path.dentry 8, dentry.d_name 32, qstr.name 8, qstr.len 4);
 *  - a kprobe program recorded on the real kernel (testdata-btfctx/task_stack_probe.golden.json):
 *    the rdonly_untrusted_mem(sz=0) a pointer-to-non-struct member gives, and which of its loads
 *    the x86-64 JIT compiled as BPF_PROBE_MEM.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/index.ts';
import type { ProgTypeName } from '../kernel/progtypes/ids.ts';
import { KSTRUCT_MEMBERS as K } from '../sim/host/kobjects.ts';
import { verify, type VerifyOptions } from './index.ts';

const F_PATH_DENTRY = K.file.f_path + K.path.dentry; // 72
const D_NAME_NAME = K.dentry.d_name + K.qstr.name; // 40
const D_NAME_LEN = K.dentry.d_name + K.qstr.len; // 36

function v(asm: string, type: ProgTypeName, attachType: string, attachTo: string | undefined, logLevel: 1 | 2 = 1) {
  const a = assemble(asm, { dialect: 'auto' });
  if (!a.insns) throw new Error(a.diagnostics.map((d) => d.message).join('\n'));
  const o: VerifyOptions = { progType: type, attachType, logLevel };
  if (attachTo !== undefined) o.attachTo = attachTo;
  return verify(a.insns, o);
}
const fentry = (asm: string, to = 'vfs_read') => v(asm, 'tracing', 'BPF_TRACE_FENTRY', to);

describe('fentry/fexit arguments', () => {
  it('reads file->f_path.dentry->d_name.name with direct loads; every load through a BTF pointer is a probe load', () => {
    expect([F_PATH_DENTRY, D_NAME_NAME, D_NAME_LEN]).toEqual([72, 40, 36]);
    const r = fentry(`
      r6 = *(u64 *)(r1 + 0)
      r7 = *(u64 *)(r6 + ${F_PATH_DENTRY})
      r8 = *(u64 *)(r7 + ${D_NAME_NAME})
      r2 = *(u32 *)(r7 + ${D_NAME_LEN})
      r0 = *(u8 *)(r8 + 0)
      r0 = 0
      exit`);
    expect(r.error).toBeNull();
    // fentry arguments are not trusted (prog_args_trusted): ptr_file, and every walk is PROBE_MEM
    const l2 = v(`
      r6 = *(u64 *)(r1 + 0)
      r7 = *(u64 *)(r6 + ${F_PATH_DENTRY})
      r8 = *(u64 *)(r7 + ${D_NAME_NAME})
      r2 = *(u32 *)(r7 + ${D_NAME_LEN})
      r0 = *(u8 *)(r8 + 0)
      r0 = 0
      exit`, 'tracing', 'BPF_TRACE_FENTRY', 'vfs_read', 2);
    expect(l2.log).toContain("0: (79) r6 = *(u64 *)(r1 +0)\nfunc 'vfs_read' arg0 has btf_id 718 type STRUCT 'file'\n1: R1=ctx() R6=ptr_file()\n");
    expect(l2.log).toContain('1: (79) r7 = *(u64 *)(r6 +72)         ; R6=ptr_file() R7=ptr_dentry()');
    expect(l2.log).toContain('2: (79) r8 = *(u64 *)(r7 +40)         ; R7=ptr_dentry() R8=rdonly_untrusted_mem(sz=0)');
    expect(l2.log).toContain('3: (61) r2 = *(u32 *)(r7 +36)         ; R2=scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff)) R7=ptr_dentry()');
    expect(l2.probeMem).toEqual([1, 2, 3, 4]);
    expect(l2.kernelLoads).toEqual([]);
  });

  it('scalar arguments and pointers to non-structs are scalars; size 4 of an int argument is fine', () => {
    const r = fentry('r2 = *(u64 *)(r1 + 16)\nr3 = *(u64 *)(r1 + 8)\nr4 = *(u32 *)(r1 + 16)\nr0 = 0\nexit');
    expect(r.error).toBeNull();
  });

  it('fexit reads the return value after the arguments (vfs_read: 4 arguments, ret at +32)', () => {
    expect(v('r2 = *(u64 *)(r1 + 32)\nr0 = 0\nexit', 'tracing', 'BPF_TRACE_FEXIT', 'vfs_read').error).toBeNull();
    // a void function has no return slot: do_exit(long) → off 8 is already past it
    expect(v('r2 = *(u64 *)(r1 + 8)\nr0 = 0\nexit', 'tracing', 'BPF_TRACE_FEXIT', 'do_exit').error).toBe("func 'do_exit' doesn't have 3-th argument");
  });

  const rejects: [string, string, string, string][] = [
    ['wrong ctx offset', 'r2 = *(u32 *)(r1 + 4)', "func 'vfs_read' offset 4 is not multiple of 8", 'invalid bpf_context access off=4 size=4'],
    ['the slot after the last argument (fentry has no return value)', 'r2 = *(u64 *)(r1 + 32)', "func 'vfs_read' doesn't have 5-th argument", 'invalid bpf_context access off=32 size=8'],
    ['an argument index beyond nargs', 'r2 = *(u64 *)(r1 + 40)', "func 'vfs_read' doesn't have 6-th argument", 'invalid bpf_context access off=40 size=8'],
    ['any slot past the return value (btf_ctx_arg_idx gives nargs + 1)', 'r2 = *(u64 *)(r1 + 56)', "func 'vfs_read' doesn't have 6-th argument", 'invalid bpf_context access off=56 size=8'],
    ['a pointer argument read with 4 bytes', 'r2 = *(u32 *)(r1 + 0)', "func 'vfs_read' size 4 must be 8", 'invalid bpf_context access off=0 size=4'],
  ];
  for (const [what, insn, first, second] of rejects) {
    it(`rejects ${what}`, () => {
      const r = fentry(`${insn}\nr0 = 0\nexit`);
      expect(r.error).toBe(first);
      expect(r.log).toContain(`${first}\n${second}\n`);
    });
  }

  it('rejects a write through a BTF pointer, and a ctx write, and reads past the context', () => {
    expect(fentry('r6 = *(u64 *)(r1 + 0)\nr2 = 0\n*(u64 *)(r6 + 72) = r2\nr0 = 0\nexit').error).toBe('only read is supported');
    expect(fentry('r2 = 0\n*(u64 *)(r1 + 0) = r2\nr0 = 0\nexit').error).toBe('invalid bpf_context access off=0 size=8');
    expect(fentry('r2 = *(u64 *)(r1 + 96)\nr0 = 0\nexit').error).toBe('invalid bpf_context access off=96 size=8');
  });

  it('an unknown attach target is refused as not modelled, naming the known ones', () => {
    const r = fentry('r2 = *(u64 *)(r1 + 0)\nr0 = 0\nexit', 'vfs_reed');
    expect(r.error).toMatch(/^attach target 'vfs_reed': its BTF prototype is not modelled by this verifier \(known: .*vfs_read/);
  });
});

describe('lsm and tp_btf arguments', () => {
  it('LSM arguments are trusted: file->f_path.dentry is a plain load, the dentry it gives is not trusted', () => {
    const r = v(`
      r6 = *(u64 *)(r1 + 0)
      r7 = *(u64 *)(r6 + ${F_PATH_DENTRY})
      r8 = *(u64 *)(r7 + ${D_NAME_NAME})
      r0 = 0
      exit`, 'lsm', 'BPF_LSM_MAC', 'file_open', 2);
    expect(r.error).toBeNull();
    expect(r.log).toContain("func 'bpf_lsm_file_open' arg0 has btf_id 718 type STRUCT 'file'\n1: R1=ctx() R6=trusted_ptr_file()\n");
    expect(r.log).toContain('R6=trusted_ptr_file() R7=ptr_dentry()');
    expect(r.kernelLoads).toEqual([1]);
    expect(r.probeMem).toEqual([2]);
  });

  it('file->f_inode stays trusted, a dentry\'s d_inode is trusted or NULL (BTF_TYPE_SAFE_TRUSTED[_OR_NULL])', () => {
    const r = v(`
      r6 = *(u64 *)(r1 + 0)
      r7 = *(u64 *)(r6 + ${K.file.f_inode})
      r0 = 0
      exit`, 'lsm', 'BPF_LSM_MAC', 'file_open', 2);
    expect(r.log).toContain('R6=trusted_ptr_file() R7=trusted_ptr_inode()');
    expect(r.kernelLoads).toEqual([1]);
    const d = v(`
      r6 = *(u64 *)(r1 + 0)
      r8 = *(u64 *)(r6 + ${K.socket.sk})
      r0 = 0
      exit`, 'lsm', 'BPF_LSM_MAC', 'socket_connect', 2);
    expect(d.error).toBeNull();
    expect(d.log).toContain('R8=trusted_ptr_or_null_sock(id=1)');
  });

  it('an int LSM hook\'s return value slot reads as [-MAX_ERRNO, 0]', () => {
    const r = v('r2 = *(u64 *)(r1 + 8)\nr0 = 0\nexit', 'lsm', 'BPF_LSM_MAC', 'file_open', 2);
    expect(r.error).toBeNull();
    expect(r.log).toContain('R2=scalar(smin=smin32=-4095,smax=smax32=0');
    expect(v('r2 = *(u64 *)(r1 + 16)\nr0 = 0\nexit', 'lsm', 'BPF_LSM_MAC', 'file_open').error).toBe("func 'bpf_lsm_file_open' doesn't have 3-th argument");
  });

  it('tp_btf skips the tracepoint\'s __data argument and trusts the rest (sched_switch: preempt, prev, next)', () => {
    const r = v('r2 = *(u64 *)(r1 + 16)\nr3 = *(u32 *)(r2 + 0)\nr0 = 0\nexit', 'tracing', 'BPF_TRACE_RAW_TP', 'sched_switch', 2);
    expect(r.error).toBeNull();
    expect(r.log).toContain("func 'sched_switch' arg2 has btf_id 114 type STRUCT 'task_struct'\n1: R1=ctx() R2=trusted_ptr_task_struct()\n");
  });
});

describe('a kprobe program recorded on the real 6.18 kernel', () => {
  const g = JSON.parse(readFileSync(join(import.meta.dirname, 'testdata-btfctx/task_stack_probe.golden.json'), 'utf8')) as { log2: string; xlated: string[]; jited: string[]; probe_sequences: number };
  it('a pointer-to-non-struct member loads as rdonly_untrusted_mem(sz=0), read without bounds', () => {
    const a = assemble('call 158\nr1 = *(u64 *)(r0 + 32)\nr0 = *(u8 *)(r1 + 0)\nexit', { dialect: 'auto' });
    const r = verify(a.insns!, { progType: 'kprobe', logLevel: 2 });
    expect(r.accepted).toBe(true);
    const lines = (log: string) => log.split('\n').filter((l) => /^[0-9]+: \(/.test(l));
    expect(lines(r.log)).toEqual(lines(g.log2));
    // the kernel JIT emitted one probe sequence (for insn 2, the load through rdonly_untrusted_mem);
    // insn 1 (through trusted_ptr_task_struct) is a plain mov
    expect(g.probe_sequences).toBe(1);
    expect(g.jited).toContain('mov\trdi, qword ptr [rax + 32]');
    expect(r.probeMem).toEqual([2]);
    expect(r.kernelLoads).toEqual([1]);
  });
});
