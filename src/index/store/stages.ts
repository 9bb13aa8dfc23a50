import type { Store } from './open-store.js';
import { nowIso } from './open-store.js';

/** The stages that process documents after the crawl; `index:<backend>` per search backend. */
export type StageName = 'extract' | 'tag' | `index:${string}`;

/** How a stage's last attempt at a document ended. */
export type StageStatus = 'ok' | 'failed' | 'needs-ocr';

/** A stage's record of a document. */
export interface StageRecord {
  documentId: string;
  stage: StageName;
  input: string;
  version: number;
  status: StageStatus;
  error: string | null;
}

/**
 * Records that `stage` processed `documentId` from `input` (a hash of what it read)
 * with code `version`. A later run skips the document while both are unchanged, even
 * after a failure: the same bytes would fail the same way.
 */
export function markStage(store: Store, record: StageRecord): void {
  store.db
    .prepare(
      `INSERT INTO document_stages (document_id, stage, input, version, status, error, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(document_id, stage) DO UPDATE SET input = excluded.input, version = excluded.version,
         status = excluded.status, error = excluded.error, updated_at = excluded.updated_at`,
    )
    .run(
      record.documentId,
      record.stage,
      record.input,
      record.version,
      record.status,
      record.error,
      nowIso(),
    );
}

/** A stage's records for every document (document id → record). */
export function stageRecords(store: Store, stage: StageName): Map<string, StageRecord> {
  const rows = store.db
    .prepare(
      `SELECT document_id AS documentId, stage, input, version, status, error
       FROM document_stages WHERE stage = ?`,
    )
    .all(stage) as StageRecord[];
  return new Map(rows.map((row) => [row.documentId, row]));
}

/** Whether `record` already covers this input and version. */
export function isStageCurrent(record: StageRecord | undefined, input: string, version: number): boolean {
  return record !== undefined && record.input === input && record.version === version;
}

/** Failures a stage has recorded (document id, URL, error), for reports. */
export function stageFailures(
  store: Store,
  stage: StageName,
): { documentId: string; url: string; status: StageStatus; error: string }[] {
  return store.db
    .prepare(
      `SELECT s.document_id AS documentId, d.url, s.status, s.error FROM document_stages s
       JOIN documents d ON d.id = s.document_id WHERE s.stage = ? AND s.status <> 'ok' ORDER BY d.url`,
    )
    .all(stage) as { documentId: string; url: string; status: StageStatus; error: string }[];
}
