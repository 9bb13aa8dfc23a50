import { speaksOfReviews } from './link-rules.js';
import type { PageReading } from './page-links.js';

/** Headings a review report is written under (numbered or not). */
const REPORT_HEADING =
  /^(\d+(\.\d+)*\.?\s+)?(introduction|background|summary of (the )?(case|review|learning)|(the )?(child|family|young person)[^.]{0,30}story|.{0,30}'s story|(key )?findings|analysis|(key )?learning( points| from)?|lessons( to be)? learn(ed|t)|recommendations|conclusions?|terms of reference|methodology|the review process|family (involvement|contribution)|what happened|chronology)\b/i;

/** A report's numbered paragraph: "1.1 This Serious Case Review was …", "3.12. The review found …". */
const NUMBERED_PARAGRAPH = /^\d{1,2}\.\d{1,2}\.?\s+\S/;

/** Fewer words than this is a landing page's summary, not a report. */
const MIN_REPORT_WORDS = 120;
/** A page linking more documents than this is a listing. */
const MAX_REPORT_DOCUMENT_LINKS = 6;

/** Whether a page is itself a review document, and why. */
export interface ReportPageVerdict {
  isReport: boolean;
  reason: string;
}

/**
 * Decides whether an HTML page is itself a review report (Devon's "SCR CN18: Baby F",
 * Cumbria's "Learning from Serious Case Review Child BF") rather than a page about
 * reviews. A report page names a review in its title or headline, has a body of some
 * length, is written as a report (at least three numbered paragraphs, "1.1 …", or
 * two report headings such as Background, Findings, Learning, Recommendations), and
 * is not a listing (few document links). A landing page that summarises a review in
 * a paragraph and links its PDF is not a report.
 */
export function judgeReportPage(page: PageReading, documentLinks: number): ReportPageVerdict {
  const verdict = (isReport: boolean, reason: string): ReportPageVerdict => ({ isReport, reason });
  if (!speaksOfReviews(`${page.title} ${page.headline}`)) return verdict(false, 'title names no review');
  const words = page.text.split(' ').filter((word) => /\w/.test(word)).length;
  if (words < MIN_REPORT_WORDS) return verdict(false, `${words} words of content`);
  if (documentLinks > MAX_REPORT_DOCUMENT_LINKS)
    return verdict(false, `a listing (${documentLinks} documents)`);
  const numbered = page.paragraphs.filter((p) => NUMBERED_PARAGRAPH.test(p)).length;
  const headings = page.headings.filter((h) => REPORT_HEADING.test(h)).length;
  if (numbered >= 3) return verdict(true, `${numbered} numbered paragraphs`);
  if (headings >= 2) return verdict(true, `${headings} report headings`);
  return verdict(false, 'not written as a report');
}
