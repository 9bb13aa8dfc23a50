import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import { canonicalUrl } from './scope.js';

/** A link as read from a page, with the words around it that say what it is. */
export interface PageLink {
  url: string;
  /** Anchor text, or the alt/title/aria-label of what is inside it. */
  text: string;
  /** The nearest heading above the link (section, accordion or table header). */
  heading: string | null;
  /** The text of the block holding the link (list item, paragraph, table row, card). */
  context: string;
  /** True when the link sits in site furniture: a nav, header, footer or aside. */
  inFurniture: boolean;
}

/** What a page says about itself and the links it holds. */
export interface PageReading {
  title: string;
  /** Main heading(s) and breadcrumb: what the page is about. */
  headline: string;
  links: PageLink[];
  /** The visible text of the main content, whitespace collapsed (for HTML-only reports). */
  text: string;
}

const BLOCK = 'li, p, tr, dd, dt, td, figure, details';
/** Context longer than this is a whole listing, not the link's own entry. */
const MAX_CONTEXT = 400;
const HEADING = 'h1, h2, h3, h4, h5, h6, summary, [role="heading"], .accordion-button, caption';

/**
 * Reads an HTML page: title, headline and every link, each with its heading and
 * surrounding text. Links in `nav`, `header` and `footer` furniture are still read,
 * with their context, so the link rule can weigh them.
 */
export function readPage(html: string, pageUrl: string): PageReading {
  const $ = cheerio.load(html);
  $('script, style, noscript, template').remove();
  const base = $('base[href]').attr('href');
  const baseUrl = base ? (canonicalUrl(base, pageUrl) ?? pageUrl) : pageUrl;
  const title = collapse($('title').first().text());
  const headline = collapse(
    [$('h1').first().text(), $('[aria-label="breadcrumb"], .breadcrumb, .breadcrumbs').first().text()].join(
      ' ',
    ),
  );

  const links: PageLink[] = [];
  let heading: string | null = null;
  $(`${HEADING}, a[href]`).each((_, element) => {
    const node = $(element);
    if (!node.is('a')) {
      heading = collapse(node.text()) || heading;
      return;
    }
    const url = canonicalUrl(node.attr('href') ?? '', baseUrl);
    if (url === null) return;
    const text = collapse(
      [node.text(), node.find('img').attr('alt'), node.attr('title'), node.attr('aria-label')]
        .filter((part): part is string => typeof part === 'string')
        .join(' '),
    );
    const context = contextOf(node, text);
    const tableHeading = tableHeaderFor(node);
    const inFurniture =
      node.closest('nav, header, footer, aside, [role="navigation"], [role="banner"], [role="contentinfo"]')
        .length > 0;
    links.push({ url, text, heading: tableHeading ?? heading, context, inFurniture });
  });

  const main = $('main').length > 0 ? $('main') : $('body');
  return { title, headline, links, text: collapse(main.text()) };
}

/**
 * The words of the link's own entry: the nearest block element (list item, paragraph,
 * table cell) or, in card layouts of plain divs, the smallest ancestor that says more
 * than the link itself without swallowing the neighbouring entries.
 */
function contextOf(link: cheerio.Cheerio<AnyNode>, linkText: string): string {
  const block = link.closest(BLOCK);
  if (block.length > 0) return collapse(block.text()).slice(0, MAX_CONTEXT);
  let best = linkText;
  for (let node = link.parent(); node.length > 0 && !node.is('body, main'); node = node.parent()) {
    const text = collapse(node.text());
    if (text.length > MAX_CONTEXT) break;
    best = text;
    if (text.length >= linkText.length + 20) break;
  }
  return best;
}

/** For a link in a table cell, the column header and row's first cell ("Child G · Overview Report"). */
function tableHeaderFor(link: cheerio.Cheerio<AnyNode>): string | null {
  const cell = link.closest('td, th');
  if (cell.length === 0) return null;
  const row = cell.closest('tr');
  const index = row.children('td, th').index(cell);
  const table = cell.closest('table');
  const header = table.find('thead tr, tr').first().children('th, td').eq(index).text();
  const caption = table.find('caption').text();
  const parts = [caption, collapse(header)].filter((p) => p.length > 0);
  return parts.length > 0 ? collapse(parts.join(' · ')) : null;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
