#!/usr/bin/env node
// Runs the compiled CLI. TypeScript (the user's datakit.config.ts and the modules it imports) is
// loaded through tsx, registered only when such a file is imported, after the library itself.
import module from 'node:module';

module.enableCompileCache?.();
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist')) throw error;
  process.stderr.write(
    'error: datakit is not built (no dist/). Run `npm run build` in packages/datakit, or `npm install` at the repository root.\n',
  );
  process.exit(2);
}
process.exitCode = await cli.main(process.argv, undefined, () => import('../dist/index.js'));
