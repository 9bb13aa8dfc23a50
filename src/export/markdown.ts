import type { SectionId } from '../contracts/index.js';

/** A review and the passages a briefing quotes from it. */
export interface BriefingReview {
  title: string | null;
  area: string | null;
  year: number | null;
  reviewType: string | null;
  documentKind: string | null;
  documentUrl: string;
  online: boolean;
  themes: string[];
  passages: { page: number; section: SectionId; text: string }[];
}

/**
 * A Markdown briefing: the learning, findings and recommendations passages on a topic,
 * grouped by review, each quoted with its page and section so it can be cited.
 */
export function toMarkdown(heading: string, intro: string, reviews: readonly BriefingReview[]): string {
  const lines = [`# ${heading}`, '', intro, ''];
  for (const review of reviews) {
    const where = [review.area, review.year ?? 'year unknown'].filter(Boolean).join(', ');
    lines.push(`## ${review.title ?? 'Untitled review'} (${where})`, '');
    const facts = [
      review.reviewType && `type: ${review.reviewType}`,
      review.documentKind && `document: ${review.documentKind}`,
      review.themes.length > 0 && `themes: ${review.themes.join(', ')}`,
    ].filter(Boolean);
    if (facts.length > 0) lines.push(facts.join(' · '), '');
    lines.push(
      `Source: <${review.documentUrl}>${review.online ? '' : ' (no longer online; archived copy kept)'}`,
      '',
    );
    if (review.passages.length === 0)
      lines.push('_No learning, findings or recommendations passages on this topic._', '');
    for (const passage of review.passages) {
      lines.push(
        `> ${passage.text.replace(/\s+/g, ' ').trim()}`,
        `>`,
        `> — p. ${passage.page}, ${passage.section}`,
        '',
      );
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
