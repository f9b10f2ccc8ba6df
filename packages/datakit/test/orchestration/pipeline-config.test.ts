import { describe, expect, test } from 'vitest';
import { validateConfig } from '../../src/config/load-config.js';
import type { TaskConfig } from '../../src/config/pipeline-config.js';
import { validatePipelines } from '../../src/orchestration/dag/validate-pipelines.js';
import { mart, rawA, warehouseWith } from './fixtures.js';

const configWith = (pipeline: Record<string, unknown>) => {
  const main = warehouseWith([]);
  return { warehouses: { main: { ...main, pipelines: { nightly: pipeline } } } };
};
const messageOf = (config: unknown) => {
  try {
    validatePipelines(validateConfig(config, 'datakit.config.ts'), 'datakit.config.ts');
  } catch (error) {
    return `${(error as Error).message} | ${(error as { hint?: string }).hint ?? ''}`;
  }
  return 'valid';
};

describe('pipelines in datakit.config.ts', () => {
  test('a valid pipeline passes', () => {
    const tasks: TaskConfig[] = [
      { transfer: 'customer', retries: 2 },
      { name: 'mart', reads: [{ layer: 'bronze', table: rawA }], writes: [mart], run: async () => {} },
    ];
    expect(
      messageOf(configWith({ schedule: '0 2 * * *', timezone: 'Europe/Amsterdam', catchup: 'all', tasks })),
    ).toBe('valid');
  });

  test('a typo in a pipeline or task key names the nearest valid key', () => {
    expect(messageOf(configWith({ shedule: '0 2 * * *', tasks: [] }))).toBe(
      'datakit.config.ts: unknown key "warehouses.main.pipelines.nightly.shedule" — did you mean "schedule"? | Rename "shedule" to "schedule".',
    );
    expect(messageOf(configWith({ tasks: [{ transfer: 'customer', retires: 2 }] }))).toContain(
      'unknown key "warehouses.main.pipelines.nightly.tasks.0.retires" — did you mean "retries"?',
    );
  });

  test('a bad cron expression, time zone or limit is reported where it is', () => {
    expect(messageOf(configWith({ schedule: '61 * * * *', tasks: [] }))).toContain(
      'warehouses.main.pipelines.nightly.schedule "61 * * * *" is not a cron expression: CronPattern: Invalid value for minute: 61',
    );
    expect(messageOf(configWith({ timezone: 'Mars/Olympus', tasks: [] }))).toContain(
      'timezone is not an IANA time zone',
    );
    expect(messageOf(configWith({ concurrency: 0, tasks: [] }))).toContain(
      'warehouses.main.pipelines.nightly.concurrency',
    );
  });

  test('a dimension task needs a defineDimension(...) result', () => {
    expect(
      messageOf(configWith({ kindConcurrency: { dimension: 1 }, tasks: [{ dimension: { name: 'x' } }] })),
    ).toContain(
      'warehouses.main.pipelines.nightly.tasks.0.dimension expected a dimension made with defineDimension(...)',
    );
  });

  test('DAG errors are load-time errors of the config file', () => {
    expect(messageOf(configWith({ tasks: [{ transfer: 'custmer' }] }))).toBe(
      'datakit.config.ts: warehouses.main.pipelines.nightly.tasks[0] runs transfer "custmer", which the warehouse does not declare | Did you mean "customer"?',
    );
    expect(messageOf(configWith({ tasks: [{ name: 'a', after: ['a'], run: async () => {} }] }))).toContain(
      'tasks[0].after[0] names the task itself',
    );
  });
});
