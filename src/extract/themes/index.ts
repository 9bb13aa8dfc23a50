export type { PhraseMatcher, TermMatch } from './phrase-matcher.js';
export { compileMatcher, matchTerms } from './phrase-matcher.js';
export type { TagReport } from './run-tag.js';
export { TAG_VERSION, tagPending } from './run-tag.js';
export type { TagResult } from './tag-document.js';
export { SECTION_WEIGHTS, tagDocument } from './tag-document.js';
