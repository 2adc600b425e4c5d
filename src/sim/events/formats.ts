/**
 * Classic tracepoint record formats, as Linux 6.18 exposes them in
 * `/sys/kernel/tracing/events/<group>/<event>/format`, and an encoder that lays a record out in
 * those bytes (the context a `SEC("tracepoint/...")` program reads).
 *
 * Syscall tracepoints follow one rule in 6.18: the 8-byte common header, `int __syscall_nr` at 8,
 * then each argument widened to 8 bytes from offset 16 (`signed:0` whatever the C type); the exit
 * side has `long ret` at 16. So `sys_enter_*` formats are derived from the syscall prototypes
 * below (argument types and names as the SYSCALL_DEFINE lines spell them; x86_64 numbers from the
 * syscall table). Sched/sock/tcp formats are spelled out field by field. `__data_loc char[]`
 * fields hold `(length << 16) | offset` of a string stored after the fixed part.
 *
 * Deliberately not here: every one of the ~720 syscall events (only those the workloads use),
 * print-fmt strings, filters. The event ids (`common_type`) are this machine's, recorded from its
 * tracefs (they are assigned at boot and differ between kernels).
 * Provenance: facts read from this machine's tracefs (copies in testdata/formats, which
 * formats.test.ts compares this table against) and the x86_64 syscall table; code is our own.
 */

export interface FormatField {
  /** The C type exactly as the format file prints it (e.g. `const char *`, `char[16]` as `char prev_comm[16]` → type `char`, arrayLen 16). */
  type: string;
  name: string;
  offset: number;
  size: number;
  signed: boolean;
  /** Element count for `char comm[16]`-style arrays. */
  arrayLen?: number;
  /** `__data_loc char[]`: a 4-byte (len << 16 | offset) locator of a string after the fixed part. */
  dataLoc?: boolean;
}

export interface TracepointFormat {
  /** `syscalls`, `sched`, `sock`, `tcp`. */
  group: string;
  name: string;
  /** common_type: the event id in this machine's tracefs. */
  id: number;
  /** Every field, the common header first. */
  fields: FormatField[];
  /** Size of the fixed part of the record (dynamic strings follow it). */
  size: number;
}

const COMMON: FormatField[] = [
  { type: 'unsigned short', name: 'common_type', offset: 0, size: 2, signed: false },
  { type: 'unsigned char', name: 'common_flags', offset: 2, size: 1, signed: false },
  { type: 'unsigned char', name: 'common_preempt_count', offset: 3, size: 1, signed: false },
  { type: 'int', name: 'common_pid', offset: 4, size: 4, signed: true },
];

/** A syscall as the tracepoints see it: x86_64 number, enter/exit event ids, argument [type, name]s. */
export interface SyscallProto {
  name: string;
  nr: number;
  enterId: number;
  exitId: number;
  args: [type: string, name: string][];
}

export const SYSCALLS: Record<string, SyscallProto> = {
  read: { name: 'read', nr: 0, enterId: 842, exitId: 841, args: [['unsigned int', 'fd'], ['char *', 'buf'], ['size_t', 'count']] },
  write: { name: 'write', nr: 1, enterId: 840, exitId: 839, args: [['unsigned int', 'fd'], ['const char *', 'buf'], ['size_t', 'count']] },
  close: { name: 'close', nr: 3, enterId: 776, exitId: 775, args: [['unsigned int', 'fd']] },
  socket: { name: 'socket', nr: 41, enterId: 2242, exitId: 2241, args: [['int', 'family'], ['int', 'type'], ['int', 'protocol']] },
  connect: { name: 'connect', nr: 42, enterId: 2230, exitId: 2229, args: [['int', 'fd'], ['struct sockaddr *', 'uservaddr'], ['int', 'addrlen']] },
  clone: {
    name: 'clone', nr: 56, enterId: 196, exitId: 195,
    args: [['unsigned long', 'clone_flags'], ['unsigned long', 'newsp'], ['int *', 'parent_tidptr'], ['int *', 'child_tidptr'], ['unsigned long', 'tls']],
  },
  execve: {
    name: 'execve', nr: 59, enterId: 862, exitId: 861,
    args: [['const char *', 'filename'], ['const char *const *', 'argv'], ['const char *const *', 'envp']],
  },
  wait4: { name: 'wait4', nr: 61, enterId: 212, exitId: 211, args: [['pid_t', 'upid'], ['int *', 'stat_addr'], ['int', 'options'], ['struct rusage *', 'ru']] },
  exit_group: { name: 'exit_group', nr: 231, enterId: 216, exitId: 215, args: [['int', 'error_code']] },
  openat: { name: 'openat', nr: 257, enterId: 782, exitId: 781, args: [['int', 'dfd'], ['const char *', 'filename'], ['int', 'flags'], ['umode_t', 'mode']] },
  unlinkat: { name: 'unlinkat', nr: 263, enterId: 884, exitId: 883, args: [['int', 'dfd'], ['const char *', 'pathname'], ['int', 'flag']] },
  accept4: {
    name: 'accept4', nr: 288, enterId: 2234, exitId: 2233,
    args: [['int', 'fd'], ['struct sockaddr *', 'upeer_sockaddr'], ['int *', 'upeer_addrlen'], ['int', 'flags']],
  },
};

