import type Database from 'better-sqlite3';
import type { Lexicon, VocabularyEntry } from '../spelling.js';
import { CorrectionIndex } from '../spelling.js';
import { ftsString } from './fts-query.js';

/** Completions a prefix expands to: the commonest words that begin with it. */
export const MAX_PREFIX_COMPLETIONS = 24;

/** Beyond every character a word can hold, so `word < prefix + END` bounds a prefix range. */
const END = '\u{10FFFF}';

/**
 * What the embedded index knows about its words, for correction, prefixes and word
 * weights. Words are known by the FTS index itself (so "neglects" is known when any
 * review says "neglected": they share a stem); corrections and completions come from
 * the surface words in `vocabulary`, loaded for correction only when first needed.
 */
export class IndexLexicon implements Lexicon {
  readonly #db: Database.Database;
  #correction: CorrectionIndex | null = null;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Forgets cached words after the index changed. */
  invalidate(): void {
    this.#correction = null;
  }

  isKnown(word: string): boolean {
    return (
      this.#db
        .prepare('SELECT 1 FROM reviews_fts WHERE reviews_fts MATCH ? LIMIT 1')
        .get(ftsString([word])) !== undefined
    );
  }

  hasPrefix(prefix: string): boolean {
    return (
      this.#db
        .prepare('SELECT 1 FROM vocabulary WHERE word >= ? AND word < ? LIMIT 1')
        .get(prefix, prefix + END) !== undefined
    );
  }

  suggest(word: string): string | null {
    this.#correction ??= new CorrectionIndex(
      this.#db.prepare('SELECT word, count FROM vocabulary').all() as VocabularyEntry[],
    );
    return this.#correction.suggest(word);
  }

  /**
   * The words a typed prefix stands for, commonest first. Expanded from surface words
   * rather than left to FTS5's `prefix*`, because FTS5 stems the prefix too: "happin*"
   * would look for stems beginning "happin" and miss "happiness" (stem "happi").
   */
  completions(prefix: string, limit = MAX_PREFIX_COMPLETIONS): string[] {
    return this.#db
      .prepare('SELECT word FROM vocabulary WHERE word >= ? AND word < ? ORDER BY count DESC, word LIMIT ?')
      .pluck()
      .all(prefix, prefix + END, limit) as string[];
  }

  /** How many reviews use a word (0 when none). */
  reviewsWith(word: string): number {
    const row = this.#db.prepare('SELECT count FROM vocabulary WHERE word = ?').get(word) as
      { count: number } | undefined;
    return row?.count ?? 0;
  }
}
