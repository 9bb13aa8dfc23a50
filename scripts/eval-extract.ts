/**
 * `npm run eval:extract [--verbose]`: scores extraction against the labelled
 * corpus (fixtures/extract): per-field accuracy of the metadata, and section
 * boundaries (canonical section and start page) per document, for the whole corpus
 * and, apart, for the held-out documents. Prints every miss with what was expected
 * and what came out.
 */
import type { DocumentScore } from '../fixtures/extract/index.js';
import {
  boundaryAccuracy,
  buildLabelledCorpus,
  fieldAccuracy,
  HELD_OUT_SETS,
  heldOutSetOf,
  scoreCorpus,
} from '../fixtures/extract/index.js';

function show(value: unknown): string {
  return JSON.stringify(value);
}

function percent(part: number, whole: number): string {
  return `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;
}

function printTable(heading: string, scores: readonly DocumentScore[]): void {
  const formats = new Map<string, number>();
  for (const s of scores) formats.set(s.doc.spec.format, (formats.get(s.doc.spec.format) ?? 0) + 1);
  console.log(
    `${heading}: ${scores.length} documents (${[...formats].map(([f, n]) => `${n} ${f}`).join(', ')})\n`,
  );
  console.log('field           accuracy');
  for (const [field, { right, of }] of fieldAccuracy(scores)) {
    console.log(`${field.padEnd(15)} ${percent(right, of).padStart(6)}  (${right}/${of})`);
  }
  const b = boundaryAccuracy(scores);
  console.log(
    `\nsection boundaries (section and start page): recall ${percent(b.found, b.truth)} ` +
      `(${b.found}/${b.truth}), precision ${percent(b.found, b.got)} (${b.found}/${b.got})\n`,
  );
}

const verbose = process.argv.includes('--verbose');
const scores = await scoreCorpus(await buildLabelledCorpus());
printTable('labelled corpus', scores);
printTable(
  'development documents (the rules were written on these; npm test holds them to 95%)',
  scores.filter((s) => heldOutSetOf(s.doc.spec.id) === undefined),
);
for (const set of HELD_OUT_SETS) {
  printTable(
    `${set.name}, ${set.note}`,
    scores.filter((s) => set.ids.has(s.doc.spec.id)),
  );
}
const heldOutIn = (id: string) => heldOutSetOf(id)?.name.split(' (')[0];

const misses = scores.flatMap((s) =>
  s.fields
    .filter((f) => !f.ok)
    .map(
      (f) =>
        `${s.doc.spec.id} (${[s.doc.spec.format, heldOutIn(s.doc.spec.id)].filter(Boolean).join(', ')}) ` +
        `${f.field}: expected ${show(f.expected)}, got ${show(f.got)}`,
    ),
);
if (misses.length > 0) console.log(`misses (${misses.length}):\n${misses.join('\n')}`);
if (verbose) {
  for (const s of scores) {
    if (s.outcome.status !== 'failed') console.log(s.doc.spec.id, show(s.outcome.extraction.meta.provenance));
  }
}
