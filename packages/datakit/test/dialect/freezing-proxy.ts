import net from 'node:net';

/** A TCP proxy in front of a database server that can go silent, as a vanished server does. */
export interface FreezingProxy {
  readonly port: number;
  /** Client connections accepted so far (a watchdog's probes count). */
  readonly accepted: number;
  /** When it went silent (`performance.now()`), if it did. */
  readonly frozenAt: number | undefined;
  /**
   * Stops forwarding in both directions without closing anything, and holds new connections
   * open without ever reaching the server: nothing is refused or reset, nothing arrives.
   */
  freeze(): void;
  /** Freezes once `bytes` more bytes have gone to the clients (or to the server): mid-transfer. */
  freezeAfter(bytes: number, direction?: 'to-clients' | 'to-server'): void;
  /** `url` pointed at the proxy, with extra query parameters. */
  url(url: string, params?: Record<string, string>): string;
  /** Destroys every connection (the server then sees its sessions end) and stops listening. */
  close(): Promise<void>;
}

/**
 * Starts a proxy to the server of `url` on a free local port.
 *
 * @example
 * ```ts
 * const proxy = await startFreezingProxy(db.url);
 * const conn = await connect(proxy.url(db.url, { unresponsive_timeout: '2' }));
 * proxy.freeze(); // the next statement waits on a server that is gone
 * ```
 */
export async function startFreezingProxy(url: string): Promise<FreezingProxy> {
  const target = new URL(url);
  const host = target.hostname;
  const port = Number(target.port || (target.protocol.startsWith('postgres') ? 5432 : 3306));
  const sockets = new Set<net.Socket>();
  const pairs: [net.Socket, net.Socket][] = [];
  let frozen = false;
  let frozenAt: number | undefined;
  let accepted = 0;
  const sent = { 'to-clients': 0, 'to-server': 0 };
  let trigger: { direction: keyof typeof sent; at: number } | undefined;
  const count = (direction: keyof typeof sent) => (chunk: Buffer) => {
    sent[direction] += chunk.length;
    if (trigger?.direction === direction && sent[direction] >= trigger.at) freeze();
  };
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.once('close', () => sockets.delete(socket));
  };
  const halt = (a: net.Socket, b: net.Socket) => {
    a.unpipe(b);
    b.unpipe(a);
    a.pause();
    b.pause();
  };
  const freeze = () => {
    if (frozen) return;
    frozen = true;
    frozenAt = performance.now();
    for (const [client, server] of pairs) halt(client, server);
  };
  const server = net.createServer((client) => {
    accepted++;
    track(client);
    if (frozen) {
      client.pause();
      return;
    }
    const upstream = net.connect({ host, port });
    track(upstream);
    pairs.push([client, upstream]);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    upstream.on('data', count('to-clients'));
    client.on('data', count('to-server'));
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    get accepted() {
      return accepted;
    },
    get frozenAt() {
      return frozenAt;
    },
    freeze,
    freezeAfter(bytes, direction = 'to-clients') {
      trigger = { direction, at: sent[direction] + bytes };
    },
    url(original, params = {}) {
      const proxied = new URL(original);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(address.port);
      for (const [k, v] of Object.entries(params)) proxied.searchParams.set(k, v);
      return proxied.toString();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
