#!/usr/bin/env node
// Runs the compiled CLI (`npm run build`, which `npm install` runs too), so a start loads plain
// JavaScript and no TypeScript loader. Development runs the sources with `npm run dev`.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('snapcopy is not built: run `npm run build` (or `npm install`, which builds it)');
  process.exit(1);
}
await import(cli.href);
