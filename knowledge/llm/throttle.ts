// Keeps the newest value and delivers it at most once per interval, one call at a time. Used for streamed
// card updates (Feishu allows 5 updates per second per message); channels may reuse it directly.

export interface LatestThrottle<T> {
  /** Offer a newer value; older undelivered values are dropped. */
  push(value: T): void;
  /**
   * Stops accepting values, drops any undelivered one, waits for a running call and then until one
   * interval has passed since the last call started, so the caller's next (final) update keeps the pace.
   */
  close(): Promise<void>;
  readonly calls: number;
}

export function createLatestThrottle<T>(
  deliver: (value: T) => void | Promise<void>,
  intervalMs: number,
  onError: (err: unknown) => void = () => {},
): LatestThrottle<T> {
  let pending: { value: T } | null = null;
  let lastStart = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let calls = 0;

  const schedule = () => {
    if (closed || running || timer || !pending) return;
    const wait = lastStart + intervalMs - Date.now();
    if (wait > 0) {
      timer = setTimeout(() => {
        timer = null;
        fire();
      }, wait);
    } else fire();
  };

  const fire = () => {
    if (closed || !pending) return;
    const { value } = pending;
    pending = null;
    lastStart = Date.now();
    calls++;
    running = Promise.resolve()
      .then(() => {
        lastStart = Date.now(); // the real start, after any event-loop delay
        return deliver(value);
      })
      .catch(onError)
      .finally(() => {
        running = null;
        schedule();
      });
  };

  return {
    push(value) {
      if (closed) return;
      pending = { value };
      schedule();
    },
    async close() {
      closed = true;
      pending = null;
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running;
      const wait = lastStart + intervalMs - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    },
    get calls() {
      return calls;
    },
  };
}
