import { isNetworkError } from './unreachable-error.js';

// A name that does not resolve says nothing about the server itself: no reason to give up on it.
const INCONCLUSIVE = new Set(['ENOTFOUND', 'EAI_AGAIN']);

/**
 * Whether a probe of a server got an answer within `budgetMs`: `attempt` (connect and run a
 * trivial statement) succeeded, or failed with an error the server itself sent (`fromServer`:
 * too many connections, rejected credentials: it is alive). A timeout or a network failure is
 * no answer; anything else is inconclusive and counts as an answer, so a statement is never
 * given up on without evidence.
 *
 * @example
 * ```ts
 * const alive = await serverAnswers(client.connect().then(() => client.query('select 1')), 5000, (e) => 'severity' in e);
 * ```
 * @internal
 */
export async function serverAnswers(
  attempt: Promise<unknown>,
  budgetMs: number,
  fromServer: (error: object) => boolean,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), budgetMs);
  });
  const answer = attempt.then(
    () => true,
    (error: unknown) => {
      if (typeof error !== 'object' || error === null) return true;
      if (fromServer(error)) return true;
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && INCONCLUSIVE.has(code)) return true;
      return !isNetworkError(error);
    },
  );
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}
