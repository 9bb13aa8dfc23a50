/**
 * `npm run bench [name…]`: runs the named benchmarks (bench/<name>.ts, each exporting
 * `run(args)`), or lists them. Benchmarks print their figures; they are not tests.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts' && !file.startsWith('_'))
  .map((file) => file.slice(0, -3))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  process.stderr.write(
    `usage: npm run bench <name> [args]\nbenchmarks: ${available.join(', ') || '(none yet)'}\n`,
  );
  process.exitCode = name ? 2 : 0;
} else {
  const module = (await import(`./${name}.ts`)) as { run(args: string[]): Promise<void> };
  await module.run(args);
}
