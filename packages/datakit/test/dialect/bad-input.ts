import { describe, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import { DatakitError } from '../../src/errors/datakit-error.js';

/** URLs that must fail with a clear, secret-free error. */
export interface BadInputOptions {
  /** A URL with `secret` as its password whose server does not answer (e.g. 127.0.0.1:1). */
  unreachableUrl: string;
  /** A URL with `secret` as its password whose credentials the server rejects. */
  wrongCredentialsUrl: string;
  /** The user in `wrongCredentialsUrl`. */
  user: string;
  secret: string;
}

/** Everything a user could see of an error, to check that no secret is in any of it. */
function visibleText(error: DatakitError): string {
  const cause =
    error.cause instanceof Error ? `${error.cause.message}\n${error.cause.stack ?? ''}` : String(error.cause);
  return [
    error.message,
    error.hint,
    error.describe(),
    JSON.stringify(error.toJSON()),
    String(error),
    error.stack,
    cause,
  ].join('\n');
}

async function failure(url: string): Promise<DatakitError> {
  const result = await connect(url).then(
    async (conn) => {
      await conn.close();
      return undefined;
    },
    (error: unknown) => error,
  );
  expect(result).toBeInstanceOf(DatakitError);
  return result as DatakitError;
}

/** Unreachable server and rejected credentials, for a dialect with a server. */
export function describeBadInput(name: string, options: () => BadInputOptions): void {
  describe(`bad connection input: ${name}`, () => {
    it('names host and port and what to check when the server does not answer', async () => {
      const { unreachableUrl, secret } = options();
      const url = new URL(unreachableUrl);
      const error = await failure(unreachableUrl);
      expect(error.code).toBe('CONNECTION');
      expect(error.message).toContain(`${url.hostname}:${url.port}`);
      expect(error.hint).toMatch(/running/);
      expect(error.hint).toMatch(/firewall/);
      expect(error.context).toMatchObject({ host: url.hostname, port: Number(url.port) });
      expect(visibleText(error)).not.toContain(secret);
    });

    it('gives AUTH naming the user and host, never the password, for rejected credentials', async () => {
      const { wrongCredentialsUrl, secret, user } = options();
      const url = new URL(wrongCredentialsUrl);
      const error = await failure(wrongCredentialsUrl);
      expect(error.code).toBe('AUTH');
      expect(error.message).toContain(`"${user}"`);
      expect(error.message).toContain(url.hostname);
      expect(visibleText(error)).not.toContain(secret);
    });
  });
}
