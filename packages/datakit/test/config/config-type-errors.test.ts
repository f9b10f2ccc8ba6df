import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../../..');
const fixtures = path.resolve(import.meta.dirname, '../fixtures/type-errors');

/** The errors tsc reports in `file` with the repository's tsconfig, each as its full text. */
function typeErrors(file: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(repo, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.json did not parse');
  const program = ts.createProgram([file], config.options);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('a typo in a config is a short tsc error', () => {
  it('a pipeline task naming an undeclared transfer names it and the declared ones', () => {
    const errors = typeErrors(path.join(fixtures, 'pipeline-transfer-typo.ts'));
    expect(errors).toHaveLength(1);
    const [error] = errors as [string];
    expect(error).toContain('no transfer custmer in this warehouse; its transfers are');
    expect(error).toMatch(/"customer" \| "invoice"|"invoice" \| "customer"/);
    expect(error).not.toContain('DimensionTaskConfig');
    expect(error.length).toBeLessThan(800);
  }, 60_000);
});
