import {
  addressFromSystemA,
  bronze,
  categoryFromSystemE,
  customerFromSystemA,
  orderFromSystemD,
  orderLineFromSystemD,
  productFromSystemE,
} from '@datakit-examples/bronze';
import { systemA } from '@datakit-examples/system-a';
import { systemD } from '@datakit-examples/system-d';
import { systemE } from '@datakit-examples/system-e';
import { defineConfig } from 'datakit-warehouse';
import { customerDimension } from './src/gold/dim-customer.js';
import { dateDimensionTask } from './src/gold/dim-date.js';
import { productDimension } from './src/gold/dim-product.js';
import { orderLineFact } from './src/gold/fact-order-line.js';
import { gold } from './src/gold/gold.js';
import { monthlyRevenueTransform } from './src/gold/monthly-revenue.js';
import { goldChecks } from './src/quality/gold-checks.js';
import { silverChecks } from './src/quality/silver-checks.js';
import { silverAddress } from './src/silver/silver-address.js';
import { silverCategory } from './src/silver/silver-category.js';
import { silverCustomer } from './src/silver/silver-customer.js';
import { silverOrder } from './src/silver/silver-order.js';
import { silverOrderLine } from './src/silver/silver-order-line.js';
import { silverProduct } from './src/silver/silver-product.js';

const t = bronze.tables;

/**
 * The demo warehouse: Systems A (CRM), D (orders, MySQL) and E (catalog) into bronze; the same
 * contracts with every constraint in silver; dimensions, a fact and an aggregate in gold. `dev`
 * runs on embedded PGlite (the three source systems share one instance, the warehouse has its
 * own); `test` and `prod` read their URLs from environment variables.
 */
export default defineConfig({
  defaultEnvironment: 'dev',
  warehouses: {
    demo: {
      layers: {
        bronze: { datakits: [bronze] },
        silver: { datakits: [bronze] },
        gold: { datakits: [gold] },
      },
      sources: { 'system-a': systemA, 'system-d': systemD, 'system-e': systemE },
      environments: {
        dev: {
          url: 'pglite://.datakit/dev/warehouse',
          sources: {
            'system-a': 'pglite://.datakit/dev/sources',
            'system-d': 'pglite://.datakit/dev/sources',
            'system-e': 'pglite://.datakit/dev/sources',
          },
        },
        test: {
          url: '${env:DATAKIT_TEST_WAREHOUSE_URL}',
          sources: {
            'system-a': '${env:DATAKIT_TEST_SYSTEM_A_URL}',
            'system-d': '${env:DATAKIT_TEST_SYSTEM_D_URL}',
            'system-e': '${env:DATAKIT_TEST_SYSTEM_E_URL}',
          },
        },
        prod: {
          url: '${env:DATAKIT_PROD_WAREHOUSE_URL}',
          sources: {
            'system-a': '${env:DATAKIT_PROD_SYSTEM_A_URL}',
            'system-d': '${env:DATAKIT_PROD_SYSTEM_D_URL}',
            'system-e': '${env:DATAKIT_PROD_SYSTEM_E_URL}',
          },
        },
      },
      transfers: {
        // The demo seeds 3 customers with a bad email, 2 orders with a negative total and 2 order lines of
        // quantity 0: those are allowed (maxRejects), one more fails the transfer and leaves bronze unchanged.
        customer: {
          from: 'system-a',
          source: systemA.tables.customer,
          target: t.customer,
          transform: customerFromSystemA,
          options: { maxRejects: 3 },
        },
        address: {
          from: 'system-a',
          source: systemA.tables.address,
          target: t.address,
          transform: addressFromSystemA,
        },
        category: {
          from: 'system-e',
          source: systemE.tables.category,
          target: t.category,
          transform: categoryFromSystemE,
        },
        product: {
          from: 'system-e',
          source: systemE.tables.product,
          target: t.product,
          transform: productFromSystemE,
        },
        order: {
          from: 'system-d',
          source: systemD.tables.orders,
          target: t.order,
          transform: orderFromSystemD,
          options: { maxRejects: 2 },
        },
        order_line: {
          from: 'system-d',
          source: systemD.tables.order_line,
          target: t.order_line,
          transform: orderLineFromSystemD,
          options: { maxRejects: 2 },
        },
      },
      pipelines: {
        // `datakit demo` runs this pipeline; `npx datakit run demo --env dev` runs it again. Bronze has
        // no foreign keys, so `after` keeps parents first (the order silver's constraints will need).
        // From silver on, the edges come from the tables each task reads and writes.
        demo: {
          tasks: [
            { transfer: 'customer' },
            { transfer: 'address', after: ['customer'] },
            { transfer: 'category' },
            { transfer: 'product', after: ['category'] },
            { transfer: 'order', after: ['customer'] },
            { transfer: 'order_line', after: ['order', 'product'] },
            // Silver: conformed from bronze inside the warehouse, set-based rejects; then checked.
            { sqlTransform: silverCustomer },
            { sqlTransform: silverAddress },
            { sqlTransform: silverCategory },
            { sqlTransform: silverProduct },
            { sqlTransform: silverOrder },
            { sqlTransform: silverOrderLine },
            { name: 'check-silver', checks: silverChecks },
            // Gold: its tasks read silver tables the checks cover, so they wait for check-silver
            // (an error check there stops them).
            { dimension: customerDimension },
            { dimension: productDimension },
            dateDimensionTask,
            { sqlTransform: orderLineFact },
            { sqlTransform: monthlyRevenueTransform },
            { name: 'check-gold', checks: goldChecks },
          ],
        },
      },
    },
  },
});
