import type { AnyNode, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';
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
  /** Where the link sits on the page, so links that share an entry can be told apart from neighbours. */
  place: LinkPlace;
}

/** The parts of a page a link belongs to, numbered in document order (unique within one page). */
export interface LinkPlace {
  /** The table row holding the link and the text of its first cell ("Child NB"); null outside tables. */
  row: { index: number; label: string } | null;
  /** The block element (paragraph, list item, table cell …) holding the link; null when none. */
  block: number | null;
  /** The heading above the link, with its text; null before the first heading. */
  heading: { index: number; text: string } | null;
}

/** What a page says about itself and the links it holds. */
export interface PageReading {
  title: string;
  /** Main heading(s) and breadcrumb: what the page is about. */
  headline: string;
  links: PageLink[];
  /** The visible text of the main content, whitespace collapsed (for HTML-only reports). */
  text: string;
  /** The paragraphs (`<p>`) of the main content, in order. */
  paragraphs: string[];
  /** The headings (h2–h6) of the main content, in order. */
  headings: string[];
}

const BLOCK = new Set(['li', 'p', 'tr', 'dd', 'dt', 'td', 'figure', 'details']);
/** Elements whose text is never shown. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template']);
/** Elements whose edges separate words, so "<li>a</li><li>b</li>" reads "a b". */
const BREAKS = new Set([
  ...BLOCK,
  'br',
  'div',
  'section',
  'article',
  'ul',
  'ol',
  'table',
  'th',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'footer',
  'nav',
  'aside',
  'main',
  'summary',
  'button',
  'caption',
]);
const FURNITURE = new Set(['nav', 'header', 'footer', 'aside']);
const FURNITURE_ROLES = new Set(['navigation', 'banner', 'contentinfo']);
/** Context longer than this is a whole listing, not the link's own entry. */
const MAX_CONTEXT = 400;

/**
 * Reads an HTML page in one pass over its tree: title, headline, every link with its
 * heading, surrounding text and place, and the main content's text, paragraphs and
 * headings. Links in `nav`, `header` and `footer` furniture are still read, with
 * their context, so the link rule can weigh them.
 */
export function readPage(html: string, pageUrl: string): PageReading {
  const document = parseDocument(html);
  const text = new TextCache();
  const links: PageLink[] = [];
  const paragraphs: string[] = [];
  const headings: string[] = [];
  const main =
    findFirst(document.children, (el) => el.name === 'main') ??
    findFirst(document.children, (el) => el.name === 'body');
  // Mutated while walking; an object so the compiler does not narrow the fields to their initial values.
  const seen: {
    baseUrl: string;
    title: string | null;
    h1: string | null;
    breadcrumb: string | null;
    heading: LinkPlace['heading'];
    headingCount: number;
  } = { baseUrl: pageUrl, title: null, h1: null, breadcrumb: null, heading: null, headingCount: 0 };
  const blockIds = new Map<Element, number>();
  const rowIds = new Map<Element, number>();

  const visit = (node: AnyNode, ancestors: Element[], inFurniture: boolean, inMain: boolean): void => {
    if (!isTag(node) || HIDDEN.has(node.name)) return;
    const el = node;
    const name = el.name;
    const within = inMain || el === main;
    if (name === 'base' && seen.baseUrl === pageUrl && el.attribs.href) {
      seen.baseUrl = canonicalUrl(el.attribs.href, pageUrl) ?? pageUrl;
    } else if (name === 'title' && seen.title === null) {
      seen.title = text.of(el);
    } else if (name === 'h1' && seen.h1 === null) {
      seen.h1 = text.of(el);
    }
    if (seen.breadcrumb === null && isBreadcrumb(el)) seen.breadcrumb = text.of(el);
    if (BLOCK.has(name)) blockIds.set(el, blockIds.size);
    if (name === 'tr') rowIds.set(el, rowIds.size);
    if (isHeading(el)) {
      const words = text.of(el);
      if (words) seen.heading = { index: seen.headingCount, text: words };
      seen.headingCount++;
      if (within && /^h[2-6]$/.test(name) && words) headings.push(words);
    }
    if (within && name === 'p') {
      const words = text.of(el);
      if (words) paragraphs.push(words);
    }
    if (name === 'a' && el.attribs.href !== undefined) {
      const link = readLink(el, ancestors, seen.baseUrl, text, inFurniture || isFurniture(el));
      if (link) {
        const block = nearest(ancestors, el, (a) => BLOCK.has(a.name));
        const row = dataRow(ancestors, el, text);
        // Each field named, not spread from `link`: spreading copies the object through a
        // slow path on every link of every page, and carried `tableHeading` along.
        links.push({
          url: link.url,
          text: link.text,
          heading: link.tableHeading ?? seen.heading?.text ?? null,
          context: link.context,
          inFurniture: link.inFurniture,
          place: {
            row: row ? { index: rowIds.get(row) ?? -1, label: firstCellText(row, text) } : null,
            block: block ? (blockIds.get(block) ?? null) : null,
            heading: seen.heading,
          },
        });
      }
    }
    const childFurniture = inFurniture || isFurniture(el);
    ancestors.push(el);
    for (const child of el.children) visit(child, ancestors, childFurniture, within);
    ancestors.pop();
  };
  for (const child of document.children) visit(child, [], false, false);

  return {
    title: seen.title ?? '',
    headline: [seen.h1 ?? '', seen.breadcrumb ?? ''].join(' ').trim(),
    links,
    text: main ? text.of(main) : '',
    paragraphs,
    headings,
  };
}

