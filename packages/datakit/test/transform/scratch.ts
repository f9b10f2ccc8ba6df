import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import type { InferInsertModel } from 'drizzle-orm';
import type { TransformOutput } from '../../src/transform/define-transform.js';
const b = pgTable('b', { id: integer().primaryKey(), email: text(), tier: text().notNull().default('x') });
type K = keyof TransformOutput<typeof b>;
const k: K = 'nope';
type K2 = keyof InferInsertModel<typeof b>;
const k2: K2 = 'nope';
