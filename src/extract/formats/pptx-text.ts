import * as cheerio from 'cheerio';
import type { Paragraph } from '../paragraphs.js';
import type { DocumentText } from './document-text.js';
import { coreProperties, openOfficeZip } from './office-zip.js';

const SLIDE_PATH = /^ppt\/slides\/slide(\d+)\.xml$/;
const TITLE_PLACEHOLDERS = new Set(['title', 'ctrTitle']);

/**
 * Reads a PowerPoint briefing: one page per slide, in slide order. The title
 * placeholder of each slide is its heading; every other text box gives its
 * paragraphs (`a:p`) in the order they are stored. Speaker notes are not read.
 */
export async function readPptxText(bytes: Uint8Array): Promise<DocumentText> {
  const zip = await openOfficeZip(bytes);
  const slides = Object.keys(zip.files)
    .map((path) => ({ path, num: Number(SLIDE_PATH.exec(path)?.[1] ?? Number.NaN) }))
    .filter((slide) => Number.isFinite(slide.num))
    .sort((a, b) => a.num - b.num);
  if (slides.length === 0) throw new Error('no slides in the presentation (ppt/slides/slideN.xml)');
  const paragraphs: Paragraph[] = [];
  const pageTexts: string[] = [];
  for (const [index, slide] of slides.entries()) {
    const xml = (await zip.file(slide.path)?.async('string')) ?? '';
    const page = index + 1;
    const onSlide = slideParagraphs(xml, page);
    paragraphs.push(...onSlide);
    pageTexts.push(onSlide.map((p) => p.text).join('\n'));
  }
  const props = await coreProperties(zip);
  return {
    format: 'pptx',
    pageTexts,
    paragraphs,
    title: props.title,
    creationDate: props.created,
    ocrPages: [],
  };
}

function slideParagraphs(xml: string, page: number): Paragraph[] {
  const $ = cheerio.load(xml, { xml: true });
  const paragraphs: Paragraph[] = [];
  $('p\\:sp').each((_, shape) => {
    const type = $(shape).find('p\\:nvSpPr p\\:ph').attr('type') ?? '';
    const isHeading = TITLE_PLACEHOLDERS.has(type);
    const lines = $(shape)
      .find('a\\:p')
      .toArray()
      .map((p) =>
        $(p)
          .find('a\\:t')
          .toArray()
          .map((t) => $(t).text())
          .join('')
          .replace(/\s+/g, ' ')
          .trim(),
      )
      .filter((line) => line.length > 0);
    // A title split over two lines is still one heading.
    if (isHeading && lines.length > 0) paragraphs.push({ page, text: lines.join(' '), isHeading });
    else for (const text of lines) paragraphs.push({ page, text, isHeading: false });
  });
  return paragraphs;
}
