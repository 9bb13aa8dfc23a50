export type { ArchivedFile } from './archive.js';
export { archiveBlob, archiveFile, readBlob, sha256Of } from './archive.js';
export type { InterruptedCrawl } from './crawls.js';
export {
  adoptInterruptedCrawl,
  closeInterruptedCrawls,
  findInterruptedCrawl,
  finishCrawl,
  startCrawl,
} from './crawls.js';
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
export { extractedVersion, loadPassages, saveExtraction } from './extraction.js';
export type { DataLock } from './lock.js';
export { lockDataDir } from './lock.js';
export type {
  LinkOrigin,
  ManifestEntry,
  RunOutcome,
  StoredDocument,
  UrlOutcome,
  UrlVisit,
} from './manifest.js';
export {
  documentRemovals,
  getManifestEntry,
  recordVisit,
  runOutcomes,
  settleSourceAfterCrawl,
  storeArchivedDocument,
  storeDocumentBytes,
  touchDocument,
  upsertSource,
} from './manifest.js';
export type { Store } from './open-store.js';
export { nowIso, openStore, STORE_FILE } from './open-store.js';
export type { DocumentRecord } from './records.js';
export type { ReviewEntry, ReviewEvidence, ReviewGroup } from './review-groups.js';
export { loadReviewGroups, recordReviewEntries } from './review-groups.js';
export { loadDocumentRecords, loadPassagesWithThemes, toExportRecord } from './records.js';
export { failRun, finishRun, startRun } from './runs.js';
export type { StageName, StageRecord, StageStatus } from './stages.js';
export { isStageCurrent, markStage, stageFailures, stageRecords } from './stages.js';
export type { ThemesTogether, ThemeYearCounts } from './theme-views.js';
export { taggedReviewCount, themesTogether, themeYearCounts } from './theme-views.js';
export type { DocumentThemeTag, PassageThemeTag } from './themes.js';
export { saveThemes } from './themes.js';
export type { WriteBatch } from './write-batch.js';
export { openWriteBatch } from './write-batch.js';
