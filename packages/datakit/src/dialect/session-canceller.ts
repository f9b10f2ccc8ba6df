/**
 * How a server dialect cancels the statements of a group of sessions from outside them: the
 * sessions are opened with a tag in their URL, and `cancel` interrupts every statement the
 * tagged sessions are running. Dialects that run in this thread (PGlite) have none.
 *
 * @example
 * ```ts
 * const canceller = postgresDialect.canceller!;
 * const conn = await connect(canceller.tag(url, 'dk-task-1a2b'));
 * void conn.query('select pg_sleep(60)');
 * await canceller.cancel(url, 'dk-task-1a2b'); // the query fails with "canceling statement"
 * ```
 */
export interface SessionCanceller {
  /** The URL whose sessions carry `tag` (at most 63 characters). */
  tag(url: string, tag: string): string;
  /** Cancels the running statements of the sessions tagged `tag`; returns how many. */
  cancel(url: string, tag: string): Promise<number>;
  /** Ends the sessions tagged `tag` (their transactions roll back); returns how many. */
  terminate(url: string, tag: string): Promise<number>;
}
