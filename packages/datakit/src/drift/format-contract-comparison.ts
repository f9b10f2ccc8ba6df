import { type ContractComparison, versionLabel } from './compare-datakits.js';

/**
 * Human text for `datakit breaking`: every change with the bump it needs, then the verdict and,
 * when the declared version is not enough, the version to use.
 *
 * @example
 * ```ts
 * process.stdout.write(formatContractComparison(compareDatakits(older, newer)));
 * // major  Column "customer"."email": removed. 1.0.0 (HEAD~1) has varchar(255) not null; 1.0.0 (working tree) has no such column.
 * // system-a 1.0.0 (HEAD~1) → 1.0.0 (working tree) declares no bump, but the changes need major: use 2.0.0.
 * ```
 */
export function formatContractComparison(comparison: ContractComparison): string {
  const lines = comparison.changes.map((c) => `${c.bump.padEnd(6)} ${c.message}`);
  const name = comparison.newer.name ?? comparison.older.name ?? 'datakit';
  const span = `${name} ${versionLabel(comparison.older)} → ${versionLabel(comparison.newer)}`;
  if (comparison.changes.length === 0) {
    lines.push(`${span}: no contract changes.`);
  } else if (comparison.declared === 'downgrade') {
    lines.push(
      `${span} lowers the version, but the changes need a ${comparison.required} bump: use ${comparison.suggestedVersion}.`,
    );
  } else if (comparison.sufficient) {
    lines.push(
      `${span} declares a ${comparison.declared} bump; the changes need ${comparison.required}: ok.`,
    );
  } else {
    const declared = comparison.declared === 'none' ? 'no bump' : `a ${comparison.declared} bump`;
    lines.push(
      `${span} declares ${declared}, but the changes need ${comparison.required}: use ${comparison.suggestedVersion}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
