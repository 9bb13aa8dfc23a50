import * as cheerio from 'cheerio';
import mammoth from 'mammoth';
import type { DocumentText } from './document-text.js';
import { htmlParagraphs } from './html-blocks.js';
import { coreProperties, openOfficeZip } from './office-zip.js';

/**
 * Reads a Word document with mammoth, which turns heading styles into `h1`–`h6`
 * and keeps paragraphs, lists and tables. A DOCX has no fixed pages, so the whole
 * report is page 1; numbered paragraphs ("4.12") remain the finer anchor.
 */
export async function readDocxText(bytes: Uint8Array): Promise<DocumentText> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [{ value: html }, props] = await Promise.all([
    mammoth.convertToHtml({ buffer }),
    openOfficeZip(bytes).then(coreProperties),
  ]);
  const $ = cheerio.load(html);
  const paragraphs = htmlParagraphs($, $('body'));
  return {
    format: 'docx',
    pageTexts: [paragraphs.map((p) => p.text).join('\n')],
    paragraphs,
    title: props.title,
    creationDate: props.created,
    ocrPages: [],
  };
}
