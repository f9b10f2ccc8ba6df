import { type Connection, connect } from 'datakit-warehouse';
import type { DemoLocations } from './demo-locations.js';

/** The demo's open connections; systems that share a URL share a connection. */
export interface DemoConnections {
  warehouse: Connection;
  /** Source system → its connection. */
  sources: Record<string, Connection>;
  /** Closes every connection (once each). */
  close(): Promise<void>;
}

/**
 * Opens the warehouse and every distinct source URL at once (PGlite instances start in
 * parallel); if one fails, the others are closed before the error is thrown.
 *
 * @example
 * ```ts
 * const conns = await openDemoConnections(locations);
 * try { await conns.warehouse.query('select 1'); } finally { await conns.close(); }
 * ```
 */
export async function openDemoConnections(
  locations: Pick<DemoLocations, 'warehouseUrl' | 'sourceUrls'>,
): Promise<DemoConnections> {
  const urls = [...new Set([locations.warehouseUrl, ...Object.values(locations.sourceUrls)])];
  const settled = await Promise.allSettled(urls.map((url) => connect(url)));
  const opened = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const close = async () => {
    await Promise.allSettled(opened.map((c) => c.close()));
  };
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  const byUrl = new Map(urls.map((url, i) => [url, opened[i] as Connection]));
  return {
    warehouse: byUrl.get(locations.warehouseUrl) as Connection,
    sources: Object.fromEntries(
      Object.entries(locations.sourceUrls).map(([system, url]) => [system, byUrl.get(url) as Connection]),
    ),
    close,
  };
}
