import { main } from '../../src/cli/main.js';

/** Runs the CLI in-process with captured output. */
export async function runCli(
  args: string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'datakit', ...args], {
    out: (text) => {
      stdout += `${text}\n`;
    },
    err: (text) => {
      stderr += `${text}\n`;
    },
    cwd,
  });
  return { code, stdout, stderr };
}
