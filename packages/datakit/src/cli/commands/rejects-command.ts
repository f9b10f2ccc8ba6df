import type { Command } from 'commander';
import { DatakitError } from '../../errors/datakit-error.js';
import type { RejectLoadFilter } from '../../store/loads/list-reject-loads.js';
import { addCommonOptions } from '../add-common-options.js';
import type { CliIO, CommonOptions } from '../cli-context.js';

interface RejectsFlags extends CommonOptions {
  load?: string;
  transfer?: string;
  run?: string;
  all?: boolean;
  csv?: boolean;
  limit: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The loads the flags choose, or a usage error for flags that conflict or do not parse. */
function filterOf(flags: RejectsFlags): { filter: RejectLoadFilter; limit: number } {
  const chosen = (['load', 'transfer', 'run'] as const).filter((f) => flags[f] !== undefined);
  if (chosen.length > 1)
    throw new DatakitError('USAGE', `--${chosen.join(' and --')} cannot be combined`, {
      hint: 'Choose the loads with one of --load, --transfer and --run.',
    });
  if (flags.json && flags.csv) throw new DatakitError('USAGE', '--json and --csv cannot be combined');
  if (flags.all && (flags.load !== undefined || flags.run !== undefined))
    throw new DatakitError('USAGE', `--all goes with --transfer (or alone), not with --${chosen[0]}`, {
      hint: '--all lists every load of a transfer, or every load that rejected rows.',
    });
  const limit = Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new DatakitError('USAGE', `--limit ${flags.limit} is not a positive whole number`);
  if (flags.load !== undefined) {
    if (!UUID.test(flags.load))
      throw new DatakitError('USAGE', `--load ${JSON.stringify(flags.load)} is not a load id`, {
        hint: 'A load id is a UUID, as datakit transfer prints it (0f8fad5b-d9cb-469f-a165-70867728950e).',
      });
    return { filter: { by: 'load', loadId: flags.load }, limit };
  }
  if (flags.transfer !== undefined)
    return { filter: { by: 'transfer', name: flags.transfer, all: flags.all === true }, limit };
  if (flags.run !== undefined) {
    if (!/^\d+$/.test(flags.run))
      throw new DatakitError('USAGE', `--run ${JSON.stringify(flags.run)} is not a run id`, {
        hint: 'A run id is a number, as datakit runs lists them.',
      });
    return { filter: { by: 'run', runId: flags.run }, limit };
  }
  return { filter: { by: flags.all ? 'all' : 'latest' }, limit };
}

/**
 * `datakit rejects`: the rows the loads of a warehouse's environment rejected, with their stage,
 * rule, column, key, value, reason and the stored row, read from the run store (on every warehouse,
 * embedded PGlite included). By default the latest load of each transfer and SQL transform; or one
 * load, a transfer's latest load (every one with `--all`), or a run's loads. Exit 0 whether or not
 * rows were rejected.
 *
 * @example
 * ```sh
 * npx datakit rejects --env dev
 * npx datakit rejects --load 0f8fad5b-d9cb-469f-a165-70867728950e --csv > rejects.csv
 * npx datakit rejects --run 42 --json
 * ```
 */
export function registerRejectsCommand(program: Command, io: CliIO): void {
  const command = program
    .command('rejects')
    .description(
      'Show rejected rows from the run store: reason, column, value and the row, per load (latest of each transfer by default).',
    )
    .option('--load <id>', 'the rejects of one load (the id datakit transfer and datakit runs print)')
    .option('--transfer <name>', 'the latest load of a transfer or SQL transform task')
    .option('--run <id>', "the loads of a pipeline run's tasks")
    .option('--all', 'every load (of the transfer, or every one that rejected rows), not only the latest')
    .option('--limit <n>', 'at most this many rejected rows; a line says how many more there are', '100')
    .option('--csv', 'print CSV (RFC 4180): a header, then one record per rejected row');
  addCommonOptions(command, 'print JSON: { ok, warehouse, env, loads, rejects, shown, total, more }')
    .addHelpText(
      'after',
      `
Examples:
  $ npx datakit rejects --env dev              the latest load of each transfer and SQL transform
  $ npx datakit rejects --transfer customer    its latest load; --all for every one, newest first
  $ npx datakit rejects --load 0f8fad5b-d9cb-469f-a165-70867728950e
  $ npx datakit rejects --run 42 --json        the rejects of a pipeline run, as JSON
  $ npx datakit rejects --all --csv --limit 100000 > rejects.csv

The table cuts long cells (…) and escapes control characters; --json and --csv print every field
in full. JSON: loads [{ loadId, name, kind, runId, sourceTable, targetTable, status, startedAt,
rowsRejected, stored }] and rejects [{ loadId, transfer, runId, sourceTable, targetTable, stage, rule,
column, key, value, rowNumber, message, hint, row, datakit, datakitVersion, at }]; CSV: the same
reject fields in snake_case. Past --limit, a line (on stderr for --csv) says how many more there are.
Exit codes: 0 it ran (rows rejected or not), 1 failure (no run store, a database error),
2 usage error (conflicting flags; a malformed or unknown load id, transfer or run).`,
    )
    .action(async (flags: RejectsFlags) => {
      const { filter, limit } = filterOf(flags);
      const { loadTarget } = await import('../cli-context.js');
      const { openRunStore } = await import('../../orchestration/environment/open-run-store.js');
      const { DEFAULT_STORE_SCHEMA: store } = await import('../../store/store-schema.js');
      const { listRejectLoads } = await import('../../store/loads/list-reject-loads.js');
      const { readRejects } = await import('../../store/loads/read-rejects.js');
      const { rejectView, rejectsCsv } = await import('../reject-view.js');
      const { formatRejects } = await import('../format-rejects.js');
      const { target } = await loadTarget(flags, io);
      const scope = { warehouse: target.warehouseName, environment: target.envName };
      const where = `warehouse "${target.warehouseName}" (${target.envName})`;
      const conn = await openRunStore(target.warehouseUrl());
      try {
        const loads = await listRejectLoads(conn, scope, filter, store);
        if (loads.length === 0) {
          const { explainNoLoads } = await import('../explain-no-loads.js');
          const note = await explainNoLoads(conn, { filter, scope, where, target }, store);
          if (flags.json)
            io.out(
              JSON.stringify(
                { ok: true, ...scopeJson(target), loads: [], rejects: [], shown: 0, total: 0, more: 0 },
                null,
                2,
              ),
            );
          else if (flags.csv) io.out(rejectsCsv([]).replace(/\n$/, ''));
          else io.out(note);
          return;
        }
        const withRejects = loads.filter((l) => l.stored > 0).map((l) => l.loadId);
        const rejects = await readRejects(conn, withRejects, limit, store);
        const byId = new Map(loads.map((l) => [l.loadId, l]));
        const views = rejects.map((r) => rejectView(r, byId.get(r.loadId)));
        const total = loads.reduce((sum, l) => sum + l.stored, 0);
        const more = total - views.length;
        if (flags.json) {
          io.out(
            JSON.stringify(
              { ok: true, ...scopeJson(target), loads, rejects: views, shown: views.length, total, more },
              null,
              2,
            ),
          );
        } else if (flags.csv) {
          // io.out ends the text with LF: the CSV's last CRLF loses its LF to it.
          io.out(rejectsCsv(views).replace(/\n$/, ''));
          if (more > 0) io.err(`${more} more rejected rows not shown: --limit ${total} prints them all.`);
        } else {
          io.out(formatRejects({ loads, views, total, scope: scopePhrase(filter, where) }));
        }
      } finally {
        await conn.close();
      }
    });
}

function scopeJson(target: { warehouseName: string; envName: string }) {
  return { warehouse: target.warehouseName, env: target.envName };
}

function scopePhrase(filter: RejectLoadFilter, where: string): string {
  switch (filter.by) {
    case 'latest':
      return `the latest loads of ${where}`;
    case 'all':
      return where;
    case 'load':
      return `load ${filter.loadId}`;
    case 'transfer':
      return `${filter.all ? 'the loads' : 'the latest load'} of "${filter.name}"`;
    case 'run':
      return `run ${filter.runId}`;
  }
}
