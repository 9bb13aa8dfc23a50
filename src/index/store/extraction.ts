import type { DocumentKind, ReviewType, SectionId } from '../../contracts/index.js';
import type { Store } from './open-store.js';

/** Where a metadata value came from, so a reader can check it (e.g. `{from: 'title-page', page: 1}`). */
export interface FieldSource {
  from: 'title-page' | 'text' | 'link' | 'landing-page' | 'source' | 'pdf-info' | 'url';
  page?: number;
  /** The words the value was read from. */
  text?: string;
}

/** A document's metadata; null is unknown. */
export interface DocumentMeta {
  title: string | null;
  area: string | null;
  nation: string | null;
  year: number | null;
  publishedDate: string | null;
  reviewType: ReviewType | null;
  documentKind: DocumentKind | null;
  isReview: boolean;
  /** Why a document is not a review (e.g. "annual report"), null for reviews. */
  notReviewReason: string | null;
  childNames: string[];
  /** The child's age as the review states it ("7 weeks", "15 years"). */
  childAge: string | null;
  /**
   * The same age in months, to one decimal (7 weeks → 1.6, 15 years → 180), for filtering
   * ("under 1": < 12). Extraction always sets it; optional so metadata written by code
   * that predates it still type-checks, and absent is stored as null (unknown).
   */
  childAgeMonths?: number | null;
  childOutcome: 'died' | 'seriously-harmed' | null;
  pages: number | null;
  provenance: Partial<Record<string, FieldSource>>;
}

/** The text of one page, cleaned. */
export interface ExtractedPage {
  num: number;
  text: string;
}

/** A section: its canonical id, the heading as written, and its page span. */
export interface ExtractedSection {
  ordinal: number;
  section: SectionId;
  heading: string;
  pageStart: number;
  pageEnd: number;
}

/** A paragraph-sized chunk with the page and section it comes from. */
export interface ExtractedPassage {
  ordinal: number;
  page: number;
  section: SectionId;
  text: string;
}

/** Everything extraction produces for one document version. */
export interface Extraction {
  sha256: string;
  meta: DocumentMeta;
  pages: ExtractedPage[];
  sections: ExtractedSection[];
  passages: ExtractedPassage[];
}

/**
 * Replaces a document's extracted pages, sections, passages and metadata in one
 * transaction, so a reader never sees half of a new version next to the old one.
 * Passage themes go with their passages (ON DELETE CASCADE).
 */
export function saveExtraction(store: Store, documentId: string, extraction: Extraction): void {
  const db = store.db;
  db.transaction(() => {
    for (const table of ['pages', 'sections', 'passages', 'document_themes']) {
      db.prepare(`DELETE FROM ${table} WHERE document_id = ?`).run(documentId);
    }
    const { meta } = extraction;
    db.prepare(
      `INSERT INTO document_meta (document_id, sha256, title, area, nation, year, published_date, review_type,
         document_kind, is_review, not_review_reason, child_names, child_age, child_age_months, child_outcome, pages, provenance)
       VALUES (@documentId, @sha256, @title, @area, @nation, @year, @publishedDate, @reviewType, @documentKind,
         @isReview, @notReviewReason, @childNames, @childAge, @childAgeMonths, @childOutcome, @pages, @provenance)
       ON CONFLICT(document_id) DO UPDATE SET sha256 = excluded.sha256, title = excluded.title,
         area = excluded.area, nation = excluded.nation, year = excluded.year,
         published_date = excluded.published_date, review_type = excluded.review_type,
         document_kind = excluded.document_kind, is_review = excluded.is_review,
         not_review_reason = excluded.not_review_reason, child_names = excluded.child_names,
         child_age = excluded.child_age, child_age_months = excluded.child_age_months,
         child_outcome = excluded.child_outcome, pages = excluded.pages,
         provenance = excluded.provenance`,
    ).run({
      documentId,
      sha256: extraction.sha256,
      title: meta.title,
      area: meta.area,
      nation: meta.nation,
      year: meta.year,
      publishedDate: meta.publishedDate,
      reviewType: meta.reviewType,
      documentKind: meta.documentKind,
      isReview: meta.isReview ? 1 : 0,
      notReviewReason: meta.notReviewReason,
      childNames: JSON.stringify(meta.childNames),
      childAge: meta.childAge,
      childAgeMonths: meta.childAgeMonths ?? null,
      childOutcome: meta.childOutcome,
      pages: meta.pages,
      provenance: JSON.stringify(meta.provenance),
    });
    const insertPage = db.prepare('INSERT INTO pages (document_id, num, text) VALUES (?, ?, ?)');
    for (const page of extraction.pages) insertPage.run(documentId, page.num, page.text);
    const insertSection = db.prepare(
      'INSERT INTO sections (document_id, ordinal, section, heading, page_start, page_end) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const s of extraction.sections) {
      insertSection.run(documentId, s.ordinal, s.section, s.heading, s.pageStart, s.pageEnd);
    }
    const insertPassage = db.prepare(
      'INSERT INTO passages (document_id, ordinal, page, section, text) VALUES (?, ?, ?, ?, ?)',
    );
    for (const p of extraction.passages) insertPassage.run(documentId, p.ordinal, p.page, p.section, p.text);
  })();
}

/**
 * The version whose extraction a document's search passages and export record come from,
 * and whether it has any text (a scan not yet OCRed has none); null before the first.
 */
export function extractedVersion(
  store: Store,
  documentId: string,
): { sha256: string; hasText: boolean } | null {
  const row = store.db
    .prepare(
      `SELECT m.sha256, EXISTS (SELECT 1 FROM passages p WHERE p.document_id = m.document_id) AS hasText
       FROM document_meta m WHERE m.document_id = ?`,
    )
    .get(documentId) as { sha256: string; hasText: number } | undefined;
  return row === undefined ? null : { sha256: row.sha256, hasText: row.hasText === 1 };
}

/** A stored passage, with its row id (the id passage themes and the search index use). */
export interface StoredPassage extends ExtractedPassage {
  id: number;
}

/** A document's passages in order. */
export function loadPassages(store: Store, documentId: string): StoredPassage[] {
  return store.db
    .prepare('SELECT id, ordinal, page, section, text FROM passages WHERE document_id = ? ORDER BY ordinal')
    .all(documentId) as StoredPassage[];
}
