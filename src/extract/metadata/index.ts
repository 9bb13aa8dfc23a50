export type { LinkEvidence, MetadataInput } from './build-metadata.js';
export { buildMetadata } from './build-metadata.js';
export { childNamesIn } from './child-names.js';
export { notReviewReason } from './classify.js';
export type { FoundDate, PublicationDate } from './dates.js';
export { findDates, publicationDateIn } from './dates.js';
export { documentKindIn } from './document-kind.js';
export { reviewTypeIn } from './review-type.js';
export { isMeaningfulTitle, titleFromCover } from './title.js';
