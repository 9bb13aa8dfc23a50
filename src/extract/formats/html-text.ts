import * as cheerio from 'cheerio';
import type { DocumentText } from './document-text.js';
import { htmlParagraphs } from './html-blocks.js';

/** Page furniture around a report's own words: menus, banners, cookie notices, footers. */
const CHROME =
  'script,style,noscript,template,iframe,svg,form,button,nav,header,footer,aside,[role=navigation],[role=banner],[role=contentinfo],[role=search],[aria-hidden=true],.breadcrumb,.breadcrumbs,.cookie-banner,.skip-link';
/** Where a page's own content lives, most specific first. */
const MAIN = ['main', '[role=main]', 'article', '#content', '.content', 'body'];

/**
 * Reads an HTML report (a review published as a web page) as one page of
 * paragraphs: the main column's headings, paragraphs, list items and table cells,
 * without the site's menus, banners and footer. The title is the page's `h1`, else
 * its `<title>` without the site name; the date is the page's published-time meta, if any.
 */
export function readHtmlText(html: string): DocumentText {
  const $ = cheerio.load(html);
  const published =
    $('meta[property="article:published_time"]').attr('content') ??
    $('time[datetime]').first().attr('datetime');
  const headTitle = $('title').first().text().replace(/\s+/g, ' ').trim();
  $(CHROME).remove();
  const root = MAIN.map((selector) => $(selector).first()).find((node) => node.length > 0) ?? $.root();
  const paragraphs = htmlParagraphs($, root);
  const h1 = root.find('h1').first().text().replace(/\s+/g, ' ').trim();
  const title = h1 || headTitle.split(/\s+[|–—-]\s+/)[0]?.trim() || null;
  return {
    format: 'html',
    pageTexts: [paragraphs.map((p) => p.text).join('\n')],
    paragraphs,
    title,
    creationDate: isoDay(published),
    ocrPages: [],
  };
}

/** The `YYYY-MM-DD` part of an ISO timestamp, or null. */
export function isoDay(value: string | undefined | null): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value?.trim() ?? '');
  return match?.[1] ?? null;
}
