import { bronze, customerFromSystemA, orderFromSystemD } from '@datakit-examples/bronze';
import { systemA } from '@datakit-examples/system-a';
import { systemD } from '@datakit-examples/system-d';
import { systemE } from '@datakit-examples/system-e';
import { defineConfig } from 'datakit-warehouse';
import { raw } from './raw-category.js';

export default defineConfig({
  defaultEnvironment: 'dev', // used when --env is not given (default: 'dev')
  warehouses: {
    main: {
      // Which datakits each layer deploys, and to which schema ({layer} and {system} are replaced).
      layers: {
        bronze: { datakits: [bronze, raw], schema: '{layer}' },
        silver: { datakits: [bronze] },
      },
      // Source system name → the datakit describing it (the name is used by environments and transfers).
      sources: { 'system-a': systemA, 'system-d': systemD, 'system-e': systemE },
      environments: {
        dev: {
          url: 'pglite://.datakit/dev/warehouse', // relative PGlite paths start at this file's folder
          sources: {
            'system-a': 'pglite://.datakit/dev/sources',
            'system-d': '${env:SYSTEM_D_DEV_URL}', // from the environment or a .env file next to this file
            'system-e': 'pglite://.datakit/dev/sources',
          },
        },
        prod: {
          url: '${env:WAREHOUSE_PROD_URL}',
          sources: {
            'system-a': '${env:SYSTEM_A_PROD_URL}',
            'system-d': '${env:SYSTEM_D_PROD_URL}',
            'system-e': '${env:SYSTEM_E_PROD_URL}',
          },
        },
      },
      transfers: {
        // Incremental: only rows whose updated_at is past the last load's; the cursor is saved with the data.
        customer: {
          from: 'system-a',
          source: systemA.tables.customer,
          target: bronze.tables.customer,
          transform: customerFromSystemA,
          disposition: 'merge',
          options: { cursor: 'updated_at', maxRejects: 100 },
        },
        // Parallel: four source connections, each reading a range of the primary key.
        order: {
          from: 'system-d',
          source: systemD.tables.orders,
          target: bronze.tables.order,
          transform: orderFromSystemD,
          options: { partitions: 4, batchSize: 5000, maxRejects: 0.01 },
        },
        // No transform: the target has the source's keys, so each row is copied as it is.
        raw_category: { from: 'system-e', source: systemE.tables.category, target: raw.tables.category },
      },
    },
  },
});
