// A per-process memo of data every public page needs and that changes a few times a year (an
// organ's row, its column tree), kept under the content stamp it was read under (ADR 0014).
//
// A request reads the stamp once (`view()`: one small query, the head of the audit log, which
// every change appends to in its own transaction) and gets what was loaded under that stamp, or
// loads it. A new stamp empties the memo, so nothing is ever older than the request's own reading
// of the stamp: a memoised value is as fresh as reading the tables at that moment. Unlike the page
// cache (ADR 0013) there is no window of staleness, in this process or across app servers.
//
// Why the head of the audit log is a sound stamp on PostgreSQL too: appends take the chain's
// advisory lock until their transaction ends (platform/audit), so ids become visible in order.

/** What a request sees of the memo: values as of the stamp it read. */
export interface StampedView {
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export interface StampedMemo {
  /** Reads the stamp (once per request) and returns the memo as of it. */
  view(): Promise<StampedView>;
  /** The memo as of a stamp the caller read itself (in the same statement as a row it needed). */
  viewAt(stamp: string | number): StampedView;
  /** Values kept now (for tests and diagnostics). */
  size(): number;
}

/** A view that keeps nothing: every value is loaded (no stamp to key it on). */
export const UNMEMOISED: StampedView = { get: (_key, load) => load() };

export function createStampedMemo(stamp: () => Promise<string | number>, maxEntries = 10_000): StampedMemo {
  let current: string | number | undefined;
  const values = new Map<string, Promise<unknown>>();
  const viewAt = (s: string | number): StampedView => {
    if (s !== current) {
      values.clear();
      current = s;
    }
    return {
      get<T>(key: string, load: () => Promise<T>): Promise<T> {
        // another request has seen a newer stamp since: load, and keep nothing under the old one
        if (current !== s) return load();
        const kept = values.get(key) as Promise<T> | undefined;
        if (kept) return kept;
        if (values.size >= maxEntries) values.clear();
        const loading = load();
        values.set(key, loading);
        loading.catch(() => {
          if (values.get(key) === loading) values.delete(key);
        });
        return loading;
      },
    };
  };
  return {
    view: async () => viewAt(await stamp()),
    viewAt,
    size: () => values.size,
  };
}
