export { CSV_COLUMNS, toCsv } from './csv.js';
export type { ExportFormat, ExportOptions } from './export-reviews.js';
export { EXPORT_FORMATS, exportReviews } from './export-reviews.js';
export type { BriefingDocument, BriefingReview } from './markdown.js';
export { toMarkdown } from './markdown.js';
