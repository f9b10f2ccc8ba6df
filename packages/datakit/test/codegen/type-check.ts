import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
/** Generated modules live here (gitignored), inside the repo so `datakit-warehouse` and `drizzle-orm` resolve. */
export const GENERATED = path.join(here, '.generated');

/** A fresh folder under `.generated/` for one test's modules. */
export async function generatedDir(prefix: string): Promise<string> {
  const dir = path.join(GENERATED, `${prefix}-${randomBytes(4).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * Runs tsc with the repository's strict tsconfig on the `.ts` files of `dir` and returns the
 * errors reported in them (errors elsewhere in the repository belong to other work).
 */
export async function typeCheck(dir: string): Promise<string[]> {
  const config = path.join(dir, 'tsconfig.json');
  const root = path.relative(dir, path.resolve(here, '../../../../tsconfig.json'));
  await writeFile(config, JSON.stringify({ extends: root, include: ['./**/*.ts'] }));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const output = await run(process.execPath, [tsc, '-p', config, '--noEmit'], {
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    (r) => r.stdout,
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
  const mine = path.relative(path.resolve(here, '../../../..'), dir);
  return output.split('\n').filter((line) => line.includes(mine) || line.includes(path.basename(dir)));
}
