/**
 * Heap figures need a garbage collection first, which Node only offers with --expose-gc. A script
 * run without it (e.g. `npx tsx bench/…`) runs itself again in a child process that has it.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** True when the caller should go on here; false when the script ran in a child (exit code copied). */
export async function runsWithExposedGc(scriptUrl: string): Promise<boolean> {
  if (typeof globalThis.gc === 'function') return true;
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', import.meta.resolve('tsx'), fileURLToPath(scriptUrl)],
    { stdio: 'inherit' },
  );
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  process.exitCode = code ?? 1;
  return false;
}

/** Bytes of live heap after full collections (a weak or finalized object may need a second). */
export function settledHeapBytes(): number {
  const collect = globalThis.gc;
  if (!collect) throw new Error('run with --expose-gc');
  for (let pass = 0; pass < 3; pass++) collect();
  return process.memoryUsage().heapUsed;
}
