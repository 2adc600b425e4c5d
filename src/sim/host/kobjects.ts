/**
 * Kernel objects the tracing examples read through pointers (`task_struct`, `cred`, `file`,
 * `dentry`, `sock`, `linux_binprm`, …), laid out at kernel-looking addresses in a sparse
 * kernel address space with the member offsets of THIS machine's Linux 6.18 build (its BTF,
 * /sys/kernel/btf/vmlinux), so `BPF_CORE_READ(task, real_parent, tgid)` style chains resolve to
 * real-looking bytes. Only the members listed in KSTRUCT_MEMBERS are filled; the rest is zero.
 *
 * Deliberately not here: the full structs, CO-RE relocation (the loader's job, against these
 * offsets), reference counts, RCU. Provenance: offsets are facts from this machine's BTF
 * (testdata/btf-offsets.tsv, recorded by src/sim/events/testdata/record.ts and checked by
 * kobjects.test.ts); code is our own.
 */
import { AddressSpace, cstr, putStr, putU16, putU32, putU64 } from './mem.ts';

/** struct → member → byte offset, plus `__size`. From this machine's BTF. */
export const KSTRUCT_MEMBERS = {
  task_struct: {
    __size: 3264, __state: 24, flags: 44, prio: 108, mm: 1136, pid: 1264, tgid: 1268, real_parent: 1280, parent: 1288,
    group_leader: 1328, start_time: 1552, start_boottime: 1560, real_cred: 1728, cred: 1736, comm: 1752, fs: 1816, files: 1824,
  },
  cred: { __size: 184, uid: 8, gid: 12, euid: 24, egid: 28 },
  file: { __size: 184, f_mode: 4, f_inode: 32, f_flags: 40, f_path: 64, f_pos: 112 },
  path: { __size: 16, mnt: 0, dentry: 8 },
  qstr: { __size: 16, hash: 0, len: 4, name: 8 },
  dentry: { __size: 192, d_parent: 24, d_name: 32, d_inode: 48 },
  inode: { __size: 616, i_mode: 0, i_ino: 64 },
  sock_common: { __size: 136, skc_daddr: 0, skc_rcv_saddr: 4, skc_dport: 12, skc_num: 14, skc_family: 16, skc_state: 18 },
  sock: { __size: 784, __sk_common: 0 },
  socket: { __size: 128, state: 0, type: 4, sk: 24 },
  open_how: { __size: 24, flags: 0, mode: 8, resolve: 16 },
  linux_binprm: { __size: 408, file: 64, filename: 96, interp: 104 },
  filename: { __size: 32, name: 0, uptr: 8 },
} as const;

const K = KSTRUCT_MEMBERS;

/** The kernel heap the objects live in (direct-map addresses, like kmalloc'd memory). */
export function createKernelSpace(): AddressSpace {
  return new AddressSpace('kernel', 0xffff888100000000n, 0x40000000n);
}

export interface TaskFields {
  pid: number; tgid: number; comm: string; uid: number; gid: number;
  realParent: bigint; startTimeNs: number; bootNs: number; prio: number;
}

/** Allocate a task_struct and its cred; returns the task address. */
export function allocTask(ks: AddressSpace, f: TaskFields): bigint {
  const cred = new Uint8Array(K.cred.__size);
  putU32(cred, K.cred.uid, f.uid); putU32(cred, K.cred.euid, f.uid);
  putU32(cred, K.cred.gid, f.gid); putU32(cred, K.cred.egid, f.gid);
  const credAddr = ks.alloc(cred, 64n);
  const t = new Uint8Array(K.task_struct.__size);
  const addr = ks.alloc(t, 64n);
  putU32(t, K.task_struct.pid, f.pid);
  putU32(t, K.task_struct.tgid, f.tgid);
  putU32(t, K.task_struct.prio, f.prio);
  putU64(t, K.task_struct.real_parent, f.realParent || addr);
  putU64(t, K.task_struct.parent, f.realParent || addr);
  putU64(t, K.task_struct.group_leader, addr);
  putU64(t, K.task_struct.start_time, f.startTimeNs);
  putU64(t, K.task_struct.start_boottime, f.bootNs);
  putU64(t, K.task_struct.cred, credAddr);
  putU64(t, K.task_struct.real_cred, credAddr);
  putStr(t, K.task_struct.comm, f.comm, 16);
  return addr;
}

