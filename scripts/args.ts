import type { ParseArgsConfig } from 'node:util';
import { parseArgs } from 'node:util';

/**
 * A script's options, parsed: `--help` prints the usage and exits 0; an unknown or
 * malformed option prints what was wrong and the usage and exits 2, not a stack trace.
 */
export function scriptArgs<T extends NonNullable<ParseArgsConfig['options']>>(usage: string, options: T) {
  try {
    const { values } = parseArgs({ options: { ...options, help: { type: 'boolean' } } as T });
    if ((values as { help?: boolean }).help) {
      process.stdout.write(`usage: ${usage}\n`);
      process.exit(0);
    }
    return values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: ${usage}\n`);
    process.exit(2);
  }
}
