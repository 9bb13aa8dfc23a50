import type { ThemesConfig } from '../../config/index.js';
import { BIAS_FEATURE } from './classifier.js';
import type { ThemeModel } from './classifier.js';
import type { LabelScores, PartScores } from './evaluate.js';
import { scoreLabels } from './evaluate.js';
import { passageFeatures } from './features.js';
import type { LabelledPart, LabelledSet } from './labelled-set.js';
import { compileMatcher, matchTerms } from './phrase-matcher.js';
import type { Tagger } from './tag-document.js';
import { createTagger } from './tag-document.js';
import { tokenize } from './tokens.js';

/**
 * Scores the tagger on one part of the labelled set: passages and documents, with the
 * model and with terms alone (what the model adds), and the word probabilities alone
 * (word classifiers with neighbours) at 0.5 for reference.
 */
export function evaluatePart(
  set: LabelledSet,
  part: LabelledPart,
  themes: ThemesConfig,
  model: ThemeModel,
): PartScores {
  const themeIds = themes.themes.map((theme) => theme.id);
  const passages = set.passages.filter((passage) => passage.part === part);
  const documents = set.documents.filter((document) => document.part === part);
  const withModel = createTagger(themes, model);
  const termsOnly = createTagger(themes, null);
  const matcher = compileMatcher(themes.themes);
  const passageScores = (tagger: Tagger): LabelScores =>
    scoreLabels(
      passages.map((passage) => ({
        truth: passage.themes,
        predicted: tagger.tagPassage(passage.text, passage.section).map((theme) => theme.themeId),
      })),
      themeIds,
    );
  const documentScores = (tagger: Tagger): LabelScores =>
    scoreLabels(
      documents.map((document) => ({
        truth: document.themes,
        predicted: tagger
          .tagDocument(document.passages.map((passage, i) => ({ ...passage, id: i, ordinal: i })))
          .documentThemes.map((theme) => theme.themeId),
      })),
      themeIds,
    );
  const wordClassifiers = scoreLabels(
    passages.map((passage) => {
      const tokens = tokenize(passage.text);
      const features = new Set([
        BIAS_FEATURE,
        ...passageFeatures(tokens, matchTerms(tokens, matcher), passage.section),
      ]);
      const predicted = [...model.wordProbabilities(features)].filter(([, p]) => p >= 0.5).map(([id]) => id);
      return { truth: passage.themes, predicted };
    }),
    themeIds,
  );
  return {
    part,
    passages: { model: passageScores(withModel), terms: passageScores(termsOnly), wordClassifiers },
    documents: { model: documentScores(withModel), terms: documentScores(termsOnly) },
  };
}
