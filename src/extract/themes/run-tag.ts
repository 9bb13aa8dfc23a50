import type { ThemesConfig } from '../../config/index.js';
import type { Store } from '../../index/index.js';
import { isStageCurrent, loadPassages, markStage, saveThemes, stageRecords } from '../../index/index.js';
import type { ThemeModel } from './classifier.js';
import { loadThemeModel } from './classifier.js';
import { createTagger } from './tag-document.js';

/** Bump when tagging changes: every document is tagged again. */
export const TAG_VERSION = 2;

/** What a tag run did. */
export interface TagReport {
  tagged: number;
  unchanged: number;
}

/**
 * Tags every extracted document (failed ones by the text kept from before) whose passages, themes config or model changed since
 * it was last tagged. The input key joins the extraction's input and version with the
 * tagger's fingerprint (a hash of the themes config and the model), so editing
 * `themes.yaml` or retraining retags everything. `model` defaults to the package's.
 */
export function tagPending(
  store: Store,
  themes: ThemesConfig,
  model: ThemeModel = loadThemeModel(),
): TagReport {
  const tagger = createTagger(themes, model);
  const extracted = stageRecords(store, 'extract');
  const tagged = stageRecords(store, 'tag');
  const report: TagReport = { tagged: 0, unchanged: 0 };
  // A document whose newest version failed is tagged too: the text read before stays
  // searchable and exported, so its tags must follow the themes config and model.
  for (const [documentId, extraction] of extracted) {
    const input = `${extraction.input}|x${extraction.version}|t${tagger.fingerprint}`;
    if (isStageCurrent(tagged.get(documentId), input, TAG_VERSION)) {
      report.unchanged++;
      continue;
    }
    const result = tagger.tagDocument(loadPassages(store, documentId));
    store.db.transaction(() => {
      saveThemes(store, documentId, result.documentThemes, result.passageThemes);
      markStage(store, { documentId, stage: 'tag', input, version: TAG_VERSION, status: 'ok', error: null });
    })();
    report.tagged++;
  }
  return report;
}
