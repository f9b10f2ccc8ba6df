import { bronze } from '@datakit-examples/bronze';
import { systemA } from '@datakit-examples/system-a';
import { defineConfig } from 'datakit';

/**
 * The example warehouse: System A into bronze, and the same contracts with every constraint in
 * silver. `dev` runs on embedded PGlite; `test` and `prod` read their URLs from the environment.
 */
export default defineConfig({
  defaultEnvironment: 'dev',
  warehouses: {
    demo: {
      layers: {
        bronze: { datakits: [bronze] },
        silver: { datakits: [bronze] },
      },
      sources: { 'system-a': systemA },
      environments: {
        dev: {
          url: 'pglite://.datakit/dev/warehouse',
          sources: { 'system-a': 'pglite://.datakit/dev/system-a' },
        },
        test: {
          url: '${env:DATAKIT_TEST_WAREHOUSE_URL}',
          sources: { 'system-a': '${env:DATAKIT_TEST_SYSTEM_A_URL}' },
        },
        prod: {
          url: '${env:DATAKIT_PROD_WAREHOUSE_URL}',
          sources: { 'system-a': '${env:DATAKIT_PROD_SYSTEM_A_URL}' },
        },
      },
    },
  },
});
