import type { ThemesConfig } from '../../config/index.js';
import type { Store } from '../../index/index.js';
import {
  isStageCurrent,
  loadPassages,
  markStage,
  saveThemes,
  sha256Of,
  stageRecords,
} from '../../index/index.js';
import { compileMatcher } from './phrase-matcher.js';
import { tagDocument } from './tag-document.js';

/** Bump when tagging changes: every document is tagged again. */
export const TAG_VERSION = 1;

/** What a tag run did. */
export interface TagReport {
  tagged: number;
  unchanged: number;
}

/**
 * Tags every extracted document whose passages or themes config changed since it
 * was last tagged. The input key joins the extraction's input and version with a
 * hash of the themes config, so editing `themes.yaml` retags everything.
 */
export function tagPending(store: Store, themes: ThemesConfig): TagReport {
  const matcher = compileMatcher(themes.themes);
  const themesHash = sha256Of(Buffer.from(JSON.stringify(themes))).slice(0, 16);
  const extracted = stageRecords(store, 'extract');
  const tagged = stageRecords(store, 'tag');
  const report: TagReport = { tagged: 0, unchanged: 0 };
  for (const [documentId, extraction] of extracted) {
    if (extraction.status === 'failed') continue;
    const input = `${extraction.input}|x${extraction.version}|t${themesHash}`;
    if (isStageCurrent(tagged.get(documentId), input, TAG_VERSION)) {
      report.unchanged++;
      continue;
    }
    const result = tagDocument(loadPassages(store, documentId), matcher);
    store.db.transaction(() => {
      saveThemes(store, documentId, result.documentThemes, result.passageThemes);
      markStage(store, { documentId, stage: 'tag', input, version: TAG_VERSION, status: 'ok', error: null });
    })();
    report.tagged++;
  }
  return report;
}
