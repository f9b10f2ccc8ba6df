/**
 * A source system of a new project: where its datakit and bronze folder go, and their exports.
 *
 * @example
 * ```ts
 * source.datakitFile; // 'datakits/erp/index.ts'
 * ```
 */
export interface ScaffoldSource {
  /** The system's name in the config, e.g. `erp`. */
  system: string;
  /** Environment variable holding the dev URL, e.g. `ERP_DEV_URL`; `PROD` replaces `DEV` for prod. */
  envPrefix: string;
  /** The URL `init --from` read (kept only in `.env`: it may hold a password). */
  url: string;
  /** `datakits/erp/index.ts` and its export. */
  datakitFile: string;
  datakitExport: string;
  /** `datakits/bronze-erp` and the exports of its files. */
  bronzeDir: string;
  bronzeExport: string;
  transfersExport: string;
  /** The names of its generated transfers. */
  transfers: string[];
  /** The first transfer, for the example test: its name and its first column's row keys. */
  example?: { transfer: string; sourceKey: string; bronzeKey: string };
}

/**
 * The environment variable prefix of a system: `order-mgmt` → `ORDER_MGMT`.
 *
 * @example
 * ```ts
 * envPrefixOf('order-mgmt'); // 'ORDER_MGMT'
 * ```
 */
export function envPrefixOf(system: string): string {
  return system.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}
