import type { ResultPassage, SearchResult } from '../contracts/index.js';
import type { IndexReview } from './backend.js';
import { roundScore } from './ranking.js';

/** A review as a search result: its record's shown fields, its score (rounded) and passages. */
export function toSearchResult(review: IndexReview, score: number, passages: ResultPassage[]): SearchResult {
  return {
    id: review.id,
    title: review.title,
    area: review.area,
    year: review.year,
    reviewType: review.reviewType,
    documentKind: review.documentKind,
    documentUrl: review.documentUrl,
    online: review.online,
    score: roundScore(score),
    themes: review.themes,
    passages,
  };
}
