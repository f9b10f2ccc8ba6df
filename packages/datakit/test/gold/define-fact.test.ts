import { getTableName, type Table } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { InLayer } from '../../src/sql-transform/in-layer.js';
import { customerDimension, orderLineFact } from './fixtures.js';

describe('defineFact (no database)', () => {
  it('reads its source and the dimensions it looks up, not the aliases it joins them under', () => {
    const fact = orderLineFact(customerDimension('close'));
    expect(
      fact.reads.map((r) =>
        r instanceof InLayer ? `${r.layer}.${getTableName(r.table)}` : getTableName(r as Table),
      ),
    ).toEqual(['silver.order_line', 'gold.dim_customer', 'gold.dim_product', 'gold.dim_date']);
  });
});
