/**
 * The generated offline worker, run against a fake service-worker scope: precaching resolves
 * every file against the scope (any base path), offline navigations get the cached page, build
 * files come from the cache, other origins are not touched, old builds' caches are deleted.
 */
import { describe, expect, it } from 'vitest';
import { renderServiceWorker } from './serviceWorker.ts';

type Handler = (ev: { request?: FakeRequest; waitUntil(p: Promise<unknown>): void; respondWith(p: Promise<unknown>): void }) => void;

interface FakeRequest {
  url: string;
  method: string;
  mode: string;
}

function harness(scope: string, files: string[], online: boolean) {
  const handlers: Record<string, Handler> = {};
  const caches = new Map<string, Map<string, string>>();
  caches.set('ebpf-playground-old', new Map());
  caches.set('someone-else', new Map());
  const fetched: string[] = [];
  const fakeFetch = async (req: FakeRequest | string) => {
    const url = typeof req === 'string' ? req : req.url;
    fetched.push(url);
    if (!online) throw new TypeError('Failed to fetch');
    return { ok: true, body: `net:${url}` };
  };
  const cacheApi = {
    open: async (name: string) => {
      if (!caches.has(name)) caches.set(name, new Map());
      const c = caches.get(name)!;
      return {
        addAll: async (reqs: { url: string }[]) => {
          for (const r of reqs) c.set(r.url, `cached:${r.url}`);
        },
        match: async (req: FakeRequest | string) => {
          const url = (typeof req === 'string' ? req : req.url).split('?')[0];
          const body = c.get(url);
          return body === undefined ? undefined : { ok: true, body };
        },
      };
    },
    keys: async () => [...caches.keys()],
    delete: async (k: string) => caches.delete(k),
  };
  const self = {
    registration: { scope },
    addEventListener: (t: string, h: Handler) => (handlers[t] = h),
    skipWaiting: async () => {},
    clients: { claim: async () => {} },
  };
  class FakeRequestCtor {
    url: string;
    constructor(url: string) {
      this.url = url;
    }
  }
  const script = renderServiceWorker({ files, version: 'v1' });
  new Function('self', 'caches', 'fetch', 'Request', 'Response', script)(self, cacheApi, fakeFetch, FakeRequestCtor, { error: () => 'error' });
  const dispatch = async (type: string, request?: FakeRequest) => {
    let waited: Promise<unknown> | undefined;
    let response: Promise<unknown> | undefined;
    handlers[type]({ request, waitUntil: (p) => (waited = p), respondWith: (p) => (response = p) });
    await waited;
    return response === undefined ? 'not handled' : await response;
  };
  return { dispatch, caches, fetched };
}

const scope = 'https://example.org/some/base/path/';
const files = ['index.html', 'favicon.svg', 'assets/index-abc.js', 'assets/host-def.js', 'assets/index-abc.js.map', 'sw.js'];
const get = (url: string, mode = 'no-cors'): FakeRequest => ({ url, method: 'GET', mode });

describe('offline service worker', () => {
  it('precaches the build under the scope, not sw.js or source maps', async () => {
    const h = harness(scope, files, true);
    await h.dispatch('install');
    expect([...h.caches.get('ebpf-playground-v1')!.keys()]).toEqual([
      `${scope}index.html`,
      `${scope}favicon.svg`,
      `${scope}assets/index-abc.js`,
      `${scope}assets/host-def.js`,
    ]);
  });

  it('drops older builds on activate and keeps other caches', async () => {
    const h = harness(scope, files, true);
    await h.dispatch('install');
    await h.dispatch('activate');
    expect([...h.caches.keys()].sort()).toEqual(['ebpf-playground-v1', 'someone-else']);
  });

  it('serves the cached page to an offline navigation (with query and fragment-free URL)', async () => {
    const h = harness(scope, files, false);
    await h.dispatch('install');
    expect(await h.dispatch('fetch', get(`${scope}?embed`, 'navigate'))).toEqual({ ok: true, body: `cached:${scope}index.html` });
  });

  it('prefers the network for navigations when online', async () => {
    const h = harness(scope, files, true);
    await h.dispatch('install');
    expect(await h.dispatch('fetch', get(scope, 'navigate'))).toEqual({ ok: true, body: `net:${scope}` });
  });

  it('serves build files from the cache without the network', async () => {
    const h = harness(scope, files, false);
    await h.dispatch('install');
    h.fetched.length = 0;
    expect(await h.dispatch('fetch', get(`${scope}assets/host-def.js`))).toEqual({ ok: true, body: `cached:${scope}assets/host-def.js` });
    expect(h.fetched).toEqual([]);
  });

  it('leaves other origins, other paths and non-GET requests alone', async () => {
    const h = harness(scope, files, true);
    expect(await h.dispatch('fetch', get('https://cdn.example.com/x.js'))).toBe('not handled');
    expect(await h.dispatch('fetch', get('https://example.org/other/app.js'))).toBe('not handled');
    expect(await h.dispatch('fetch', { url: `${scope}api`, method: 'POST', mode: 'cors' })).toBe('not handled');
  });
});
