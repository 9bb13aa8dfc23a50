/**
 * `npm run train:themes`: trains the theme model (per-theme word classifiers and the
 * evidence verifier, natural's logistic regression, and the training passages kept for
 * the neighbours' vote) on the training part of the labelled set in
 * fixtures/labelled/themes, tunes its thresholds by cross-validation, and writes
 * models/themes-classifier.json. Deterministic: the same labelled set and
 * themes config give the same file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadThemesConfig } from '../src/config/index.js';
import {
  compileMatcher,
  loadLabelledSet,
  MODEL_FILE,
  themesConfigHash,
  trainModel,
} from '../src/extract/index.js';

const started = Date.now();
const set = loadLabelledSet();
const themes = await loadThemesConfig();
const training = set.passages.filter((passage) => passage.part === 'train');
process.stderr.write(
  `training on ${training.length} passages (held out: ${set.passages.length - training.length})\n`,
);
const model = trainModel(
  training,
  themes,
  compileMatcher(themes.themes),
  { labelledSet: set.trainingFingerprint, themesConfig: themesConfigHash(themes) },
  { onProgress: (line) => process.stderr.write(`${line}\n`) },
);
mkdirSync(dirname(MODEL_FILE), { recursive: true });
writeFileSync(MODEL_FILE, `${JSON.stringify(model)}\n`);
process.stderr.write(`wrote ${MODEL_FILE} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
