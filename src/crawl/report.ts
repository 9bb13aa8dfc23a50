import type { UrlOutcome } from '../index/index.js';

/** What one source's crawl found, for the run report. */
export interface SourceReport {
  area: string;
  sourceId: string;
  pages: number;
  documents: Record<'new' | 'changed' | 'unchanged' | 'gone' | 'failed', number>;
  /** URLs not requested, by reason (robots.txt, another domain …). */
  skipped: number;
  failures: { url: string; reason: string }[];
  notes: string[];
  /** False when a start page could not be read, so "no longer linked" could not be judged. */
  complete: boolean;
}

/** The crawl's run report (`data/reports/crawl-<run>.json`, and a table on the terminal). */
export interface CrawlReport {
  runId: number;
  startedAt: string;
  finishedAt: string;
  sources: SourceReport[];
}

/** An empty report for a source. */
export function emptySourceReport(area: string, sourceId: string): SourceReport {
  return {
    area,
    sourceId,
    pages: 0,
    documents: { new: 0, changed: 0, unchanged: 0, gone: 0, failed: 0 },
    skipped: 0,
    failures: [],
    notes: [],
    complete: true,
  };
}

/** Counts one URL outcome into a source report. */
export function countOutcome(
  report: SourceReport,
  outcome: UrlOutcome,
  kind: 'page' | 'document' | 'other',
): void {
  if (outcome === 'page') report.pages++;
  else if (outcome === 'skipped') report.skipped++;
  else if (kind === 'document' || outcome !== 'failed') {
    if (outcome === 'gone' && kind !== 'document') return;
    report.documents[outcome]++;
  }
}

/** Whether any document failed in the run (exit status 1). */
export function hasFailures(report: CrawlReport): boolean {
  return report.sources.some((source) => source.failures.length > 0);
}

/** The report as a short table with the failures under it, for the terminal. */
export function formatCrawlReport(report: CrawlReport): string {
  const header = ['source', 'pages', 'new', 'changed', 'unchanged', 'gone', 'failed'];
  const rows = report.sources.map((s) => [
    s.area,
    String(s.pages),
    String(s.documents.new),
    String(s.documents.changed),
    String(s.documents.unchanged),
    String(s.documents.gone),
    String(s.failures.length),
  ]);
  const total = (pick: (s: SourceReport) => number) =>
    String(report.sources.reduce((n, s) => n + pick(s), 0));
  rows.push([
    'total',
    total((s) => s.pages),
    total((s) => s.documents.new),
    total((s) => s.documents.changed),
    total((s) => s.documents.unchanged),
    total((s) => s.documents.gone),
    total((s) => s.failures.length),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number)))
      .join('  ');
  const out = [line(header), ...rows.map(line)];
  for (const source of report.sources) {
    for (const note of source.notes) out.push(`note: ${source.area}: ${note}`);
    for (const failure of source.failures)
      out.push(`failed: ${source.area}: ${failure.url}: ${failure.reason}`);
  }
  return out.join('\n');
}
