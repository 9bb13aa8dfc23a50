import type Database from 'better-sqlite3';
import type { SearchAnswer, SearchResult } from '../../contracts/index.js';
import { PASSAGES_PER_REVIEW, type SearchQuery } from '../backend.js';
import type { Clause } from '../query-plan.js';
import { planQuery } from '../query-plan.js';
import { formatQueryText, parseQueryText } from '../query-text.js';
import type { SearchConfig } from '../search-config.js';
import { toSearchResult } from '../search-result.js';
import { renderSnippet } from '../snippet.js';
import { correctTerms } from '../spelling.js';
import { hasReviewFilters } from './filter-sql.js';
import type { IndexLexicon } from './index-lexicon.js';
import type { ReviewCatalog } from './index-writer.js';
import type { FoundPassage } from './passage-finder.js';
import { PassageFinder } from './passage-finder.js';
import type { ReviewMatch } from './review-matches.js';
import { ReviewMatcher } from './review-matches.js';

type Answer = Omit<SearchAnswer, 'query' | 'correctedQuery'>;

/**
 * Answers searches over the embedded index: parse, correct, plan (synonyms, stop words,
 * prefix), match at review level, then find passages for the page shown.
 */
export class IndexSearch {
  readonly #catalog: ReviewCatalog;
  readonly #lexicon: IndexLexicon;
  readonly #config: SearchConfig;
  readonly #matcher: ReviewMatcher;
  readonly #passages: PassageFinder;

  constructor(db: Database.Database, catalog: ReviewCatalog, lexicon: IndexLexicon, config: SearchConfig) {
    this.#catalog = catalog;
    this.#lexicon = lexicon;
    this.#config = config;
    this.#matcher = new ReviewMatcher(db, catalog);
    this.#passages = new PassageFinder(db, catalog, lexicon);
  }

  /** Forgets cached matches and words after the index changed. */
  invalidate(): void {
    this.#matcher.invalidate();
    this.#lexicon.invalidate();
  }

  search(query: SearchQuery): SearchAnswer {
    const terms = parseQueryText(query.q).terms;
    if (terms.length === 0) return { query: query.q, correctedQuery: null, ...this.#browse(query) };
    // A trailing space means the last word is finished, as in Meilisearch.
    const prefixLast = query.prefix && !/\s$/.test(query.q);
    const corrected = correctTerms(terms, this.#lexicon, this.#config, prefixLast);
    const plan = planQuery(corrected ?? terms, this.#config, prefixLast);
    const clauses = plan.clauses.map((clause) => this.#expandPrefix(clause));
    const matches = this.#matcher.match(clauses, query);
    const answer = query.passages
      ? this.#passageAnswer(clauses, matches, query)
      : this.#reviewAnswer(clauses, matches, query);
    return { query: query.q, correctedQuery: corrected ? formatQueryText(corrected) : null, ...answer };
  }

  /** A prefix clause becomes the word itself (when indexed) and its commonest completions. */
  #expandPrefix(clause: Clause): Clause {
    const word = clause.alternatives[0]?.words[0];
    if (!clause.prefix || word === undefined) return clause;
    const completions = this.#lexicon.completions(word);
    if (completions.length === 0) return clause;
    const words = new Set([...(this.#lexicon.isKnown(word) ? [word] : []), ...completions]);
    return { ...clause, alternatives: [...words].map((w) => ({ words: [w] })) };
  }

  #reviewAnswer(clauses: readonly Clause[], matches: ReviewMatch[], query: SearchQuery): Answer {
    const page = matches.slice(query.offset, query.offset + query.limit);
    const passages = this.#passages.best(
      clauses,
      page.map((m) => m.slot),
      query.sections,
    );
    return {
      total: matches.length,
      results: page.map((m) => this.#result(m.slot, m.score, passages.get(m.slot) ?? [])),
      facets: this.#matcher.facets(matches),
    };
  }

  #passageAnswer(clauses: readonly Clause[], matches: ReviewMatch[], query: SearchQuery): Answer {
    const yearOf = (slot: number) => this.#catalog.bySlot.get(slot)?.year ?? Number.NEGATIVE_INFINITY;
    const byYear = query.sort === 'year';
    const slots = matches.map((m) => m.slot);
    // Newest reviews first, the stronger match first within a year (the sort is stable).
    if (byYear) slots.sort((a, b) => yearOf(b) - yearOf(a));
    const hits = this.#passages.hits(
      clauses,
      slots,
      query.sections,
      query.offset + query.limit,
      byYear ? yearOf : undefined,
    );
    // A passage holding every clause lies in a review that does, so without review
    // filters every such passage counts, and FTS5 can count them in one query.
    return {
      total: this.#passages.count(clauses, hasReviewFilters(query) ? slots : null, query.sections),
      results: hits
        .slice(query.offset, query.offset + query.limit)
        .map((hit) => this.#result(hit.slot, hit.score, [hit])),
      facets: this.#matcher.facets(matches),
    };
  }

  /** No words: the reviews the filters select, newest first, with their first passages of the chosen sections. */
  #browse(query: SearchQuery): Answer {
    const matches = this.#matcher.filter(query);
    const facets = this.#matcher.facets(matches);
    if (!query.passages) {
      const page = matches.slice(query.offset, query.offset + query.limit);
      return {
        total: matches.length,
        results: page.map((m) =>
          this.#result(
            m.slot,
            0,
            query.sections.length > 0
              ? this.#passages.leading(m.slot, query.sections, 0, PASSAGES_PER_REVIEW)
              : [],
          ),
        ),
        facets,
      };
    }
    // One result per passage, review by review: skip whole reviews by their section counts.
    const counts = matches.map((m) => this.#passageCount(m.slot, query));
    const total = counts.reduce((sum, n) => sum + n, 0);
    const results: SearchResult[] = [];
    let skip = query.offset;
    matches.forEach((m, i) => {
      const n = counts[i] as number;
      if (results.length >= query.limit) return;
      if (skip >= n) {
        skip -= n;
        return;
      }
      for (const passage of this.#passages.leading(
        m.slot,
        query.sections,
        skip,
        query.limit - results.length,
      )) {
        results.push(this.#result(m.slot, 0, [passage]));
      }
      skip = 0;
    });
    return { total, results, facets };
  }

  #passageCount(slot: number, query: SearchQuery): number {
    const counts = this.#catalog.bySlot.get(slot)?.sectionCounts ?? {};
    const sections = query.sections.length > 0 ? query.sections : Object.keys(counts);
    return sections.reduce((sum, s) => sum + (counts[s as keyof typeof counts] ?? 0), 0);
  }

  #result(slot: number, score: number, passages: readonly FoundPassage[]): SearchResult {
    const review = this.#catalog.bySlot.get(slot);
    if (!review) throw new Error(`embedded index: review slot ${slot} matched but is not loaded`);
    return toSearchResult(
      review,
      score,
      passages.map((p) => ({ page: p.page, section: p.section, snippet: renderSnippet(p.marked) })),
    );
  }
}
