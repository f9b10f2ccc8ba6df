import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '../../src');
const examples = path.resolve(import.meta.dirname, '../../../../examples');

/** The module specifiers a TypeScript file imports or re-exports, static and dynamic. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|^import\s+)'([^']+)'/gm)].map((m) => m[1] as string);
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.includes('node_modules'))
    .map((f) => path.join(dir, f));
}

/** Every export of an entry point, with what its declaration's JSDoc says. */
function exportsOf(entry: string): { name: string; example: boolean; internal: boolean }[] {
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(entry) as ts.SourceFile;
  const module = checker.getSymbolAtLocation(file) as ts.Symbol;
  return checker.getExportsOfModule(module).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = symbol.declarations ?? [];
    const tags = declarations.flatMap((d) => {
      const node = ts.isVariableDeclaration(d) ? d.parent.parent : d;
      return ts.getJSDocTags(node).map((t) => t.tagName.text);
    });
    return { name: exported.name, example: tags.includes('example'), internal: tags.includes('internal') };
  });
}

describe('the public API', () => {
  it('is an explicit list: no export * in the entry points', () => {
    for (const entry of ['index.ts', 'testing.ts']) {
      expect(readFileSync(path.join(src, entry), 'utf8')).not.toMatch(/export \*/);
    }
  });

  it('documents every export with JSDoc and an example, and exports nothing marked @internal', () => {
    const exports = exportsOf(path.join(src, 'index.ts'));
    expect(exports.length).toBeGreaterThan(100);
    expect(exports.filter((e) => !e.example).map((e) => e.name)).toEqual([]);
    expect(exports.filter((e) => e.internal).map((e) => e.name)).toEqual([]);
  }, 60_000);

  it('has what the demo needs: its formatters and the run store reads it prints', () => {
    const names = exportsOf(path.join(src, 'index.ts')).map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'formatNumber',
        'formatDuration',
        'formatTable',
        'readRunLoads',
        'countRejects',
      ]),
    );
  }, 60_000);
});

describe('the examples are users of the public API', () => {
  it('import only datakit-warehouse(/testing), drizzle, faker, node, vitest, each other and their own files', () => {
    const allowed =
      /^(\.{1,2}\/|node:|datakit-warehouse$|datakit-warehouse\/testing$|drizzle-orm(\/|$)|@faker-js\/faker$|vitest$|@datakit-examples\/)/;
    const files = tsFiles(examples);
    expect(files.some((f) => f.includes(`${path.sep}demo${path.sep}src${path.sep}run-demo.ts`))).toBe(true);
    const outside = files.flatMap((f) =>
      importsOf(f)
        .filter(
          (spec) =>
            !allowed.test(spec) ||
            (spec.startsWith('.') && !path.resolve(path.dirname(f), spec).startsWith(examples)),
        )
        .map((spec) => `${path.relative(examples, f)}: ${spec}`),
    );
    expect(outside).toEqual([]);
  });

  it('are imported by no file of the library', () => {
    const into = tsFiles(src).flatMap((f) =>
      importsOf(f)
        .filter(
          (spec) =>
            spec.startsWith('@datakit-examples/') ||
            (spec.startsWith('.') && path.resolve(path.dirname(f), spec).startsWith(examples)),
        )
        .map((spec) => `${path.relative(src, f)}: ${spec}`),
    );
    expect(into).toEqual([]);
  });
});
