// An in-process cache of anonymous public pages (ADR 0013): the finished bytes of a GET answer,
// kept per host, URL and display preference (简/繁, elder mode), and served again without
// touching the database or rendering. What may be cached is the caller's allowlist of routes;
// staff pages (`/staff…`), requests carrying a staff session cookie, answers that set a cookie,
// that are not 200 or say `no-store`/`private` are never stored.
//
// Freshness: an entry is served only while
//   - no unsafe request (POST, PUT, PATCH, DELETE) has succeeded in this process since it was
//     rendered (every change made through the web invalidates at once, after its commit), and
//   - the content stamp (`stamp()`: the head of the audit log, which every change appends to in
//     its own transaction, whichever process or job made it) is the one it was rendered under;
//     the stamp is read again at most every `checkMs` (changes by another app server, the CLI or
//     a job of this one are seen within that time), and
//   - it is younger than `ttlMs` (a bound for anything that changes without an audit row).
// A page rendered while an invalidation happened is not stored under the new state.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface PageCacheOptions {
  /** Route patterns (as registered, e.g. `/columns/:id`) whose GET answers may be cached. */
  routes: ReadonlySet<string>;
  /** The content stamp: changes whenever anything shown on a public page may have changed. */
  stamp: () => Promise<string | number>;
  /** Read the stamp again at most this often (default 1,000 ms; 0 = before every hit). */
  checkMs?: number;
  /** Longest life of an entry (default 60 s). */
  ttlMs?: number;
  /** Bound of the cache; the oldest entries go first (default 2,000 entries, 64 MB). */
  maxEntries?: number;
  maxBytes?: number;
  /** Cookies that mean a signed-in person (their requests are never answered from the cache). */
  sessionCookies?: readonly string[];
  /** Monotonic milliseconds (operational time, not business time). */
  now?: () => number;
}

interface Entry {
  body: Buffer;
  headers: Record<string, string>;
  gen: number;
  stamp: string | number;
  at: number;
}

/** What a request carries from `onRequest` to `onSend` when its answer may be stored. */
interface Pending {
  key: string;
  gen: number;
  stamp: string | number;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Headers kept with an entry (the others are set again by the hooks of every request). */
const KEPT = ['content-type', 'cache-control', 'vary', 'x-robots-tag'] as const;

export interface PageCacheStats {
  hits: number;
  misses: number;
  stored: number;
  entries: number;
  bytes: number;
  invalidations: number;
}

export function registerPageCache(app: FastifyInstance, opts: PageCacheOptions) {
  const checkMs = opts.checkMs ?? 1000;
  const ttlMs = opts.ttlMs ?? 60_000;
  const maxEntries = opts.maxEntries ?? 2000;
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
  const sessionCookies = opts.sessionCookies ?? [];
  const now = opts.now ?? (() => performance.now());
  const entries = new Map<string, Entry>();
  const pending = new WeakMap<FastifyRequest, Pending>();
  const stats: PageCacheStats = { hits: 0, misses: 0, stored: 0, entries: 0, bytes: 0, invalidations: 0 };
  let bytes = 0;
  let gen = 0;
  let stamp: string | number | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let checking: Promise<void> | null = null;

  const clear = () => {
    gen++;
    entries.clear();
    bytes = 0;
    stats.invalidations++;
  };

  /** The current stamp, read again when the last reading is older than `checkMs`. */
  async function currentStamp(): Promise<string | number> {
    if (stamp !== undefined && now() - checkedAt < checkMs) return stamp;
    checking ??= (async () => {
      try {
        const s = await opts.stamp();
        checkedAt = now();
        if (stamp !== undefined && s !== stamp) clear();
        stamp = s;
      } finally {
        checking = null;
      }
    })();
    await checking;
    return stamp as string | number;
  }

  const cacheable = (req: FastifyRequest) =>
    req.method === 'GET' &&
    !req.url.startsWith('/staff') &&
    opts.routes.has(req.routeOptions.url ?? '') &&
    !sessionCookies.some((c) => req.cookies?.[c] !== undefined);

  /** Answers from the cache, or notes what to store once the page is rendered. */
  function serve(req: FastifyRequest, reply: FastifyReply, s: string | number, done: (err?: Error) => void) {
    const key = `${req.protocol}://${req.host}|${req.script}|${req.elder ? 1 : 0}|${req.url}`;
    const e = entries.get(key);
    if (e && e.gen === gen && e.stamp === s && now() - e.at < ttlMs) {
      stats.hits++;
      reply.headers(e.headers);
      // a Buffer passes the later onSend hooks untouched (the stored bytes are already final);
      // answered from the hook: `done` is not called
      reply.code(200).send(e.body);
      return;
    }
    stats.misses++;
    pending.set(req, { key, gen, stamp: s });
    done();
  }

  // Callback-style hooks: a hit within `checkMs` of the last reading of the stamp is answered
  // synchronously, without a promise.
  app.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done) => {
    if (!cacheable(req)) return done();
    if (stamp !== undefined && now() - checkedAt < checkMs) return serve(req, reply, stamp, done);
    currentStamp().then(
      (s) => serve(req, reply, s, done),
      (err: unknown) => done(err instanceof Error ? err : new Error(String(err))),
    );
  });

  app.addHook('onSend', (req, reply, payload, done) => {
    const p = pending.get(req);
    if (!p) return done(null, payload);
    pending.delete(req);
    const stored = store(p, reply, payload);
    done(null, stored ?? payload);
  });

  /** Keeps a rendered answer that may be kept; returns the bytes to send when it did. */
  function store(p: Pending, reply: FastifyReply, payload: unknown): Buffer | undefined {
    if (reply.statusCode !== 200 || reply.hasHeader('set-cookie')) return undefined;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return undefined;
    const cc = String(reply.getHeader('cache-control') ?? '');
    if (/no-store|private/.test(cc)) return undefined;
    // rendered while something changed: not stored under the new state
    if (p.gen !== gen || p.stamp !== stamp) return undefined;
    const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    if (body.length > maxBytes / 8) return undefined;
    // what a hit sets, in one call
    const headers: Record<string, string> = { 'x-page-cache': 'hit' };
    for (const h of KEPT) {
      const v = reply.getHeader(h);
      if (v !== undefined) headers[h] = String(v);
    }
    const old = entries.get(p.key);
    if (old) {
      bytes -= old.body.length;
      entries.delete(p.key);
    }
    entries.set(p.key, { body, headers, gen: p.gen, stamp: p.stamp, at: now() });
    bytes += body.length;
    stats.stored++;
    for (const [k, e] of entries) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      entries.delete(k);
      bytes -= e.body.length;
    }
    reply.header('x-page-cache', 'miss');
    return body;
  }

  // every change made through the web, once it has answered (its transaction has committed)
  app.addHook('onResponse', (req, reply, done) => {
    if (UNSAFE.has(req.method) && reply.statusCode < 400) clear();
    done();
  });

  return {
    /** Forgets every entry (e.g. after a change made outside a request). */
    invalidate: clear,
    stats: (): PageCacheStats => ({ ...stats, entries: entries.size, bytes }),
  };
}
export type PageCache = ReturnType<typeof registerPageCache>;
