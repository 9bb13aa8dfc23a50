import type { Store } from './open-store.js';

/** A theme earned by a document: score 0–1 and the passages that earned it, best first. */
export interface DocumentThemeTag {
  themeId: string;
  score: number;
  evidence: { passageId: number; page: number; text: string }[];
}

/** A theme earned by one passage. */
export interface PassageThemeTag {
  passageId: number;
  themeId: string;
  score: number;
}

/** Replaces a document's theme tags (document- and passage-level) in one transaction. */
export function saveThemes(
  store: Store,
  documentId: string,
  documentThemes: DocumentThemeTag[],
  passageThemes: PassageThemeTag[],
): void {
  const db = store.db;
  db.transaction(() => {
    db.prepare('DELETE FROM document_themes WHERE document_id = ?').run(documentId);
    db.prepare(
      'DELETE FROM passage_themes WHERE passage_id IN (SELECT id FROM passages WHERE document_id = ?)',
    ).run(documentId);
    const insertDocument = db.prepare(
      'INSERT INTO document_themes (document_id, theme_id, score, evidence) VALUES (?, ?, ?, ?)',
    );
    for (const tag of documentThemes) {
      insertDocument.run(documentId, tag.themeId, tag.score, JSON.stringify(tag.evidence));
    }
    const insertPassage = db.prepare(
      'INSERT INTO passage_themes (passage_id, theme_id, score) VALUES (?, ?, ?)',
    );
    for (const tag of passageThemes) insertPassage.run(tag.passageId, tag.themeId, tag.score);
  })();
}
