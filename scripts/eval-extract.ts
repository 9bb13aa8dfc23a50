/**
 * `npm run eval:extract [--verbose]`: scores extraction against the labelled
 * corpus (fixtures/extract): per-field accuracy of the metadata, and section
 * boundaries (canonical section and start page) per document. Prints every miss
 * with what was expected and what came out.
 */
import type { LabelledDocument } from '../fixtures/extract/index.js';
import { buildLabelledCorpus } from '../fixtures/extract/index.js';
import type { ExtractOutcome } from '../src/extract/index.js';
import { extractFromBytes } from '../src/extract/index.js';

type Field =
  | 'title'
  | 'year'
  | 'publishedDate'
  | 'reviewType'
  | 'documentKind'
  | 'isReview'
  | 'childNames'
  | 'childAge'
  | 'childOutcome'
  | 'sections';

const FIELDS: readonly Field[] = [
  'title',
  'year',
  'publishedDate',
  'reviewType',
  'documentKind',
  'isReview',
  'childNames',
  'childAge',
  'childOutcome',
  'sections',
];

/** Lower-case letters and digits only. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function show(value: unknown): string {
  return JSON.stringify(value);
}

interface Score {
  field: Field;
  ok: boolean;
  expected: unknown;
  got: unknown;
}

function score(doc: LabelledDocument, outcome: ExtractOutcome): Score[] {
  if (outcome.status === 'failed') {
    return FIELDS.map((field) => ({ field, ok: false, expected: '(a document)', got: outcome.error }));
  }
  const { truth } = doc.spec;
  const meta = outcome.extraction.meta;
  const names = (list: readonly string[]) => list.map(squash).sort();
  const sections = mergeExtracted(outcome.extraction.sections);
  const same = (a: unknown, b: unknown) => show(a) === show(b);
  return [
    {
      field: 'title',
      ok: meta.title !== null && truth.title.map(squash).includes(squash(meta.title)),
      expected: truth.title,
      got: meta.title,
    },
    { field: 'year', ok: meta.year === truth.year, expected: truth.year, got: meta.year },
    {
      field: 'publishedDate',
      ok: meta.publishedDate === truth.publishedDate,
      expected: truth.publishedDate,
      got: meta.publishedDate,
    },
    {
      field: 'reviewType',
      ok: meta.reviewType === truth.reviewType,
      expected: truth.reviewType,
      got: meta.reviewType,
    },
    {
      field: 'documentKind',
      ok: meta.documentKind === truth.documentKind,
      expected: truth.documentKind,
      got: meta.documentKind,
    },
    { field: 'isReview', ok: meta.isReview === truth.isReview, expected: truth.isReview, got: meta.isReview },
    {
      field: 'childNames',
      ok: same(names(meta.childNames), names(truth.childNames)),
      expected: truth.childNames,
      got: meta.childNames,
    },
    { field: 'childAge', ok: meta.childAge === truth.childAge, expected: truth.childAge, got: meta.childAge },
    {
      field: 'childOutcome',
      ok: meta.childOutcome === truth.childOutcome,
      expected: truth.childOutcome,
      got: meta.childOutcome,
    },
    { field: 'sections', ok: same(sections, doc.sections), expected: doc.sections, got: sections },
  ];
}

function mergeExtracted(
  sections: readonly { section: string; pageStart: number }[],
): { section: string; page: number }[] {
  const merged: { section: string; page: number }[] = [];
  for (const s of sections) {
    if (merged.at(-1)?.section === s.section) continue;
    merged.push({ section: s.section, page: s.pageStart });
  }
  return merged;
}

/** Section boundaries found (precision) and truth boundaries found (recall), over the whole corpus. */
function boundaryCounts(
  expected: readonly { section: string; page: number }[],
  got: readonly { section: string; page: number }[],
) {
  const key = (s: { section: string; page: number }) => `${s.section}@${s.page}`;
  const truth = new Set(expected.map(key));
  const found = got.filter((s) => truth.has(key(s))).length;
  return { found, truth: expected.length, got: got.length };
}

const verbose = process.argv.includes('--verbose');
const corpus = await buildLabelledCorpus();
const totals = new Map<Field, number>(FIELDS.map((f) => [f, 0]));
const misses: string[] = [];
let found = 0;
let truthBoundaries = 0;
let gotBoundaries = 0;
const byFormat = new Map<string, number>();
for (const doc of corpus) {
  byFormat.set(doc.spec.format, (byFormat.get(doc.spec.format) ?? 0) + 1);
  const outcome = await extractFromBytes({
    documentId: doc.spec.id,
    sha256: doc.spec.id,
    mediaType: doc.mediaType,
    bytes: doc.bytes,
    source: { area: doc.spec.area, nation: 'England' },
    links: doc.spec.link
      ? [
          {
            url: `https://example.org/${doc.spec.id}`,
            linkText: doc.spec.link.text,
            heading: null,
            context: doc.spec.link.context,
          },
        ]
      : [],
    options: { maxPages: 5000, ocr: false },
  });
  for (const s of score(doc, outcome)) {
    if (s.ok) totals.set(s.field, (totals.get(s.field) ?? 0) + 1);
    else
      misses.push(
        `${doc.spec.id} (${doc.spec.format}) ${s.field}: expected ${show(s.expected)}, got ${show(s.got)}`,
      );
  }
  if (outcome.status !== 'failed') {
    const counts = boundaryCounts(doc.sections, mergeExtracted(outcome.extraction.sections));
    found += counts.found;
    truthBoundaries += counts.truth;
    gotBoundaries += counts.got;
    if (verbose) console.log(doc.spec.id, show(outcome.extraction.meta.provenance));
  }
}

const formats = [...byFormat].map(([format, n]) => `${n} ${format}`).join(', ');
console.log(`labelled corpus: ${corpus.length} documents (${formats})\n`);
console.log('field           accuracy');
for (const field of FIELDS) {
  const ok = totals.get(field) ?? 0;
  console.log(
    `${field.padEnd(15)} ${((100 * ok) / corpus.length).toFixed(1).padStart(5)}%  (${ok}/${corpus.length})`,
  );
}
console.log(
  `\nsection boundaries (section and start page): recall ${((100 * found) / truthBoundaries).toFixed(1)}% ` +
    `(${found}/${truthBoundaries}), precision ${((100 * found) / gotBoundaries).toFixed(1)}% (${found}/${gotBoundaries})`,
);
if (misses.length > 0) console.log(`\nmisses (${misses.length}):\n${misses.join('\n')}`);
