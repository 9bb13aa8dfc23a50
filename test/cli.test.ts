import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir, openStore } from '../src/index/index.js';
import { runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-dir.js';

function configFile(text: string): string {
  const file = join(tempDir(), 'sources.yaml');
  writeFileSync(file, text);
  return file;
}

describe('casereviews CLI usage and configuration errors', () => {
  it.each([
    [
      'a bad URL',
      'sources:\n  - area: Northmoor\n    nation: England\n    startUrls: ["htp:/x"]\n',
      /sources\.yaml: sources\[0\]\.startUrls\[0\]: expected an http\(s\) URL, got "htp:\/x"/,
    ],
    [
      'an unknown nation',
      'sources:\n  - area: Northmoor\n    nation: Englund\n    startUrls: ["https://example.org/"]\n',
      /sources\[0\]\.nation: .*got "Englund"/,
    ],
    [
      'a missing area',
      'sources:\n  - nation: England\n    startUrls: ["https://example.org/"]\n',
      /sources\[0\]\.area: expected string, got nothing/,
    ],
    [
      'an unknown field',
      'sources:\n  - area: A\n    nation: England\n    startUrl: ["https://example.org/"]\n',
      /sources\[0\]: unknown field\(s\) startUrl/,
    ],
    [
      'a duplicate area',
      'sources:\n  - {area: A, nation: England, startUrls: ["https://a.org/"]}\n  - {area: a, nation: England, startUrls: ["https://b.org/"]}\n',
      /sources\[1\]\.area: duplicate area "a" \(also sources\[0\]\)/,
    ],
    ['YAML that does not parse', 'sources: [\n', /not valid YAML/],
    [
      'a bad pattern',
      'sources:\n  - {area: A, nation: England, startUrls: ["https://a.org/"], exclude: ["(unclosed"]}\n',
      /sources\[0\]\.exclude\[0\]: expected a regular expression, got "\(unclosed"/,
    ],
  ])('exits 2 naming the file and field for %s', async (_, text, message) => {
    const file = configFile(text);
    const result = await runCli(['crawl', '--config', file, '--data', tempDir()]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(message);
  });

  it('exits 2 for a config file that is not there', async () => {
    const result = await runCli(['run', '--config', '/nonexistent/sources.yaml']);
    expect(result).toMatchObject({
      status: 2,
      stderr: 'casereviews: /nonexistent/sources.yaml: file not found\n',
    });
  });

  it.each([
    [['search', 'neglect', '--year', 'recent'], /--year: expected YEAR or FROM\.\.TO/],
    [['search', 'neglect', '--type', 'serious'], /--type: expected one of lcspr, scr/],
    [
      ['search', 'neglect', '--theme', 'neglectt'],
      /--theme: unknown theme id "neglectt" \(did you mean neglect/,
    ],
    [['search', 'neglect', '--limit', '0'], /--limit: expected a whole number from 1 to 500, got "0"/],
    [['export', '--format', 'xml'], /--format: expected one of jsonl, csv, md, got "xml"/],
    [['crawl'], /required option '--config <file>' not specified/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('exits 2 on bad usage: %j', async (args, message) => {
    const result = await runCli([...args, '--data', tempDir()]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('says how to build an index when there is none', async () => {
    const dir = tempDir();
    const result = await runCli(['search', 'neglect', '--data', dir]);
    expect(result).toMatchObject({ status: 2, stderr: expect.stringMatching(`no search index in ${dir}`) });
  });

  it('says how to build an index when exporting by query without one', async () => {
    const dir = tempDir();
    openStore(dir).close();
    const result = await runCli(['export', '--format', 'jsonl', '--query', 'neglect', '--data', dir]);
    expect(result).toMatchObject({ status: 2, stderr: expect.stringMatching(`no search index in ${dir}`) });
  });

  it('names the file an export cannot be written to', async () => {
    const dir = tempDir();
    openStore(dir).close();
    const result = await runCli([
      'export',
      '--format',
      'csv',
      '--out',
      '/nonexistent/dir/reviews.csv',
      '--data',
      dir,
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('casereviews: --out: cannot write /nonexistent/dir/reviews.csv (ENOENT)\n');
  });

  it('asks for an update instead of failing on a store an older version wrote', async () => {
    const dir = tempDir();
    const store = openStore(dir);
    store.db.pragma('user_version = 1');
    store.close();
    const result = await runCli(['export', '--format', 'jsonl', '--data', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(`run "casereviews index --data ${dir}" once to bring it up to date`);
  });

  it('refuses to crawl a data directory another crawl holds', async () => {
    const dir = tempDir();
    const file = configFile('sources:\n  - {area: A, nation: England, startUrls: ["http://127.0.0.1:9/"]}\n');
    const lock = lockDataDir(dir, 'crawl');
    try {
      const result = await runCli(['crawl', '--config', file, '--data', dir]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/is in use by another crawl/);
    } finally {
      lock.release();
    }
  });

  it('prints help to stdout and exits 0', async () => {
    const result = await runCli(['search', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/--year <range>/);
  });
});
