import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '../../src');

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
});
