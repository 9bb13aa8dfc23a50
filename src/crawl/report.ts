import type { RunOutcome } from '../index/index.js';

/** A URL and why it is listed. */
export interface UrlReason {
  url: string;
  reason: string;
}

/** What one source's crawl found, for the run report. */
export interface SourceReport {
  area: string;
  sourceId: string;
  /** HTML pages fetched and read for links (pages that are themselves reports count as documents). */
  pages: number;
  /**
   * Document URLs by outcome: `new`, `changed` and `unchanged` count URLs answered this
   * run; `gone` counts documents that went offline this run (every location gone);
   * `failed` counts document URLs that failed.
   */
  documents: Record<'new' | 'changed' | 'unchanged' | 'gone' | 'failed', number>;
  /** Pages that could not be read, and robots.txt files that could not be read. */
  pagesFailed: number;
  /** URLs not requested or not kept (robots.txt, not a page or document …). */
  skipped: number;
  /** `skipped`, by reason. */
  skippedReasons: Record<string, number>;
  /**
   * Every URL that failed, with the reason: `documents.failed` documents, then the
   * `pagesFailed` pages and robots.txt files (the table's "failed" is their sum).
   */
  failures: UrlReason[];
  /** Documents that went offline this run: id, preferred URL and the reason. */
  gone: (UrlReason & { documentId: string })[];
  /** Links that answered 404 or 410 and never held a document (broken links on the site). */
  notFound: UrlReason[];
  notes: string[];
  /**
   * Why the crawl of this source is incomplete: each page or robots.txt that could not be
   * read (a failure too), or a start page that is gone. Documents not reached are then
   * kept as they were, not judged gone.
   */
  incomplete: UrlReason[];
  /** Whether every page was read, so that a document not reached is no longer linked. */
  complete: boolean;
}

/** The crawl's run report (`data/reports/<command>-<run>.json`, and a table on the terminal). */
export interface CrawlReport {
  runId: number;
  startedAt: string;
  finishedAt: string;
  /** The interrupted run this crawl finished, or null when it started afresh. */
  resumedFrom: number | null;
  /** HTTP requests sent, robots.txt and retries included. */
  requests: number;
  sources: SourceReport[];
}

/** A source's report from its URLs' outcomes in the run and the documents that went offline. */
export function buildSourceReport(input: {
  area: string;
  sourceId: string;
  outcomes: readonly RunOutcome[];
  offline: readonly (UrlReason & { documentId: string })[];
  notes: readonly string[];
  incomplete: readonly UrlReason[];
}): SourceReport {
  const report: SourceReport = {
    area: input.area,
    sourceId: input.sourceId,
    pages: 0,
    documents: { new: 0, changed: 0, unchanged: 0, gone: input.offline.length, failed: 0 },
    pagesFailed: 0,
    skipped: 0,
    skippedReasons: {},
    failures: [],
    gone: [...input.offline],
    notFound: [],
    notes: [...input.notes],
    incomplete: [...input.incomplete],
    complete: input.incomplete.length === 0,
  };
  const failed: UrlReason[] = [];
  for (const { url, kind, outcome, error, documentId } of input.outcomes) {
    switch (outcome) {
      case 'page':
        report.pages++;
        break;
      case 'new':
      case 'changed':
      case 'unchanged':
        report.documents[outcome]++;
        break;
      case 'failed':
        if (kind === 'document') report.documents.failed++;
        else report.pagesFailed++;
        (kind === 'document' ? report.failures : failed).push({ url, reason: error ?? 'failed' });
        break;
      case 'skipped': {
        report.skipped++;
        const reason = error ?? 'skipped';
        report.skippedReasons[reason] = (report.skippedReasons[reason] ?? 0) + 1;
        break;
      }
      case 'gone':
        if (documentId === null && !input.incomplete.some((entry) => entry.url === url))
          report.notFound.push({ url, reason: error ?? 'gone' });
        break;
    }
  }
  // A robots.txt or a start page that is gone left the crawl incomplete without a failed URL of its own.
  for (const entry of input.incomplete) {
    if (failed.some((failure) => failure.url === entry.url)) continue;
    report.pagesFailed++;
    failed.push(entry);
  }
  report.failures.push(...failed);
  return report;
}

/** Whether any URL failed in the run, or a source's crawl was incomplete (exit status 1). */
export function hasFailures(report: CrawlReport): boolean {
  return report.sources.some((source) => source.failures.length > 0 || !source.complete);
}

/** What the table's "failed" column counts. */
const FAILED_COLUMN = 'failed: documents that failed + pages and robots.txt files that could not be read';

/** The report as a short table with notes, removals and failures under it, for the terminal. */
export function formatCrawlReport(report: CrawlReport): string {
  const header = ['source', 'pages', 'new', 'changed', 'unchanged', 'gone', 'failed'];
  const cells = (s: Pick<SourceReport, 'pages' | 'documents' | 'pagesFailed'>) => [
    String(s.pages),
    String(s.documents.new),
    String(s.documents.changed),
    String(s.documents.unchanged),
    String(s.documents.gone),
    String(s.documents.failed + s.pagesFailed),
  ];
  const rows = report.sources.map((s) => [s.area, ...cells(s)]);
  const sum = (pick: (s: SourceReport) => number) => report.sources.reduce((n, s) => n + pick(s), 0);
  rows.push([
    'total',
    ...cells({
      pages: sum((s) => s.pages),
      documents: {
        new: sum((s) => s.documents.new),
        changed: sum((s) => s.documents.changed),
        unchanged: sum((s) => s.documents.unchanged),
        gone: sum((s) => s.documents.gone),
        failed: sum((s) => s.documents.failed),
      },
      pagesFailed: sum((s) => s.pagesFailed),
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number)))
      .join('  ');
  const out = [`crawl report (${FAILED_COLUMN})`, line(header), ...rows.map(line)];
  if (report.resumedFrom !== null)
    out.push(`note: finished the crawl interrupted in run ${report.resumedFrom}`);
  for (const source of report.sources) {
    for (const note of source.notes) out.push(`note: ${source.area}: ${note}`);
    const skipped = Object.entries(source.skippedReasons).map(([reason, n]) => `${n} ${reason}`);
    if (skipped.length > 0) out.push(`skipped: ${source.area}: ${skipped.join('; ')}`);
    for (const link of source.notFound) out.push(`not found: ${source.area}: ${link.url} (${link.reason})`);
    for (const gone of source.gone) out.push(`gone: ${source.area}: ${gone.url} (${gone.reason})`);
    for (const failure of source.failures)
      out.push(`failed: ${source.area}: ${failure.url}: ${failure.reason}`);
    for (const why of source.incomplete) {
      out.push(
        `incomplete: ${source.area}: ${why.url}: ${why.reason}; documents not reached were kept, not marked gone`,
      );
    }
  }
  return out.join('\n');
}
