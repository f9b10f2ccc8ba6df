/**
 * Migration 1: the `datakit` schema and the table that records applied migrations.
 *
 * @example
 * ```ts
 * import { sql } from './0001-run-store.js';
 * ```
 */
export const sql = `
create schema if not exists "datakit";
create table if not exists "datakit"."migrations" (
  "version" integer primary key,
  "name" text not null,
  "applied_at" timestamptz not null default now()
);
`;
