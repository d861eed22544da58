/** The build that `bin/snapcopy.js` runs: `npm test` builds `dist/` before these run. */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const SRC = resolve('src');
const DIST = resolve('dist');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the compiled build', () => {
  it('has a JavaScript module for every source module and every file the code reads at run time', () => {
    const built = new Set(filesUnder(DIST));
    const missing = filesUnder(SRC)
      .filter((file) => extname(file) !== '.md')
      .map((file) => file.replace(/\.ts$/, '.js'))
      .filter((file) => !built.has(file));
    expect(missing).toEqual([]);
  });

  it('leaves no import of a .ts file in the JavaScript it emits', () => {
    const tsImports = filesUnder(DIST)
      .filter((file) => file.endsWith('.js') && !file.includes('playground/static/'))
      .filter((file) =>
        /(?:from |import\()\s*["'][^"']+\.ts["']/.test(readFileSync(join(DIST, file), 'utf8')),
      );
    expect(tsImports).toEqual([]);
  });

  it('says how to build when bin/snapcopy.js finds no build', async () => {
    dir = mkdtempSync(join(tmpdir(), 'snapcopy-unbuilt-'));
    mkdirSync(join(dir, 'bin'));
    copyFileSync(resolve('bin/snapcopy.js'), join(dir, 'bin', 'snapcopy.js'));
    expect(existsSync(join(dir, 'dist'))).toBe(false);
    const failure = await promisify(execFile)(process.execPath, [
      join(dir, 'bin', 'snapcopy.js'),
      'bot',
    ]).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.trim()).toBe(
      'snapcopy is not built: run `npm run build` (or `npm install`, which builds it)',
    );
  });
});
