/**
 * `npm run eval:themes [-- --part <part> ...] [--json]` (`--help` lists the parts): scores the
 * theme tagger on the held-out parts of the labelled set (all of them by default): precision,
 * recall and F1 per theme and micro/macro, for passages and for documents, with the
 * model and with terms alone, so the table shows what the classifier adds.
 */
import { loadThemesConfig, THEME_IDS } from '../src/config/index.js';
import type { LabelledPart, LabelScores, PartScores } from '../src/extract/index.js';
import { scriptArgs } from './args.js';
import {
  evaluatePart,
  loadLabelledSet,
  loadSecondLabellings,
  loadThemeModel,
  scoreLabels,
  themesConfigHash,
} from '../src/extract/index.js';

/** The parts and what each is, newest held-out set first: the order they are scored in. */
const PARTS: Record<LabelledPart, string> = {
  'heldout-u':
    'held out U (six excerpted reviews, written after the eleventh model was fixed, by writers who read only the labelling rules)',
  'heldout-t':
    'held out T (six excerpted reviews, written after the tenth model was fixed, by writers who read only the labelling rules)',
  'heldout-s':
    'held out S (six excerpted reviews, written after the ninth model was fixed and before its document rule changed)',
  'heldout-q':
    'held out Q (written before the ninth model, by writers who saw neither the tagger, its words nor the training text)',
  'heldout-a':
    'held out A (split by id before tuning, never trained on; scored after each model was fixed, see fixtures/labelled/themes/README.md)',
  'heldout-c': 'held out C (written after the second model was fixed, in yet other voices)',
  train: 'training part (what the model was trained on: not a measure of accuracy)',
};
const PART_NAMES = Object.keys(PARTS) as LabelledPart[];

const values = scriptArgs(`npm run eval:themes [-- --part ${PART_NAMES.join('|')} ...] [--json]`, {
  part: { type: 'string', multiple: true },
  json: { type: 'boolean' },
});
const parts = (values.part ?? PART_NAMES.filter((part) => part !== 'train')) as LabelledPart[];
const unknown = parts.filter((part) => !(part in PARTS));
if (unknown.length > 0) {
  process.stderr.write(
    `eval:themes: --part: expected one of ${Object.keys(PARTS).join(', ')}, got "${unknown.join(', ')}"\n`,
  );
  process.exit(2);
}

const set = loadLabelledSet();
const themes = await loadThemesConfig();
const model = loadThemeModel();
if (
  model.file.trainedOn.labelledSet !== set.trainingFingerprint ||
  model.file.trainedOn.themesConfig !== themesConfigHash(themes)
) {
  process.stderr.write(
    'eval:themes: the model was trained on another labelled set or themes config: run "npm run train:themes"\n',
  );
}
const results = parts
  .filter((part) => set.passages.some((passage) => passage.part === part))
  .map((part) => evaluatePart(set, part, themes, model));
if (values.json) {
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
  for (const result of results) process.stdout.write(formatPart(result));
  process.stdout.write(formatAgreement());
}

/**
 * How far two readers agree: each second labelling (made without seeing the first)
 * scored against the first, as the tagger is. The tagger cannot be expected to agree
 * with the labels more closely than another careful reader does.
 */
function formatAgreement(): string {
  return loadSecondLabellings(set)
    .map(({ set: name, themes: second }) => {
      const passages = set.passages.filter((passage) => passage.set === name);
      const scores = scoreLabels(
        passages.map((passage) => ({ truth: passage.themes, predicted: second.get(passage.id) ?? [] })),
        THEME_IDS,
      );
      const low = scores.perTheme
        .filter((score) => score.support > 0 && score.f1 < 0.7)
        .map((score) => `${score.themeId} ${num(score.f1)}`);
      return `\ntwo labellers on ${name} (${passages.length} passages; the second, labelling without seeing the first, scored against the first): ${prf(scores.micro)}, macro F1 ${num(scores.macro.f1)}${low.length > 0 ? `; below 0.7: ${low.join(', ')}` : ''}\n`;
    })
    .join('');
}

function formatPart(result: PartScores): string {
  const passages = result.passages.model.items;
  const documents = result.documents.model.items;
  return [
    `\n${PARTS[result.part as LabelledPart]}: ${passages} passages, ${documents} documents\n`,
    table('passages', result.passages.model, result.passages.terms),
    `word probabilities alone (word classifiers with neighbours, p >= 0.5): ${prf(result.passages.wordClassifiers.micro)}\n`,
    table('documents', result.documents.model, result.documents.terms),
    `what the model adds over terms alone: passages micro-F1 ${delta(result.passages)}, documents ${delta(result.documents)}\n`,
  ].join('');
}

function table(title: string, model: LabelScores, terms: LabelScores): string {
  const head = `${title.padEnd(32)} support  precision  recall     F1  | F1 terms only\n`;
  const rows = model.perTheme
    .map((score, i) => ({ score, terms: terms.perTheme[i] }))
    .filter(({ score }) => score.support > 0 || score.falsePositives > 0)
    .map(
      ({ score, terms: t }) =>
        `${score.themeId.padEnd(32)} ${String(score.support).padStart(7)}  ${num(score.precision).padStart(9)}  ${num(score.recall).padStart(6)}  ${num(score.f1).padStart(5)}  | ${num(t?.f1 ?? 0).padStart(5)}\n`,
    );
  const summary = (name: string, s: LabelScores['micro'], t: LabelScores['micro']) =>
    `${name.padEnd(32)} ${''.padStart(7)}  ${num(s.precision).padStart(9)}  ${num(s.recall).padStart(6)}  ${num(s.f1).padStart(5)}  | ${num(t.f1).padStart(5)}\n`;
  return `\n${head}${rows.join('')}${summary('micro', model.micro, terms.micro)}${summary('macro', model.macro, terms.macro)}`;
}

function prf(s: LabelScores['micro']): string {
  return `precision ${num(s.precision)}, recall ${num(s.recall)}, F1 ${num(s.f1)}`;
}

function delta(scores: { model: LabelScores; terms: LabelScores }): string {
  const d = scores.model.micro.f1 - scores.terms.micro.f1;
  return `${num(scores.terms.micro.f1)} -> ${num(scores.model.micro.f1)} (${d >= 0 ? '+' : ''}${d.toFixed(3)})`;
}

function num(n: number): string {
  return n.toFixed(2);
}
