import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScript } from '../support/child-process.js';

const CHILD = fileURLToPath(new URL('./guard-child.ts', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/datakit.js', import.meta.url));

/** Runs the built CLI with its stdout closed before it writes a byte, as `| head` does early. */
function withClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('the CLI last-resort guard', () => {
  it('a command that never settles exits 1 with a message, not a silent 13', async () => {
    const { code, stderr } = await runScript(CHILD, ['unsettled']).outcome;
    expect(code).toBe(1);
    expect(stderr).toContain('error: The command stopped before it finished');
    expect(stderr).toContain('fix: ');
  }, 30_000);

  it('an unhandled rejection exits 1 with the error and its fix, no stack trace', async () => {
    const { code, stderr } = await runScript(CHILD, ['rejection']).outcome;
    expect(code).toBe(1);
    expect(stderr).toContain('error: Lost the connection to postgres://etl@db:5432/dw: reset');
    expect(stderr).toContain('fix: run it again');
    expect(stderr).not.toMatch(/^\s+at /m);
  }, 30_000);

  it("an 'error' event nobody listens to exits 1 with a message, not Node's crash output", async () => {
    const { code, stderr } = await runScript(CHILD, ['error-event']).outcome;
    expect(code).toBe(1);
    expect(stderr).toContain('error: Unexpected failure: Connection terminated unexpectedly');
    expect(stderr).not.toContain("Unhandled 'error' event");
    expect(stderr).not.toMatch(/^\s+at /m);
  }, 30_000);

  it('--json reports the failure as JSON on stdout', async () => {
    const { code, stdout } = await runScript(CHILD, ['unsettled', 'json']).outcome;
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  }, 30_000);

  it('a reader that closes the pipe early (| head) ends the command quietly with its exit code', async () => {
    for (const args of [['rejects', '--help'], ['transfer', '--help'], ['--help']]) {
      const { code, stderr } = await withClosedStdout(args);
      expect(stderr, args.join(' ')).toBe('');
      expect(code, args.join(' ')).toBe(0);
    }
  }, 30_000);
});
