import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('the fixture web', () => {
  it('serves what its truth table says: every start page reaches every listed PDF, titles and kinds as recorded', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'fixtures/web/check.ts'], {
      timeout: 120_000,
    });
    expect(stdout).toMatch(/PDFs: \d+ \(\d+ reviews, \d+ other\)/);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('  all checks passed');
  }, 150_000);
});
