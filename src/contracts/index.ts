export { DocumentTheme, ExportRecord, ThemeEvidence, YearSource } from './export-record.js';
export { Facets, ResultPassage, SearchAnswer, SearchResult } from './search-answer.js';
export { DocumentKind, ReviewType, SectionId } from './vocabulary.js';
