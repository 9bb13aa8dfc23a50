import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildParagraphs, buildStructure, cleanPages, metadata, readDocumentText } from '../src/extract/index.js';
const dir = '/tmp/casereviews-bench-extract-v1-220';
const texts = [];
for (const f of readdirSync(dir).filter((f) => f.endsWith('.pdf')).slice(0, 60)) {
  texts.push(await readDocumentText(f, readFileSync(join(dir, f)), 'application/pdf', { maxPages: 9999, ocr: false }));
}
const t: Record<string, number> = { clean: 0, paras: 0, structure: 0, meta: 0 };
for (let r = 0; r < 3; r++) for (const text of texts) {
  let a = performance.now();
  const cleaned = cleanPages(text.pageTexts); t.clean += performance.now() - a; a = performance.now();
  const paras = buildParagraphs(cleaned); t.paras += performance.now() - a; a = performance.now();
  buildStructure(paras, { frontPages: new Set([1]), titles: ['x'] }); t.structure += performance.now() - a; a = performance.now();
  metadata.buildMetadata({ pageTexts: text.pageTexts, pdfTitle: null, pdfCreationDate: null, source: { area: 'A', nation: 'England' }, links: [] }); t.meta += performance.now() - a;
}
console.log(t);
