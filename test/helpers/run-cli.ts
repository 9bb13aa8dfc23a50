import { main } from '../../src/cli/main.js';
import { ExportRecord } from '../../src/contracts/index.js';

/** What a CLI run printed and returned. */
export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output, as a user's shell would run it. */
export async function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  });
  return { status, stdout, stderr };
}

/** The records `export --format jsonl` prints for a data directory, checked against the contract. */
export async function exportedRecords(dataDir: string): Promise<ExportRecord[]> {
  const { stdout } = await runCli(['export', '--data', dataDir, '--format', 'jsonl']);
  return stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => ExportRecord.parse(JSON.parse(line)));
}
