export type { ThemeModel, ThemeModelFile, Thresholds } from './classifier.js';
export { buildThemeModel, loadThemeModel, MODEL_FILE } from './classifier.js';
export type { LabelPair, LabelScores, PartScores, PrecisionRecall, ThemeScore } from './evaluate.js';
export { scoreLabels } from './evaluate.js';
export { evaluatePart } from './evaluate-part.js';
export type {
  LabelledDocument,
  LabelledPart,
  LabelledPassage,
  LabelledSet,
  SecondLabelling,
} from './labelled-set.js';
export { LABELLED_SET_DIR, loadLabelledSet, loadSecondLabellings, partOf } from './labelled-set.js';
export type { PassageTheme } from './passage-themes.js';
export type { MatchKind, PhraseMatcher, TermMatch } from './phrase-matcher.js';
export { compileMatcher, matchTerms } from './phrase-matcher.js';
export type { TagReport } from './run-tag.js';
export { TAG_VERSION, tagPending } from './run-tag.js';
export type { DocumentTheme, TaggablePassage, Tagger, TagResult } from './tag-document.js';
export {
  createTagger,
  DOCUMENT_THRESHOLD,
  LONG_DOCUMENT_EVIDENCE,
  LONG_DOCUMENT_PASSAGES,
  SECTION_WEIGHTS,
  themesConfigHash,
} from './tag-document.js';
export type { CrossValidation, TrainOptions } from './train.js';
export { crossValidate, trainModel } from './train.js';
