import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const repo = path.resolve(import.meta.dirname, '../../../..');
const fixtures = path.resolve(import.meta.dirname, '../config/fixtures');

describe('datakit CLI', () => {
  it('--help lists the commands with examples and exits 0', async () => {
    const { code, stdout } = await runCli(['--help'], repo);
    expect(code).toBe(0);
    expect(stdout).toContain('deploy');
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('Exit codes');
  });

  it('an unknown command is a usage error (exit 2) with a suggestion', async () => {
    const { code, stderr } = await runCli(['deplyo'], repo);
    expect(code).toBe(2);
    expect(stderr).toContain('Did you mean deploy?');
  });

  it('a config typo is exit 2 and names the key and the nearest valid key', async () => {
    const { code, stderr } = await runCli(['deploy', '--plan', '--config', 'typo.config.ts'], fixtures);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown key "warehouses.main.enviroments"');
    expect(stderr).toContain('did you mean "environments"');
  });

  it('--json errors are JSON on stdout', async () => {
    const { code, stdout } = await runCli(
      ['deploy', '--plan', '--json', '--config', 'typo.config.ts'],
      fixtures,
    );
    expect(code).toBe(2);
    const body = JSON.parse(stdout) as { ok: boolean; error: { code: string; context: { key: string } } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('CONFIG');
    expect(body.error.context.key).toBe('warehouses.main.enviroments');
  });

  it('a missing environment variable names the variable and where it is used (exit 2)', async () => {
    const { code, stderr } = await runCli(['deploy', '--plan', '--env', 'prod'], repo);
    expect(code).toBe(2);
    expect(stderr).toContain('DATAKIT_PROD_WAREHOUSE_URL is not set');
    expect(stderr).toContain('warehouses.demo.environments.prod.url');
  });

  it('runs as `npx datakit` through the installed bin', async () => {
    const { stdout } = await promisify(execFile)('npx', ['datakit', '--version'], { cwd: repo });
    expect(stdout.trim()).toBe('0.1.0');
  });
});