/** Reads one anchor: its URL, words, heading and context (its place is added by the caller). */
function readLink(
  anchor: Element,
  ancestors: readonly Element[],
  baseUrl: string,
  text: TextCache,
  inFurniture: boolean,
): (Omit<PageLink, 'place' | 'heading'> & { tableHeading: string | null }) | null {
  const url = canonicalUrl(anchor.attribs.href ?? '', baseUrl);
  if (url === null) return null;
  const image = findFirst(anchor.children, (el) => el.name === 'img');
  const words = collapse(
    [text.of(anchor), image?.attribs.alt, anchor.attribs.title, anchor.attribs['aria-label']]
      .filter((part): part is string => typeof part === 'string')
      .join(' '),
  );
  return {
    url,
    text: words,
    tableHeading: tableHeaderFor(anchor, ancestors, text),
    context: contextOf(anchor, ancestors, words, text),
    inFurniture,
  };
}

/**
 * The words of the link's own entry: the nearest block element (list item, paragraph,
 * table cell) or, in card layouts of plain divs, the smallest ancestor that says more
 * than the link itself without swallowing the neighbouring entries.
 */
function contextOf(
  anchor: Element,
  ancestors: readonly Element[],
  linkText: string,
  text: TextCache,
): string {
  const block = nearest(ancestors, anchor, (el) => BLOCK.has(el.name));
  if (block) return text.of(block).slice(0, MAX_CONTEXT);
  let best = linkText;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const el = ancestors[i] as Element;
    if (el.name === 'body' || el.name === 'main') break;
    const words = text.of(el);
    if (words.length > MAX_CONTEXT) break;
    best = words;
    if (words.length >= linkText.length + 20) break;
  }
  return best;
}

