import { describe, expect, it } from 'vitest';
import { isRowLocal } from '../../src/sql-transform/row-local.js';

describe('isRowLocal', () => {
  it('accepts columns, parameters, casts and scalar functions', () => {
    expect(isRowLocal(`"c"."id" as "id"`)).toBe(true);
    expect(isRowLocal(`coalesce(lower(trim("c"."email")), $1) as "email"`)).toBe(true);
    expect(isRowLocal(`(case lower(trim("c"."status")) when $2 then $3 else null end) is not null`)).toBe(
      true,
    );
    expect(isRowLocal(`cast("c"."amount" as numeric(12, 2))`)).toBe(true);
    expect(isRowLocal(`("c"."email" like '%@%') is true`)).toBe(true);
  });

  it('refuses aggregates, windows, set-returning and unknown functions, and subqueries', () => {
    expect(isRowLocal(`count(*) as "n"`)).toBe(false);
    expect(isRowLocal(`sum("o"."amount")`)).toBe(false);
    expect(isRowLocal(`row_number() over (partition by "c"."id")`)).toBe(false);
    expect(isRowLocal(`unnest("c"."tags")`)).toBe(false);
    expect(isRowLocal(`my_schema.my_function("c"."id")`)).toBe(false);
    expect(isRowLocal(`"count"("c"."id")`)).toBe(false);
    expect(isRowLocal(`(select max(id) from "silver"."customer")`)).toBe(false);
  });

  it('reads no function names inside string literals', () => {
    expect(isRowLocal(`'count(*) it''s over (' || "c"."name"`)).toBe(true);
  });
});