export type SyscallName = keyof typeof SYSCALLS;

function syscallEnter(p: SyscallProto): TracepointFormat {
  const fields = [...COMMON, { type: 'int', name: '__syscall_nr', offset: 8, size: 4, signed: true }];
  p.args.forEach(([type, name], i) => fields.push({ type, name, offset: 16 + 8 * i, size: 8, signed: false }));
  return { group: 'syscalls', name: `sys_enter_${p.name}`, id: p.enterId, fields, size: 16 + 8 * p.args.length };
}

function syscallExit(p: SyscallProto): TracepointFormat {
  const fields = [
    ...COMMON,
    { type: 'int', name: '__syscall_nr', offset: 8, size: 4, signed: true },
    { type: 'long', name: 'ret', offset: 16, size: 8, signed: true },
  ];
  return { group: 'syscalls', name: `sys_exit_${p.name}`, id: p.exitId, fields, size: 24 };
}

/** Lay out fields in order from offset 8 with natural alignment (how the kernel's TRACE_EVENT structs pack). */
function packed(group: string, name: string, id: number, spec: [type: string, name: string, size: number, signed: boolean, arrayLen?: number][]): TracepointFormat {
  const fields = [...COMMON];
  let off = 8;
  for (const [type, fname, size, signed, arrayLen] of spec) {
    const dataLoc = type === '__data_loc char[]';
    const align = dataLoc ? 4 : arrayLen ? 1 : Math.min(size, 8);
    off = (off + align - 1) & ~(align - 1);
    const f: FormatField = { type, name: fname, offset: off, size, signed };
    if (arrayLen) f.arrayLen = arrayLen;
    if (dataLoc) f.dataLoc = true;
    fields.push(f);
    off += size;
  }
  return { group, name, id, fields, size: off };
}

const OTHER: TracepointFormat[] = [
  packed('sched', 'sched_process_exec', 365, [['__data_loc char[]', 'filename', 4, false], ['pid_t', 'pid', 4, true], ['pid_t', 'old_pid', 4, true]]),
  packed('sched', 'sched_process_exit', 369, [['char', 'comm', 16, false, 16], ['pid_t', 'pid', 4, true], ['int', 'prio', 4, true], ['bool', 'group_dead', 1, false]]),
  packed('sched', 'sched_process_fork', 366, [
    ['__data_loc char[]', 'parent_comm', 4, false], ['pid_t', 'parent_pid', 4, true],
    ['__data_loc char[]', 'child_comm', 4, false], ['pid_t', 'child_pid', 4, true],
  ]),
  packed('sched', 'sched_switch', 372, [
    ['char', 'prev_comm', 16, false, 16], ['pid_t', 'prev_pid', 4, true], ['int', 'prev_prio', 4, true], ['long', 'prev_state', 8, true],
    ['char', 'next_comm', 16, false, 16], ['pid_t', 'next_pid', 4, true], ['int', 'next_prio', 4, true],
  ]),
  packed('sched', 'sched_wakeup', 374, [['char', 'comm', 16, false, 16], ['pid_t', 'pid', 4, true], ['int', 'prio', 4, true], ['int', 'target_cpu', 4, true]]),
  packed('sched', 'sched_wakeup_new', 373, [['char', 'comm', 16, false, 16], ['pid_t', 'pid', 4, true], ['int', 'prio', 4, true], ['int', 'target_cpu', 4, true]]),
  packed('sock', 'inet_sock_set_state', 2287, [
    ['const void *', 'skaddr', 8, false], ['int', 'oldstate', 4, true], ['int', 'newstate', 4, true],
    ['__u16', 'sport', 2, false], ['__u16', 'dport', 2, false], ['__u16', 'family', 2, false], ['__u16', 'protocol', 2, false],
    ['__u8', 'saddr', 4, false, 4], ['__u8', 'daddr', 4, false, 4], ['__u8', 'saddr_v6', 16, false, 16], ['__u8', 'daddr_v6', 16, false, 16],
  ]),
  packed('tcp', 'tcp_retransmit_skb', 2281, [
    ['const void *', 'skbaddr', 8, false], ['const void *', 'skaddr', 8, false], ['int', 'state', 4, true],
    ['__u16', 'sport', 2, false], ['__u16', 'dport', 2, false], ['__u16', 'family', 2, false],
    ['__u8', 'saddr', 4, false, 4], ['__u8', 'daddr', 4, false, 4], ['__u8', 'saddr_v6', 16, false, 16], ['__u8', 'daddr_v6', 16, false, 16],
    ['int', 'err', 4, true],
  ]),
];

