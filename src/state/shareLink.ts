/**
 * Share links: a `Snapshot` as a URL fragment `#s=<payload>`, where payload is the snapshot's
 * JSON compressed with raw DEFLATE (the platform's `CompressionStream('deflate-raw')`) and written
 * in base64url without padding. The fragment never reaches a server.
 *
 * Reading a link is defensive, step by step, each with its own clear error (never an exception):
 * the payload's length is capped before anything else; its alphabet is checked; the inflated size
 * is capped while inflating (a small link cannot expand into gigabytes); the text must be UTF-8;
 * JSON nesting deeper than the schema needs is refused before `JSON.parse`; and the parsed value
 * must pass `validateSnapshot` exactly. Nothing in a link is ever evaluated.
 *
 * Runs in browsers and in Node ≥ 20 (same streams API), so it is unit-tested in Node.
 */
import { validateSnapshot, type Snapshot } from './snapshot.ts';

export const FRAGMENT_KEY = 's';
/** Longest accepted payload (base64url characters). */
export const MAX_PAYLOAD_CHARS = 200_000;
/** Largest accepted inflated JSON (bytes). */
export const MAX_JSON_BYTES = 1024 * 1024;
/** Deepest accepted JSON nesting (the schema needs 3: snapshot → files → file). */
export const MAX_DEPTH = 4;

export type LinkErrorKind = 'too-large' | 'base64' | 'deflate' | 'utf8' | 'json' | 'schema';

export interface LinkError {
  kind: LinkErrorKind;
  message: string;
}

export type LinkResult = { ok: true; value: Snapshot } | { ok: false; error: LinkError };

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += B64[n >> 18] + B64[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63];
  }
  return out;
}

/** base64url (no padding) → bytes, or the position of the first bad character. */
export function fromBase64Url(text: string): { bytes: Uint8Array } | { error: string } {
  if (text.length % 4 === 1) return { error: `its length (${text.length}) is not possible for base64url data` };
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const v = B64.indexOf(text[i]);
    if (v < 0) {
      const c = text.charCodeAt(i);
      const shown = c >= 0x21 && c <= 0x7e ? `'${text[i]}'` : `U+${c.toString(16).padStart(4, '0')}`;
      return { error: `character ${shown} at position ${i + 1} is not base64url` };
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return { bytes: out.subarray(0, o) };
}

async function readAll(stream: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array | 'too-large'> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) {
      await reader.cancel().catch(() => {});
      return 'too-large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** Pipe bytes through a (de)compression stream (the DOM typings disagree on chunk types). */
function through(bytes: Uint8Array, ts: CompressionStream | DecompressionStream): ReadableStream<Uint8Array> {
  return streamOf(bytes).pipeThrough(ts as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
}

/** The JSON nesting depth of `text` (brackets outside strings), stopping early past `limit`. */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** The fragment payload (without `#s=`) for a snapshot. */
export async function encodeSnapshot(snapshot: Snapshot): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(snapshot));
  const deflated = await readAll(through(json, new CompressionStream('deflate-raw')), Number.MAX_SAFE_INTEGER);
  return toBase64Url(deflated as Uint8Array);
}

/** A full fragment, `#s=…`. */
export async function snapshotFragment(snapshot: Snapshot): Promise<string> {
  return `#${FRAGMENT_KEY}=${await encodeSnapshot(snapshot)}`;
}

/**
 * The share payload in a location hash, or null when the hash is not a share link at all
 * (empty, or some other fragment). `#s=` with an empty payload is a (bad) share link: ''.
 */
export function payloadOfHash(hash: string): string | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  const prefix = `${FRAGMENT_KEY}=`;
  return h.startsWith(prefix) ? h.slice(prefix.length) : null;
}

const fail = (kind: LinkErrorKind, message: string): LinkResult => ({ ok: false, error: { kind, message } });

/** Decode and validate a payload. Never throws, never evaluates anything from it. */
export async function decodeSnapshot(payload: string): Promise<LinkResult> {
  try {
    if (payload.length === 0) return fail('base64', 'the link is empty after #s=');
    if (payload.length > MAX_PAYLOAD_CHARS) {
      return fail('too-large', `the link is too long (${payload.length.toLocaleString('en-US')} characters; at most ${MAX_PAYLOAD_CHARS.toLocaleString('en-US')})`);
    }
    const b = fromBase64Url(payload);
    if ('error' in b) return fail('base64', `the link is damaged: ${b.error}`);
    let inflated: Uint8Array | 'too-large';
    try {
      inflated = await readAll(through(b.bytes, new DecompressionStream('deflate-raw')), MAX_JSON_BYTES);
    } catch {
      return fail('deflate', 'the link is damaged: its compressed data is not valid (was it cut short when copied?)');
    }
    if (inflated === 'too-large') {
      return fail('too-large', `the link expands to more than ${MAX_JSON_BYTES / 1024} KiB, which is more than any workspace`);
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
    } catch {
      return fail('utf8', 'the link is damaged: its text is not valid UTF-8');
    }
    if (jsonDepth(text, MAX_DEPTH) > MAX_DEPTH) return fail('json', `the link's data is nested deeper than a workspace can be (more than ${MAX_DEPTH} levels)`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return fail('json', 'the link is damaged: its data is not valid JSON');
    }
    const checked = validateSnapshot(value);
    if (!checked.ok) return fail('schema', `the link does not describe a workspace this page can open: ${checked.error}`);
    return { ok: true, value: checked.value };
  } catch (e) {
    // Not expected (every step above catches its own failures); still never an exception.
    return fail('deflate', `the link could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
}
