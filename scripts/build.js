// `npm run build`: compiles src/ to dist/ (tsc, relative .ts imports rewritten to .js) and copies
// the files the code reads at run time (sample world, example prices, playground page) beside it.
// dist/ is emptied first so a source that was deleted cannot leave a stale module behind.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const source = join(root, 'src');
const output = join(root, 'dist');
/** Read by the code next to its module; everything else in src/ is TypeScript or documentation. */
const RUNTIME_ASSETS = new Set(['.json', '.html', '.css', '.js']);

const tsc = typescriptCompiler();
if (!tsc) {
  // `npm ci --omit=dev` on a host that runs a dist/ built elsewhere: nothing to build with, and
  // failing here would fail the install.
  const installing = process.env.npm_lifecycle_event === 'prepare';
  console.error(
    installing
      ? 'snapcopy build skipped: TypeScript is not installed (a production install runs the dist/ it was given)'
      : 'snapcopy cannot build: TypeScript is not installed (install with the dev dependencies)',
  );
  process.exit(installing ? 0 : 1);
}
rmSync(output, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
cpSync(source, output, {
  recursive: true,
  filter: (path) => !extname(path) || RUNTIME_ASSETS.has(extname(path)),
});

function typescriptCompiler() {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}
