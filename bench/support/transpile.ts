import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';

const SKIP = /\.(spec|spec-helper|e2e-spec)\.ts$/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !SKIP.test(entry.name) ? [path] : [];
  });
}

/**
 * Compiles `src/` and `bench/support/` to JavaScript in `outDir` (file by file, as the build
 * does, without type checking), so the server under measurement runs plain JavaScript like the
 * production start instead of carrying a TypeScript compiler in its heap. Run it with
 * NODE_PATH=<root>/node_modules.
 */
export function transpileForBench(root: string, outDir: string): void {
  const compilerOptions: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2023,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    esModuleInterop: true,
    allowSyntheticDefaultImports: true,
    resolveJsonModule: true,
  };
  for (const file of [...sources(join(root, 'src')), ...sources(join(root, 'bench', 'support'))]) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions,
      fileName: file,
    });
    const target = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  // src/version.ts reads the version from ../package.json.
  copyFileSync(join(root, 'package.json'), join(outDir, 'package.json'));
  // The history's SQL migrations, copied as the build's assets are (nest-cli.json).
  const migrations = join('src', 'history', 'database', 'migrations');
  cpSync(join(root, migrations), join(outDir, migrations), { recursive: true });
}
