/** What every `snapcopy <command>` does with its arguments before it runs. */

/** Usage errors exit with 2, as getopt-style tools do. */
export const EXIT_USAGE = 2;

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `--help` prints the usage; arguments or settings `parse` refuses are printed with the usage and
 * exit with EXIT_USAGE. Undefined means the command has nothing more to do.
 */
export function readCommandLine<T>(argv: readonly string[], usage: string, parse: () => T): T | undefined {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return undefined;
  }
  try {
    return parse();
  } catch (error) {
    console.error(`${errorText(error)}\n\n${usage}`);
    process.exitCode = EXIT_USAGE;
    return undefined;
  }
}
