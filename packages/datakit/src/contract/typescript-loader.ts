let registered: Promise<void> | undefined;
let loadFirst: (() => Promise<unknown>) | undefined;

/**
 * Whether `file` needs a TypeScript loader to be imported.
 *
 * @example
 * ```ts
 * isTypeScriptFile('datakit.config.ts'); // true
 * ```
 */
export function isTypeScriptFile(file: string): boolean {
  return /\.[cm]?tsx?$/.test(file);
}

/**
 * Registers tsx as Node's loader for TypeScript, once per process and only when a TypeScript file
 * (the user's `datakit.config.ts`, a datakit module) is about to be imported: the CLI itself is
 * compiled JavaScript and never goes through it. Modules imported after this share one module
 * graph with the CLI, so the config's `import 'datakit-warehouse'` is the running library; what
 * {@link loadBeforeTypeScript} names is imported before tsx is registered.
 *
 * @example
 * ```ts
 * if (isTypeScriptFile(file)) await ensureTypeScriptLoader();
 * const config = await import(pathToFileURL(file).href);
 * ```
 */
export function ensureTypeScriptLoader(): Promise<void> {
  registered ??= (async () => {
    // Inside a Vitest worker, Vite already compiles TypeScript imports (child processes are not workers).
    if ('__vitest_worker__' in globalThis) return;
    const [{ register }] = await Promise.all([import('tsx/esm/api'), loadFirst?.()]);
    register();
  })();
  return registered;
}

/**
 * Has {@link ensureTypeScriptLoader} import `library` before it registers tsx. Once registered,
 * every later import goes through tsx's hooks thread, so the CLI has the library's own modules
 * (what a config imports as `datakit-warehouse`) loaded natively first, and only when a TypeScript file is
 * about to be imported.
 *
 * @example
 * ```ts
 * loadBeforeTypeScript(() => import('../dist/index.js'));
 * ```
 * @internal
 */
export function loadBeforeTypeScript(library: () => Promise<unknown>): void {
  loadFirst = library;
}
