/** What `HostQueues.take` hands out: a request to make, or a host to prepare (read its robots.txt). */
export type HostTask<T> = { kind: 'request'; origin: string; item: T } | { kind: 'prepare'; origin: string };

interface Host<T> {
  items: { item: T; notBefore: number }[];
  /** Index of the queue's head in `items` (taking from the front without shifting). */
  head: number;
  state: 'new' | 'preparing' | 'ready';
  busy: boolean;
  spacingMs: number;
  /** Earliest start of the host's next request (ms since the epoch). */
  nextAt: number;
}

/**
 * The crawl's queue, one FIFO per host (origin: scheme, host and port). A host has at
 * most one request in flight, and its next request starts `spacingMs` after the last
 * one finished (so the host sees them at least that far apart, however long each
 * took), so a slow or rate-limited host holds up only its own queue: `take` hands out
 * whichever other host is ready. Before its first request a host is prepared
 * (robots.txt read, spacing set). Pure bookkeeping: the caller supplies the clock.
 */
export class HostQueues<T> {
  readonly #hosts = new Map<string, Host<T>>();
  #pending = 0;

  /**
   * Queues an item for its host; `front` puts it first (a retry), `notBefore` holds it
   * (and so its host, whose order is kept) until then.
   */
  add(origin: string, item: T, options: { front?: boolean; notBefore?: number } = {}): void {
    let host = this.#hosts.get(origin);
    if (!host) {
      host = { items: [], head: 0, state: 'new', busy: false, spacingMs: 0, nextAt: 0 };
      this.#hosts.set(origin, host);
    }
    const entry = { item, notBefore: options.notBefore ?? 0 };
    if (options.front) {
      if (host.head > 0) host.items[--host.head] = entry;
      else host.items.unshift(entry);
    } else {
      host.items.push(entry);
    }
    this.#pending++;
  }

  /**
   * The next task whose host is free and due: the host waiting longest goes first, so
   * hosts are served in turn. Null when nothing is due now (see `nextDueAt`).
   */
  take(now: number): HostTask<T> | null {
    let best: { origin: string; host: Host<T> } | null = null;
    for (const [origin, host] of this.#hosts) {
      if (host.busy || host.state === 'preparing' || host.head >= host.items.length) continue;
      if (host.state === 'new') {
        host.state = 'preparing';
        return { kind: 'prepare', origin };
      }
      const due = Math.max(host.nextAt, (host.items[host.head] as { notBefore: number }).notBefore);
      if (due > now) continue;
      if (!best || host.nextAt < best.host.nextAt) best = { origin, host };
    }
    if (!best) return null;
    const { origin, host } = best;
    const entry = host.items[host.head] as { item: T };
    host.items[host.head] = undefined as never;
    host.head++;
    if (host.head > 1024 && host.head * 2 > host.items.length) {
      host.items = host.items.slice(host.head);
      host.head = 0;
    }
    this.#pending--;
    host.busy = true;
    return { kind: 'request', origin, item: entry.item };
  }

  /** A host's preparation (its robots.txt request) finished at `now`: requests may follow, `spacingMs` apart. */
  ready(origin: string, spacingMs: number, now: number): void {
    const host = this.#hosts.get(origin);
    if (!host) return;
    host.state = 'ready';
    host.spacingMs = Math.max(host.spacingMs, spacingMs);
    host.nextAt = now + host.spacingMs;
  }

  /**
   * The task taken from a host finished at `now`. `requested: false` (nothing was sent,
   * e.g. the URL was disallowed) leaves the host's turn where it was.
   */
  release(origin: string, requested: boolean, now: number): void {
    const host = this.#hosts.get(origin);
    if (!host) return;
    host.busy = false;
    if (requested) host.nextAt = now + host.spacingMs;
  }

  /** When a task next becomes due, or null when none waits on the clock (all done, or waiting on hosts in flight). */
  nextDueAt(): number | null {
    let earliest: number | null = null;
    for (const host of this.#hosts.values()) {
      if (host.busy || host.state !== 'ready' || host.head >= host.items.length) continue;
      const due = Math.max(host.nextAt, (host.items[host.head] as { notBefore: number }).notBefore);
      if (earliest === null || due < earliest) earliest = due;
    }
    return earliest;
  }

  /** Items waiting (not yet taken). */
  get pending(): number {
    return this.#pending;
  }

  /** Hosts with a task in flight (a request, or reading robots.txt). */
  get busyHosts(): number {
    let busy = 0;
    for (const host of this.#hosts.values()) if (host.busy || host.state === 'preparing') busy++;
    return busy;
  }
}
