import type { Command } from 'commander';
import type { DeployResult } from '../../deploy/deploy-warehouse.js';
import type { DeployPlan, DeployStep } from '../../drift/deploy-step.js';
import type { DriftChange } from '../../drift/diff-table.js';
import { formatDuration } from '../../format/format-duration.js';
import { addCommonOptions } from '../add-common-options.js';
import type { CliIO, CommonOptions } from '../cli-context.js';

interface DeployFlags extends CommonOptions {
  plan?: boolean;
  allowDestructive?: boolean;
}

/**
 * `datakit deploy`: plans and applies the warehouse's layered tables.
 *
 * @example
 * ```sh
 * npx datakit deploy --plan --env dev
 * npx datakit deploy --env prod --allow-destructive --json
 * ```
 */
export function registerDeployCommand(
  program: Command,
  io: CliIO,
  setExitCode: (code: number) => void,
): void {
  const command = program
    .command('deploy')
    .description(
      'Create or update the schemas and tables of every layer (bronze, silver, gold), idempotently.',
    )
    .option('--plan', 'print the statements and change nothing')
    .option('--allow-destructive', 'also apply drops, retypes and new NOT NULL columns');
  addCommonOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  $ npx datakit deploy --plan --env dev
  $ npx datakit deploy --env dev
  $ npx datakit deploy --env prod --allow-destructive`,
    )
    .action(async (flags: DeployFlags) => {
      const { loadTarget, withConnection } = await import('../cli-context.js');
      const { deployWarehouse } = await import('../../deploy/deploy-warehouse.js');
      const { missingPgliteDirectory } = await import('../../dialect/pglite/missing-pglite-directory.js');
      const { target } = await loadTarget(flags, io);
      // --plan creates nothing: a PGlite directory that does not exist yet is planned in memory.
      const missing = flags.plan ? missingPgliteDirectory(target.warehouseUrl()) : undefined;
      const planned = await withConnection(
        missing ? 'pglite://memory' : target.warehouseUrl(),
        (connection) =>
          deployWarehouse({
            warehouse: target.warehouse,
            connection,
            apply: !flags.plan,
            allowDestructive: Boolean(flags.allowDestructive),
          }),
      );
      const result = missing ? notCreatedYet(planned, missing) : planned;
      if (result.status === 'refused') setExitCode(1);
      if (flags.json) {
        const body = {
          ok: result.status !== 'refused',
          warehouse: target.warehouseName,
          env: target.envName,
          ...result,
          plan: planJson(result.plan),
        };
        io.out(JSON.stringify(body, null, 2));
        return;
      }
      io.out(formatDeploy(result, `${target.warehouseName}/${target.envName}`));
    });
}

/** A plan made in memory for a PGlite directory that does not exist: shown against that directory. */
function notCreatedYet(result: DeployResult, directory: string): DeployResult {
  const note = `the PGlite directory ${directory} does not exist yet: every table would be created (deploy without --plan creates it)`;
  return {
    ...result,
    target: `pglite://${directory}`,
    plan: { ...result.plan, notes: [note, ...result.plan.notes] },
  };
}

function formatDeploy(result: DeployResult, name: string): string {
  const lines = [`deploy ${name} → ${result.target}`];
  const store = result.store;
  if (store && store.applied.length > 0)
    lines.push(
      `run store: migrated from version ${store.from} to ${store.to} (${store.applied.map((m) => m.name).join(', ')})`,
    );
  for (const note of result.plan.notes) lines.push(`note: ${note}`);
  if (result.status === 'unchanged') {
    lines.push('No changes: the warehouse matches its contracts.');
    return lines.join('\n');
  }
  for (const step of result.plan.steps) {
    lines.push(`${step.destructive ? '!' : '+'} ${step.action} ${step.target}: ${step.reason}`);
    for (const sql of step.statements) lines.push(`    ${sql.replace(/\n/g, '\n    ')};`);
  }
  const safe = result.plan.steps.length - result.plan.destructive.length;
  const summary = `${result.plan.steps.length} change(s): ${safe} additive, ${result.plan.destructive.length} destructive`;
  if (result.status === 'planned') lines.push(`${summary}. Plan only: nothing was changed.`);
  if (result.status === 'applied') lines.push(`${summary}. Applied in ${formatDuration(result.durationMs)}.`);
  if (result.status === 'refused') {
    lines.push(`${summary}. REFUSED: nothing was changed because of the destructive change(s) marked "!":`);
    for (const step of result.plan.destructive) lines.push(`  - ${step.target}: ${step.reason}`);
    lines.push('  fix: review them, then run again with --allow-destructive (or change the contract).');
  }
  return lines.join('\n');
}

/** The plan for `--json`: steps without the changes they carry, each change once with its classification. */
function planJson(plan: DeployPlan) {
  const step = ({ changes: _changes, ...rest }: DeployStep) => rest;
  const change = (c: DriftChange) => ({
    kind: c.kind,
    table: c.table,
    ...('column' in c && c.column !== undefined ? { column: c.column } : {}),
    classification: c.classification,
    message: c.message,
    ...(c.fix ? { fix: c.fix } : {}),
  });
  return {
    steps: plan.steps.map(step),
    destructive: plan.destructive.map(step),
    changes: plan.changes.map(change),
    notes: plan.notes,
  };
}