/** Update fields that change over a task's life (comm on exec, state, group leader). */
export function updateTask(ks: AddressSpace, addr: bigint, u: { comm?: string; state?: number; groupLeader?: bigint }): void {
  const t = ks.regionAt(addr);
  if (!t) return;
  if (u.comm !== undefined) putStr(t, K.task_struct.comm, u.comm, 16);
  if (u.state !== undefined) putU32(t, K.task_struct.__state, u.state);
  if (u.groupLeader !== undefined) putU64(t, K.task_struct.group_leader, u.groupLeader);
}

/** A dentry (with its name string and an inode) for one path component; cached per path by the caller. */
export function allocDentry(ks: AddressSpace, name: string, parent: bigint, ino: number, mode: number): bigint {
  const inode = new Uint8Array(K.inode.__size);
  putU16(inode, K.inode.i_mode, mode);
  putU64(inode, K.inode.i_ino, ino);
  const inodeAddr = ks.alloc(inode, 64n);
  const nameAddr = ks.alloc(cstr(name), 8n);
  const d = new Uint8Array(K.dentry.__size);
  const addr = ks.alloc(d, 64n);
  putU64(d, K.dentry.d_parent, parent || addr);
  putU32(d, K.dentry.d_name + K.qstr.len, new TextEncoder().encode(name).length);
  putU64(d, K.dentry.d_name + K.qstr.name, nameAddr);
  putU64(d, K.dentry.d_inode, inodeAddr);
  return addr;
}

/** A struct file opened on `dentry` with open flags and f_mode. */
export function allocFile(ks: AddressSpace, dentry: bigint, flags: number, fmode: number): bigint {
  const f = new Uint8Array(K.file.__size);
  const addr = ks.alloc(f, 64n);
  putU32(f, K.file.f_mode, fmode);
  putU32(f, K.file.f_flags, flags);
  putU64(f, K.file.f_path + K.path.dentry, dentry);
  const inode = ks.readU64(dentry + BigInt(K.dentry.d_inode)) ?? 0n;
  putU64(f, K.file.f_inode, inode);
  return addr;
}

/** A TCP sock plus the struct socket that points at it; addresses and ports in host order. */
export function allocSock(ks: AddressSpace, family: number): { sk: bigint; socket: bigint } {
  const s = new Uint8Array(K.sock.__size);
  const sk = ks.alloc(s, 64n);
  putU16(s, K.sock_common.skc_family, family);
  putU16(s, K.sock_common.skc_state, 7 /* TCP_CLOSE */);
  const so = new Uint8Array(K.socket.__size);
  putU64(so, K.socket.sk, sk);
  putU16(so, K.socket.type, 1 /* SOCK_STREAM */);
  const socket = ks.alloc(so, 64n);
  return { sk, socket };
}

/** Fill a sock's 4-tuple (IPv4 addresses as network-order bytes a.b.c.d; dport network order, num host order, as the kernel keeps them). */
export function setSockAddrs(ks: AddressSpace, sk: bigint, saddr: number[], sport: number, daddr: number[], dport: number): void {
  const s = ks.regionAt(sk);
  if (!s) return;
  s.set(daddr, K.sock_common.skc_daddr);
  s.set(saddr, K.sock_common.skc_rcv_saddr);
  s[K.sock_common.skc_dport] = (dport >> 8) & 0xff; s[K.sock_common.skc_dport + 1] = dport & 0xff;
  putU16(s, K.sock_common.skc_num, sport);
}

export function setSockState(ks: AddressSpace, sk: bigint, state: number): void {
  const s = ks.regionAt(sk);
  if (s) s[K.sock_common.skc_state] = state;
}

