import type { TableSource } from '../sql-transform/in-layer.js';

/**
 * What a fact needs to look a dimension up: where it is, its business key and surrogate key
 * (SQL names), whether it keeps versions (SCD2: looked up at the event time) and the values of
 * an inferred member's other columns (when it takes inferred members).
 *
 * @example
 * ```ts
 * const ref: DimensionRef = { target: inLayer(dimProduct, 'gold'), businessKey: ['sku'], surrogateKey: 'product_key', versioned: false };
 * ```
 */
export interface DimensionRef {
  readonly target: TableSource;
  readonly businessKey: readonly string[];
  readonly surrogateKey: string;
  readonly versioned: boolean;
  /** Column SQL name → value of an inferred member; absent when the dimension takes none. */
  readonly inferredValues?: Readonly<Record<string, unknown>>;
}
