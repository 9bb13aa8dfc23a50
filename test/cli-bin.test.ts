import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('the installed command', () => {
  it('runs as `npx casereviews` straight after a build, as on a fresh clone', async () => {
    // A fresh clone's build writes the entry point; it must be executable for npx to run it.
    await run('npm', ['run', '-s', 'build'], { timeout: 120_000 });
    const { stdout, stderr } = await run('npx', ['--no-install', 'casereviews', '--help'], {
      timeout: 60_000,
    });
    expect(`${stdout}${stderr}`).toMatch(/^Usage: casereviews .*\n[\s\S]*\bdemo\b/);
  }, 200_000);
});
