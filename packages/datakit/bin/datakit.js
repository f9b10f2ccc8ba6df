#!/usr/bin/env node
// Registers tsx so the CLI, and the user's datakit.config.ts, run from TypeScript source without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