/** Every tracepoint format the generator emits, by `group:name`. */
export const TRACEPOINT_FORMATS: ReadonlyMap<string, TracepointFormat> = new Map(
  [...Object.values(SYSCALLS).flatMap((p) => [syscallEnter(p), syscallExit(p)]), ...OTHER].map((f) => [`${f.group}:${f.name}`, f]),
);

/** The `group:name`s testdata/record.ts copies from tracefs. */
export const RECORDED_EVENTS: readonly string[] = [...TRACEPOINT_FORMATS.keys()];

export function tracepointFormat(name: string): TracepointFormat | undefined {
  return TRACEPOINT_FORMATS.get(name);
}

const enc = new TextEncoder();

/** A field value: integers as bigint (or number), byte arrays for `__u8 x[4]`, strings for comm and __data_loc. */
export type FieldValue = bigint | number | string | Uint8Array;

/**
 * The record bytes for one event: common header from `common`, fields from `values` (missing
 * fields are zero), strings for `__data_loc` appended after the fixed part with their NUL.
 * Values are stored little-endian (x86_64); integers are truncated to the field size.
 */
export function encodeRecord(
  fmt: TracepointFormat,
  common: { flags?: number; preemptCount?: number; pid: number },
  values: Readonly<Record<string, FieldValue>>,
): Uint8Array {
  const dyn: { field: FormatField; bytes: Uint8Array }[] = [];
  let dynSize = 0;
  for (const f of fmt.fields) {
    if (!f.dataLoc) continue;
    const v = values[f.name];
    const bytes = new Uint8Array([...enc.encode(typeof v === 'string' ? v : ''), 0]);
    dyn.push({ field: f, bytes });
    dynSize += bytes.length;
  }
  const out = new Uint8Array(fmt.size + dynSize);
  const dv = new DataView(out.buffer);
  const all: Record<string, FieldValue> = {
    common_type: fmt.id, common_flags: common.flags ?? 0, common_preempt_count: common.preemptCount ?? 0, common_pid: common.pid, ...values,
  };
  let dynOff = fmt.size;
  for (const f of fmt.fields) {
    if (f.dataLoc) {
      const d = dyn.find((x) => x.field === f)!;
      dv.setUint32(f.offset, ((d.bytes.length << 16) | dynOff) >>> 0, true);
      out.set(d.bytes, dynOff);
      dynOff += d.bytes.length;
      continue;
    }
    const v = all[f.name];
    if (v === undefined) continue;
    if (typeof v === 'string') out.set(enc.encode(v).subarray(0, f.size - 1), f.offset);
    else if (v instanceof Uint8Array) out.set(v.subarray(0, f.size), f.offset);
    else {
      let b = BigInt.asUintN(f.size * 8, BigInt(v));
      for (let i = 0; i < f.size; i++, b >>= 8n) out[f.offset + i] = Number(b & 0xffn);
    }
  }
  return out;
}

/** Parse a tracefs `format` file (for tests and tools): name, id and fields. Returns an error message on bad input. */
export function parseFormatFile(text: string): TracepointFormat | { error: string; line: number } {
  const lines = text.split('\n');
  let name = '', id = -1;
  const fields: FormatField[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    let m: RegExpExecArray | null;
    if ((m = /^name: (\S+)/.exec(l))) name = m[1];
    else if ((m = /^ID: (\d+)/.exec(l))) id = Number(m[1]);
    else if ((m = /^\tfield:(.*);\toffset:(\d+);\tsize:(\d+);\tsigned:(\d);/.exec(l))) {
      const decl = m[1].trim();
      const dataLoc = decl.startsWith('__data_loc ');
      const dm = /^(.*?)\s*\b([A-Za-z_]\w*)(?:\[(\d+)\])?$/.exec(dataLoc ? decl.replace(/^__data_loc char\[\] /, '__data_loc_char ') : decl);
      if (!dm) return { error: `cannot parse field declaration '${decl}'`, line: i + 1 };
      const f: FormatField = {
        type: dataLoc ? '__data_loc char[]' : dm[1], name: dm[2], offset: Number(m[2]), size: Number(m[3]), signed: m[4] === '1',
      };
      if (dm[3] !== undefined) f.arrayLen = Number(dm[3]);
      if (dataLoc) f.dataLoc = true;
      fields.push(f);
    } else if (l.startsWith('\tfield:')) return { error: `malformed field line`, line: i + 1 };
  }
  if (!name || id < 0) return { error: 'missing name: or ID: line', line: 1 };
  const group = '';
  const size = fields.reduce((s, f) => Math.max(s, f.offset + f.size), 0);
  return { group, name, id, fields, size };
}
