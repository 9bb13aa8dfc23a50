/**
 * `npm run bench:themes [-- --passages N]`: theme tagging speed on a generated corpus
 * (default 40,000 passages in reviews of 80 passages). Passages are built from the
 * labelled set's sentences, shuffled and recombined with a seeded random source, in
 * every section, so the words, terms and negations are those of review text. Prints
 * passages per second with the model and with terms alone, the model's load time and
 * the process's peak memory.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createRandom } from '../fixtures/web/random.js';
import { loadThemesConfig } from '../src/config/index.js';
import type { SectionId } from '../src/contracts/index.js';
import type { TaggablePassage, Tagger } from '../src/extract/index.js';
import { createTagger, loadLabelledSet, loadThemeModel } from '../src/extract/index.js';

const SECTIONS: SectionId[] = [
  'summary',
  'introduction',
  'background',
  'chronology',
  'chronology',
  'analysis',
  'findings',
  'learning',
  'recommendations',
  'appendix',
];
const PASSAGES_PER_REVIEW = 80;

/** Reviews of `PASSAGES_PER_REVIEW` passages of three to seven labelled-set sentences each. */
function buildCorpus(total: number): TaggablePassage[][] {
  const sentences = loadLabelledSet()
    .passages.flatMap((passage) => passage.text.split(/(?<=[.!?])\s+/))
    .filter((sentence) => sentence.length > 20);
  const random = createRandom('bench-themes');
  const reviews: TaggablePassage[][] = [];
  for (let id = 0; id < total; id += PASSAGES_PER_REVIEW) {
    const review: TaggablePassage[] = [];
    for (let ordinal = 0; ordinal < Math.min(PASSAGES_PER_REVIEW, total - id); ordinal++) {
      const text = random.sample(sentences, random.int(3, 7)).join(' ');
      const section = SECTIONS[Math.floor((ordinal / PASSAGES_PER_REVIEW) * SECTIONS.length)] as SectionId;
      review.push({ id: id + ordinal, ordinal, page: 1 + Math.floor(ordinal / 3), section, text });
    }
    reviews.push(review);
  }
  return reviews;
}

function timeTagging(tagger: Tagger, reviews: readonly TaggablePassage[][]): { ms: number; themes: number } {
  let themes = 0;
  const started = performance.now();
  for (const review of reviews) themes += tagger.tagDocument(review).documentThemes.length;
  return { ms: performance.now() - started, themes };
}

/** Runs the benchmark. */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { passages: { type: 'string', default: '40000' } } });
  const total = Number(values.passages);
  if (!Number.isInteger(total) || total < 1)
    throw new Error(`--passages: expected a positive integer, got "${values.passages}"`);
  const reviews = buildCorpus(total);
  const words = reviews.flat().reduce((sum, passage) => sum + passage.text.split(/\s+/).length, 0);
  const themes = await loadThemesConfig();

  const loadStarted = performance.now();
  const model = loadThemeModel();
  const withModel = createTagger(themes, model);
  const loadMs = performance.now() - loadStarted;
  const termsOnly = createTagger(themes, null);

  timeTagging(withModel, reviews.slice(0, 5)); // warm the stem cache and the JIT
  const modelRun = timeTagging(withModel, reviews);
  const termsRun = timeTagging(termsOnly, reviews);
  const perSecond = (ms: number) => Math.round((total / ms) * 1000).toLocaleString('en-GB');
  process.stdout.write(
    [
      `corpus: ${total.toLocaleString('en-GB')} passages (${Math.round(words / total)} words on average) in ${reviews.length} reviews`,
      `model load: ${loadMs.toFixed(0)} ms`,
      `with the model: ${perSecond(modelRun.ms)} passages/s (${(modelRun.ms / reviews.length).toFixed(1)} ms per review)`,
      `terms alone:    ${perSecond(termsRun.ms)} passages/s (${(termsRun.ms / reviews.length).toFixed(1)} ms per review)`,
      `peak memory (rss): ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
      '',
    ].join('\n'),
  );
}