/** struct open_how {flags, mode, resolve}. */
export function allocOpenHow(ks: AddressSpace, flags: number, mode: number): bigint {
  const h = new Uint8Array(K.open_how.__size);
  putU64(h, K.open_how.flags, flags);
  putU64(h, K.open_how.mode, mode);
  return ks.alloc(h, 8n);
}

/** struct filename: the kernel's copy of a user path (name → kernel string, uptr → user pointer). */
export function allocFilename(ks: AddressSpace, path: string, uptr: bigint): bigint {
  const nameAddr = ks.alloc(cstr(path), 8n);
  const f = new Uint8Array(K.filename.__size);
  putU64(f, K.filename.name, nameAddr);
  putU64(f, K.filename.uptr, uptr);
  return ks.alloc(f, 8n);
}

/** struct linux_binprm for an exec of `path` (filename and interp point at the kernel's copy). */
export function allocBinprm(ks: AddressSpace, path: string, file: bigint): bigint {
  const nameAddr = ks.alloc(cstr(path), 8n);
  const b = new Uint8Array(K.linux_binprm.__size);
  putU64(b, K.linux_binprm.file, file);
  putU64(b, K.linux_binprm.filename, nameAddr);
  putU64(b, K.linux_binprm.interp, nameAddr);
  return ks.alloc(b, 64n);
}

/** Change a task's credentials in place (a setuid exec): uid/euid and gid/egid of its cred. */
export function setTaskCred(ks: AddressSpace, taskAddr: bigint, uid: number, gid: number): void {
  const credAddr = ks.readU64(taskAddr + BigInt(K.task_struct.cred));
  const c = credAddr === undefined ? undefined : ks.regionAt(credAddr);
  if (!c) return;
  putU32(c, K.cred.uid, uid); putU32(c, K.cred.euid, uid);
  putU32(c, K.cred.gid, gid); putU32(c, K.cred.egid, gid);
}

/** A kernel copy of a `struct sockaddr_in` (family, port in network order, IPv4 address). */
export function allocSockaddrIn(ks: AddressSpace, ip: number[], port: number): bigint {
  const s = new Uint8Array(16);
  putU16(s, 0, 2 /* AF_INET */);
  s[2] = (port >> 8) & 0xff; s[3] = port & 0xff;
  s.set(ip, 4);
  return ks.alloc(s, 8n);
}

/**
 * x86_64 `struct pt_regs` (UAPI ptrace.h order: r15 r14 r13 r12 bp bx r11 r10 r9 r8 ax cx dx si
 * di orig_ax ip cs flags sp ss; 21 × 8 bytes) as saved on syscall entry: arguments in di, si, dx,
 * r10, r8, r9 (the syscall convention uses r10 where functions use cx), orig_ax = the number.
 */
export const PT_REGS_OFFSETS = {
  r15: 0, r14: 8, r13: 16, r12: 24, bp: 32, bx: 40, r11: 48, r10: 56, r9: 64, r8: 72, ax: 80, cx: 88, dx: 96, si: 104, di: 112,
  orig_ax: 120, ip: 128, cs: 136, flags: 144, sp: 152, ss: 160,
} as const;

export function allocPtRegs(ks: AddressSpace, nr: number, args: readonly bigint[]): bigint {
  const r = new Uint8Array(168);
  const O = PT_REGS_OFFSETS;
  (['di', 'si', 'dx', 'r10', 'r8', 'r9'] as const).forEach((reg, i) => { if (i < args.length) putU64(r, O[reg], args[i]); });
  putU64(r, O.orig_ax, nr);
  putU64(r, O.ax, -38n /* -ENOSYS, as on entry */);
  putU64(r, O.cs, 0x33);
  putU64(r, O.ss, 0x2b);
  putU64(r, O.flags, 0x246);
  putU64(r, O.sp, 0x7ffc8a4e3b58n);
  return ks.alloc(r, 8n);
}
