import { buildLabelledDocument, LABELLED_SPECS } from '../fixtures/extract/index.js';
import { readDocumentText } from '../src/extract/index.js';
const spec = LABELLED_SPECS.find((s) => s.id === process.argv[2])!;
const doc = await buildLabelledDocument(spec);
const text = await readDocumentText('x', doc.bytes, doc.mediaType, { maxPages: 100, ocr: false });
console.log(text.pageTexts.slice(0, Number(process.argv[3] ?? 1)).join('\n=====\n'));