/** For a link in a table cell, the caption and column header ("Serious case reviews · Overview Report"). */
function tableHeaderFor(anchor: Element, ancestors: readonly Element[], text: TextCache): string | null {
  const cell = nearest(ancestors, anchor, (el) => el.name === 'td' || el.name === 'th');
  if (!cell) return null;
  const row = nearest(ancestors, cell, (el) => el.name === 'tr');
  const table = nearest(ancestors, cell, (el) => el.name === 'table');
  if (!row || !table || !isDataTable(table)) return null;
  const index = cellsOf(row).indexOf(cell);
  const headerRow = findFirst(table.children, (el) => el.name === 'tr');
  const header = headerRow ? cellsOf(headerRow)[index] : undefined;
  const caption = findFirst(table.children, (el) => el.name === 'caption');
  const parts = [caption ? text.of(caption) : '', header ? text.of(header) : ''].filter((p) => p.length > 0);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/**
 * The table row holding a link, when the table holds data: layout tables (a whole page
 * in one cell, as legacy sites are built) have no header cells and would make every
 * link on the page one entry.
 */
function dataRow(ancestors: readonly Element[], anchor: Element, text: TextCache): Element | null {
  const row = nearest(ancestors, anchor, (el) => el.name === 'tr');
  if (!row) return null;
  const table = nearest(ancestors, row, (el) => el.name === 'table');
  return table && isDataTable(table) && text.of(row).length <= MAX_CONTEXT ? row : null;
}

/** A table with header cells, a head or a caption: one that lays out data, not the page. */
function isDataTable(table: Element): boolean {
  return (
    findFirst(table.children, (el) => el.name === 'th' || el.name === 'thead' || el.name === 'caption') !==
    null
  );
}

function firstCellText(row: Element, text: TextCache): string {
  const first = cellsOf(row)[0];
  return first ? text.of(first).slice(0, 120) : '';
}

function cellsOf(row: Element): Element[] {
  return row.children.filter(
    (child): child is Element => isTag(child) && (child.name === 'td' || child.name === 'th'),
  );
}

/** The nearest of `ancestors` (outermost first) above `node` that matches; `node` itself is skipped. */
function nearest(
  ancestors: readonly Element[],
  node: Element,
  test: (el: Element) => boolean,
): Element | null {
  let i = ancestors.length - 1;
  // `node` may itself be in the chain (a cell looking for its row): start above it.
  const own = ancestors.lastIndexOf(node);
  if (own >= 0) i = own - 1;
  for (; i >= 0; i--) {
    const el = ancestors[i] as Element;
    if (test(el)) return el;
  }
  return null;
}

/** The first element (depth first) under `nodes` that matches, skipping hidden elements. */
function findFirst(nodes: readonly AnyNode[], test: (el: Element) => boolean): Element | null {
  for (const node of nodes) {
    if (!isTag(node) || HIDDEN.has(node.name)) continue;
    if (test(node)) return node;
    const found = findFirst(node.children, test);
    if (found) return found;
  }
  return null;
}

function isHeading(el: Element): boolean {
  return (
    /^h[1-6]$/.test(el.name) ||
    el.name === 'summary' ||
    el.name === 'caption' ||
    el.attribs.role === 'heading' ||
    hasClass(el, ACCORDION_BUTTON_CLASS)
  );
}

function isFurniture(el: Element): boolean {
  return FURNITURE.has(el.name) || FURNITURE_ROLES.has(el.attribs.role ?? '');
}

function isBreadcrumb(el: Element): boolean {
  return (el.attribs['aria-label'] ?? '').toLowerCase() === 'breadcrumb' || hasClass(el, BREADCRUMB_CLASS);
}

/** Class names, each as a whole word of the class attribute (tested on every element of a page, so not split). */
const BREADCRUMB_CLASS = /(?:^|\s)breadcrumbs?(?:\s|$)/;
const ACCORDION_BUTTON_CLASS = /(?:^|\s)accordion-button(?:\s|$)/;

function hasClass(el: Element, name: RegExp): boolean {
  const classes = el.attribs.class;
  return classes !== undefined && name.test(classes);
}

/**
 * Visible text of elements, whitespace collapsed, computed once per element. An
 * element's text is built from its children's, where those are known already (a
 * page's paragraphs and list items are read before its main content is), keeping
 * whether each child's raw text began or ended with white space, so the result is
 * the same as collapsing the raw text in one go.
 */
class TextCache {
  readonly #texts = new Map<Element, { text: string; lead: boolean; trail: boolean }>();

  of(el: Element): string {
    return this.#entry(el).text;
  }

  #entry(el: Element): { text: string; lead: boolean; trail: boolean } {
    let cached = this.#texts.get(el);
    if (cached === undefined) {
      const parts: string[] = [];
      this.#gather(el, parts);
      const raw = parts.join('');
      cached = { text: collapse(raw), lead: /^\s/.test(raw), trail: /\s$/.test(raw) };
      this.#texts.set(el, cached);
    }
    return cached;
  }

  #gather(node: AnyNode, parts: string[]): void {
    if (isText(node)) {
      parts.push(node.data);
      return;
    }
    if (!isTag(node) || HIDDEN.has(node.name)) return;
    const spaced = BREAKS.has(node.name);
    if (spaced) parts.push(' ');
    for (const child of node.children) {
      const known = isTag(child) && !HIDDEN.has(child.name) ? this.#texts.get(child) : undefined;
      if (known === undefined) this.#gather(child, parts);
      else if (known.text === '') parts.push(known.lead ? ' ' : '');
      else parts.push(`${known.lead ? ' ' : ''}${known.text}${known.trail ? ' ' : ''}`);
    }
    if (spaced) parts.push(' ');
  }
}

/**
 * Runs of white space as one space, trimmed. Only runs that are not already a single
 * space are replaced (the result is the same): most of a page's text is words between
 * single spaces, and replacing each of those built a new string for nothing.
 */
function collapse(text: string): string {
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}
