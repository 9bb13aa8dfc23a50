export { archiveBlob, readBlob, sha256Of } from './archive.js';
export type { DocumentLocation, DocumentRow } from './documents.js';
export { documentLocations, listDocuments } from './documents.js';
export type {
  DocumentMeta,
  ExtractedPage,
  ExtractedPassage,
  ExtractedSection,
  Extraction,
  FieldSource,
  StoredPassage,
} from './extraction.js';
export { loadPassages, saveExtraction } from './extraction.js';
export type { DataLock } from './lock.js';
export { lockDataDir } from './lock.js';
export type { LinkOrigin, ManifestEntry, StoredDocument, UrlOutcome, UrlVisit } from './manifest.js';
export {
  getManifestEntry,
  recordVisit,
  settleSourceAfterCrawl,
  storeDocumentBytes,
  touchDocument,
  upsertSource,
} from './manifest.js';
export type { Store } from './open-store.js';
export { nowIso, openStore, STORE_FILE } from './open-store.js';
export type { DocumentRecord } from './records.js';
export { loadDocumentRecords, loadPassagesWithThemes, toExportRecord } from './records.js';
export { finishRun, startRun } from './runs.js';
export type { StageName, StageRecord, StageStatus } from './stages.js';
export { isStageCurrent, markStage, stageFailures, stageRecords } from './stages.js';
export type { ThemesTogether, ThemeYearCounts } from './theme-views.js';
export { taggedReviewCount, themesTogether, themeYearCounts } from './theme-views.js';
export type { DocumentThemeTag, PassageThemeTag } from './themes.js';
export { saveThemes } from './themes.js';
