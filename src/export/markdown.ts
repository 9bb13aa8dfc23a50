import type { SectionId, YearSource } from '../contracts/index.js';

/** One document of a review in a briefing, with the passages quoted from it. */
export interface BriefingDocument {
  title: string | null;
  documentKind: string | null;
  year: number | null;
  yearSource: YearSource | null;
  documentUrl: string;
  online: boolean;
  passages: { page: number; section: SectionId; text: string }[];
}

/** A review in a briefing: its documents (full report first) and what they share. */
export interface BriefingReview {
  title: string | null;
  area: string | null;
  year: number | null;
  yearSource: YearSource | null;
  reviewType: string | null;
  themes: string[];
  documents: BriefingDocument[];
}

/** Text from documents, made inert in Markdown: no HTML a renderer would run or show as tags. */
function inert(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A URL that stays one autolink: characters that would end or break it are percent-encoded. */
function autolink(url: string): string {
  return `<${url.replace(/[<> "]/g, (c) => encodeURIComponent(c))}>`;
}

/** A year as a citation may use it: one read only from the file's metadata says so. */
function yearLabel(year: number | null, source: YearSource | null): string {
  if (year === null) return 'year unknown';
  return source === 'file-metadata' ? `file dated ${year}` : String(year);
}

const KIND_LABELS: Record<string, string> = {
  'full-report': 'Full report',
  'executive-summary': 'Executive summary',
  briefing: 'Briefing',
  presentation: 'Presentation',
  response: 'Response',
  other: 'Document',
};

/**
 * A Markdown briefing: the learning, findings and recommendations passages on a topic,
 * grouped by review (a review's full report, summary and briefings together), each
 * passage quoted with its document, page and section so it can be cited.
 */
export function toMarkdown(heading: string, intro: string, reviews: readonly BriefingReview[]): string {
  const lines = [`# ${heading}`, '', intro, ''];
  for (const review of reviews) {
    const where = [review.area, yearLabel(review.year, review.yearSource)].filter(Boolean).join(', ');
    lines.push(`## ${inert(review.title ?? 'Untitled review')} (${inert(where)})`, '');
    const facts = [
      review.reviewType && `type: ${review.reviewType}`,
      review.themes.length > 0 && `themes: ${review.themes.join(', ')}`,
    ].filter(Boolean);
    if (facts.length > 0) lines.push(facts.join(' · '), '');
    for (const document of review.documents) {
      const kind = KIND_LABELS[document.documentKind ?? 'other'] ?? 'Document';
      const offline = document.online ? '' : ' (no longer online; archived copy kept)';
      lines.push(
        `- ${kind}: ${inert(document.title ?? 'untitled')} (${yearLabel(document.year, document.yearSource)}) ${autolink(document.documentUrl)}${offline}`,
      );
    }
    lines.push('');
    const quoted = review.documents.flatMap((document) =>
      document.passages.map((passage) => ({ document, passage })),
    );
    if (quoted.length === 0)
      lines.push('_No learning, findings or recommendations passages on this topic._', '');
    for (const { document, passage } of quoted) {
      const kind = (KIND_LABELS[document.documentKind ?? 'other'] ?? 'Document').toLowerCase();
      lines.push(
        `> ${inert(passage.text.replace(/\s+/g, ' ').trim())}`,
        `>`,
        `> — ${kind}, p. ${passage.page}, ${passage.section}`,
        '',
      );
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
