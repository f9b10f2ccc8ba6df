import type { TaskConnections } from '../../config/task-context.js';
import { connect, dialectFor } from '../../dialect/connect.js';
import type { Connection } from '../../dialect/connection.js';
import { parseConnectionUrl } from '../../dialect/parse-connection-url.js';
import { type ConnectionGuard, GuardedConnection } from './guarded-connection.js';

/**
 * Where a run's tasks connect: URLs (each attempt opens its own sessions, which can then be
 * cancelled) or connections the caller owns (shared; an abort only refuses new statements).
 *
 * @example
 * ```ts
 * const endpoints: ConnectionEndpoints = { warehouse: 'postgres://etl@dw/dw', sources: { 'system-a': 'mysql://ro@crm/crm' } };
 * ```
 */
export interface ConnectionEndpoints {
  warehouse: string | Connection;
  sources: Readonly<Record<string, string | Connection>>;
}

const CANCEL_EVERY_MS = 200;

class Endpoint implements ConnectionGuard {
  #opened: Promise<Connection> | undefined;
  #inFlight = 0;
  readonly #source: string | Connection;
  readonly #signal: AbortSignal;
  readonly #tag: string;

  constructor(source: string | Connection, signal: AbortSignal, tag: string) {
    this.#source = source;
    this.#signal = signal;
    this.#tag = tag;
  }

  connection(): Connection {
    const source = this.#source;
    const dialect = typeof source === 'string' ? dialectFor(parseConnectionUrl(source).kind) : source.dialect;
    const target = typeof source === 'string' ? parseConnectionUrl(source).redacted : source.target;
    return new GuardedConnection(dialect, target, this);
  }

  check(): void {
    if (this.#signal.aborted)
      throw this.#signal.reason instanceof Error ? this.#signal.reason : new Error('The task was aborted');
  }

  open(): Promise<Connection> {
    if (!this.#opened) {
      const source = this.#source;
      if (typeof source !== 'string') this.#opened = Promise.resolve(source);
      else {
        const canceller = dialectFor(parseConnectionUrl(source).kind).canceller;
        this.#opened = connect(canceller ? canceller.tag(source, this.#tag) : source);
      }
    }
    return this.#opened;
  }

  enter(): void {
    this.#inFlight++;
  }

  leave(): void {
    this.#inFlight--;
  }

  /** Cancels this attempt's running statements until none is left (or `until` passes). */
  async cancel(until: number): Promise<void> {
    const source = this.#source;
    if (typeof source !== 'string' || !this.#opened) return;
    const canceller = dialectFor(parseConnectionUrl(source).kind).canceller;
    if (!canceller) return;
    while (this.#inFlight > 0 && Date.now() < until) {
      await canceller.cancel(source, this.#tag).catch(() => 0);
      await new Promise((resolve) => setTimeout(resolve, CANCEL_EVERY_MS));
    }
  }

  /** Closes the sessions it opened; when a stuck task still holds one after `graceMs`, ends them. */
  async close(graceMs: number): Promise<void> {
    const source = this.#source;
    if (typeof source !== 'string' || !this.#opened) return;
    const closing = this.#opened.then((c) => c.close()).catch(() => {});
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), graceMs);
    });
    const outcome = await Promise.race([closing, late]);
    clearTimeout(timer);
    const canceller = dialectFor(parseConnectionUrl(source).kind).canceller;
    if (outcome === 'late' && canceller) await canceller.terminate(source, this.#tag).catch(() => 0);
  }
}

/**
 * The connections of one task attempt: opened on first use, tagged so that an abort cancels
 * exactly this attempt's statements, refused once aborted, and all closed by `close()`.
 *
 * @example
 * ```ts
 * const attempt = new AttemptConnections(endpoints, controller.signal, 'dk-42-customer-1');
 * await task.run({ ...ctx, connections: attempt.connections });
 * await attempt.close();
 * ```
 * @internal
 */
export class AttemptConnections {
  readonly connections: TaskConnections;
  readonly #endpoints: Endpoint[];

  constructor(endpoints: ConnectionEndpoints, signal: AbortSignal, tag: string) {
    const warehouse = new Endpoint(endpoints.warehouse, signal, tag);
    const sources = Object.entries(endpoints.sources).map(
      ([name, source]) => [name, new Endpoint(source, signal, tag)] as const,
    );
    this.#endpoints = [warehouse, ...sources.map(([, e]) => e)];
    this.connections = {
      warehouse: warehouse.connection(),
      sources: Object.fromEntries(sources.map(([name, e]) => [name, e.connection()])),
    };
  }

  /** Cancels the running statements of this attempt (server dialects), for at most `graceMs`. */
  cancel(graceMs: number): Promise<void> {
    const until = Date.now() + graceMs;
    return Promise.all(this.#endpoints.map((e) => e.cancel(until))).then(() => undefined);
  }

  /** Closes every session of the attempt, ending those a stuck task still holds after `graceMs`. */
  async close(graceMs = 5000): Promise<void> {
    await Promise.allSettled(this.#endpoints.map((e) => e.close(graceMs)));
  }
}
