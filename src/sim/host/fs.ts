/**
 * The simulated host's files: paths with contents, owner and mode, and a dentry per path in the
 * kernel address space (a tiny dcache) so `file->f_path.dentry->d_name.name` reads the basename.
 * Permission checks are the classic owner/group/other bits (root bypasses them), giving EACCES as
 * the kernel's DAC check would before any LSM hook runs.
 *
 * Deliberately not here: directories' contents (ls just opens the directory), links, mounts,
 * capabilities beyond "uid 0 may do anything". Provenance: our own code; file contents are
 * invented in the style of a Debian host.
 */
import type { AddressSpace } from './mem.ts';
import { allocDentry } from './kobjects.ts';

export interface SimFile {
  path: string;
  content: Uint8Array;
  uid: number;
  gid: number;
  /** st_mode (type and permission bits). */
  mode: number;
  ino: number;
}

export const S_IFREG = 0o100000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;

const PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash
`;
const SHADOW = `root:$y$j9T$Q0e8m2PpRk$u0ZL1mX7c1Wl0vD1r3j9yq5m0k2sV8aA1cT4bN6hF2.:20415:0:99999:7:::
alice:$y$j9T$8fJk2LmNo$Zr6sQe1wT0uY3iO5pA7sD9fG2hJ4kL6zX8cV0bN1mQ.:20415:0:99999:7:::
`;

const TEXT: Record<string, [string, number, number, number]> = {
  // path: [content, uid, gid, perms]
  '/etc/passwd': [PASSWD, 0, 0, 0o644],
  '/etc/shadow': [SHADOW, 0, 42, 0o640],
  '/etc/hosts': ['127.0.0.1 localhost\n10.0.0.5 backend\n', 0, 0, 0o644],
  '/etc/ld.so.cache': ['ld.so-1.7.0', 0, 0, 0o644],
  '/etc/logrotate.conf': ['weekly\nrotate 4\ncreate\ninclude /etc/logrotate.d\n', 0, 0, 0o644],
  '/etc/crontab': ['17 * * * * root cd / && run-parts --report /etc/cron.hourly\n', 0, 0, 0o644],
  '/var/www/html/index.html': ['<!doctype html><title>hello</title><h1>It works</h1>\n', 0, 0, 0o644],
  '/var/www/html/style.css': ['body { font-family: sans-serif; }\n', 0, 0, 0o644],
  '/var/www/html/logo.png': ['\x89PNG\r\n\x1a\n....', 0, 0, 0o644],
  '/var/log/nginx/access.log': ['10.0.0.9 - - "GET / HTTP/1.1" 200 52\n', 33, 4, 0o640],
  '/var/log/nginx/access.log.1': ['10.0.0.9 - - "GET / HTTP/1.1" 200 52\n', 33, 4, 0o640],
  '/home/alice/notes.txt': ['todo: rotate keys\nroot password is not here\n', 1000, 1000, 0o644],
  '/tmp/build.log': ['ok\n', 1000, 1000, 0o644],
};
const BINARIES = [
  '/bin/bash', '/bin/sh', '/bin/ls', '/bin/cat', '/bin/grep', '/bin/rm', '/usr/bin/gzip', '/usr/sbin/logrotate',
  '/usr/sbin/nginx', '/usr/sbin/cron', '/usr/bin/sudo', '/usr/bin/nc', '/usr/bin/curl', '/bin/ps',
  '/lib/x86_64-linux-gnu/libc.so.6',
];
const DIRS = ['/', '/etc', '/tmp', '/home/alice', '/var/www/html', '/var/log/nginx', '/proc'];

export class FileSystem {
  private files = new Map<string, SimFile>();
  private dentries = new Map<string, bigint>();
  private nextIno = 131073;

  constructor(private readonly ks: AddressSpace) {
    const enc = new TextEncoder();
    for (const d of DIRS) this.add(d, new Uint8Array(0), 0, 0, S_IFDIR | 0o755);
    for (const [p, [text, uid, gid, perm]] of Object.entries(TEXT)) this.add(p, enc.encode(text), uid, gid, S_IFREG | perm);
    // setuid root for sudo, like the real one
    for (const b of BINARIES) this.add(b, enc.encode('\x7fELF'), 0, 0, S_IFREG | (b === '/usr/bin/sudo' ? 0o4755 : 0o755));
    this.add('/dev/pts/0', new Uint8Array(0), 1000, 5, S_IFCHR | 0o620);
  }

  add(path: string, content: Uint8Array, uid: number, gid: number, mode: number): SimFile {
    const f: SimFile = { path, content, uid, gid, mode, ino: this.nextIno++ };
    this.files.set(path, f);
    return f;
  }

  get(path: string): SimFile | undefined {
    return this.files.get(path);
  }

  remove(path: string): boolean {
    this.dentries.delete(path);
    return this.files.delete(path);
  }

  /** 0 when `uid/gid` may access `path` with `want` (4 read, 2 write, 1 exec), else a negative errno. */
  access(path: string, uid: number, gid: number, want: number): number {
    const f = this.files.get(path);
    if (!f) return -2; // ENOENT
    if (uid === 0) return want & 1 && !(f.mode & 0o111) ? -13 : 0;
    const bits = uid === f.uid ? (f.mode >> 6) & 7 : gid === f.gid ? (f.mode >> 3) & 7 : f.mode & 7;
    return (bits & want) === want ? 0 : -13; // EACCES
  }

  /** The dentry of `path` (created on first use, parent first). */
  dentry(path: string): bigint {
    const hit = this.dentries.get(path);
    if (hit !== undefined) return hit;
    const f = this.files.get(path);
    const slash = path.lastIndexOf('/');
    const parentPath = slash <= 0 ? '/' : path.slice(0, slash);
    const parent = path === '/' ? 0n : this.dentry(parentPath);
    const d = allocDentry(this.ks, path === '/' ? '/' : path.slice(slash + 1), parent, f?.ino ?? 0, f?.mode ?? 0);
    this.dentries.set(path, d);
    return d;
  }
}

/** Resolve `path` against `cwd` (no symlinks; `.` and `..` handled). */
export function resolvePath(cwd: string, path: string): string {
  const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return '/' + out.join('/');
}
