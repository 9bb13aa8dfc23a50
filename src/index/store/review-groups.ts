import type { Store } from './open-store.js';
import { statement } from './statements.js';

/** One entry of a page that ties documents together as one review. */
export interface ReviewEntry {
  /** Which entry of the page, by the words that tie it: `row:child nb`, `heading:child j`, `name:…`, `block:…`, `page`. */
  entry: string;
  /** The words that tie the URLs (case name, heading, row label), or null. */
  label: string | null;
  urls: string[];
}

/** Where a page said documents belong together. */
export interface ReviewEvidence {
  pageUrl: string;
  entry: string;
  label: string | null;
}

/**
 * The documents of one review: a full report with its executive summary, briefings,
 * presentation and response, as the partnership's pages group them.
 */
export interface ReviewGroup {
  /** The group's id: the id of its earliest-seen document, so it stays put as companions are added. */
  id: string;
  /** Every document of the group, earliest seen first (the document itself included). */
  documentIds: string[];
  evidence: ReviewEvidence[];
}

/**
 * Records what a page says about review groups. Entries accumulate over crawls (an entry
 * read again is refreshed, never dropped), so a document taken down keeps the companions
 * its page once gave it. An entry with fewer than two URLs says nothing and is not stored.
 */
export function recordReviewEntries(
  store: Store,
  pageUrl: string,
  runId: number,
  entries: readonly ReviewEntry[],
): void {
  const upsert = statement(
    store,
    `INSERT INTO review_links (page_url, entry, url, label, run_id) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(page_url, entry, url) DO UPDATE SET label = excluded.label, run_id = excluded.run_id`,
  );
  for (const entry of entries) {
    const urls = [...new Set(entry.urls)];
    if (urls.length < 2) continue;
    for (const url of urls) upsert.run(pageUrl, entry.entry, url, entry.label, runId);
  }
}

/**
 * The review group of every document, by document id. Documents that share an entry on
 * any page (in any crawl) are one group, transitively: a news post pairing the overview
 * report with its page and a table row pairing it with the learning brief make one group
 * of three. Review documents of one partnership that name the same child and were
 * published within {@link SAME_CASE_YEARS} years of each other are one group too: a
 * briefing posted months after its report, on a page of its own, still belongs to it.
 * A document nothing groups is a group of its own, with no evidence.
 */
export function loadReviewGroups(store: Store): Map<string, ReviewGroup> {
  const documents = statement(store, 'SELECT id FROM documents ORDER BY first_seen, id').all() as {
    id: string;
  }[];
  const rank = new Map(documents.map((row, i) => [row.id, i]));
  const parent = new Map(documents.map((row) => [row.id, row.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    for (let at = id; at !== root;) {
      const next = parent.get(at) as string;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb) return;
    // The earlier-seen root wins, so a group's id is its earliest document.
    if ((rank.get(ra) ?? 0) <= (rank.get(rb) ?? 0)) parent.set(rb, ra);
    else parent.set(ra, rb);
  };

  const links = statement(
    store,
    `SELECT DISTINCT l.page_url AS pageUrl, l.entry, l.label, u.document_id AS documentId
     FROM review_links l JOIN urls u ON u.url = l.url
     WHERE u.document_id IS NOT NULL ORDER BY l.page_url, l.entry`,
  ).all() as (ReviewEvidence & { documentId: string })[];
  const byEntry = new Map<string, { evidence: ReviewEvidence; documentIds: Set<string> }>();
  for (const link of links) {
    if (!parent.has(link.documentId)) continue;
    const key = `${link.pageUrl}\u0000${link.entry}`;
    const entry = byEntry.get(key) ?? {
      evidence: { pageUrl: link.pageUrl, entry: link.entry, label: link.label },
      documentIds: new Set<string>(),
    };
    entry.documentIds.add(link.documentId);
    byEntry.set(key, entry);
  }
  for (const { documentIds } of byEntry.values()) {
    const [first, ...rest] = [...documentIds];
    for (const other of rest) union(first as string, other);
  }
  for (const ids of namedCases(store)) {
    const [first, ...rest] = ids;
    for (const other of rest) union(first as string, other);
  }
  // Evidence is filed under the final roots, once every union is made.
  const evidenceOf = new Map<string, ReviewEvidence[]>();
  for (const { evidence, documentIds } of byEntry.values()) {
    // Two URLs of one document in an entry say nothing about companions.
    if (documentIds.size < 2) continue;
    const root = find([...documentIds][0] as string);
    evidenceOf.set(root, [...(evidenceOf.get(root) ?? []), evidence]);
  }

  const members = new Map<string, string[]>();
  for (const { id } of documents) {
    const root = find(id);
    members.set(root, [...(members.get(root) ?? []), id]);
  }
  const groups = new Map<string, ReviewGroup>();
  for (const [root, documentIds] of members) {
    const group: ReviewGroup = { id: root, documentIds, evidence: evidenceOf.get(root) ?? [] };
    for (const id of documentIds) groups.set(id, group);
  }
  return groups;
}

/** How far apart two documents naming the same child may be published and still be one review. */
export const SAME_CASE_YEARS = 2;

/** A document naming more children than this is about several cases (a thematic review, a series briefing). */
const MAX_NAMES_OF_ONE_CASE = 2;

/**
 * Sets of review documents of one source that name the same child within a few years
 * of each other. Chained by year, so a report, its briefing a year on and a response a
 * year after that are one set, while a partnership's second "Child A" a decade later is not;
 * nor is a second full report, which is another review of a child with the same pseudonym.
 * Thematic reviews and documents naming several children stay out: they would chain cases
 * together. Undated documents join only when the name has a single dated set.
 */
function namedCases(store: Store): string[][] {
  const rows = statement(
    store,
    `SELECT d.id, d.source_id AS sourceId, m.year, m.child_names AS childNames, m.document_kind AS kind
     FROM documents d JOIN document_meta m ON m.document_id = d.id
     WHERE m.is_review = 1 AND m.child_names <> '[]' AND coalesce(m.review_type, '') <> 'thematic'`,
  ).all() as { id: string; sourceId: string; year: number | null; childNames: string; kind: string | null }[];
  const byName = new Map<string, Omit<(typeof rows)[number], 'childNames' | 'sourceId'>[]>();
  for (const row of rows) {
    const names = JSON.parse(row.childNames) as string[];
    if (names.length > MAX_NAMES_OF_ONE_CASE) continue;
    for (const name of names) {
      const key = `${row.sourceId}\u0000${name.toLowerCase().replace(/\s+/g, ' ').trim()}`;
      byName.set(key, [...(byName.get(key) ?? []), { id: row.id, year: row.year, kind: row.kind }]);
    }
  }
  const sets: string[][] = [];
  for (const documents of byName.values()) {
    if (documents.length < 2) continue;
    const dated = documents.filter((d) => d.year !== null).sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
    const named: string[][] = [];
    let current: string[] = [];
    let lastYear: number | null = null;
    let hasReport = false;
    for (const doc of dated) {
      const farApart = lastYear !== null && (doc.year as number) - lastYear > SAME_CASE_YEARS;
      const secondReport = hasReport && doc.kind === 'full-report';
      if (farApart || secondReport) {
        named.push(current);
        current = [];
        hasReport = false;
      }
      current.push(doc.id);
      lastYear = doc.year;
      hasReport ||= doc.kind === 'full-report';
    }
    if (current.length > 0) named.push(current);
    const undated = documents.filter((d) => d.year === null).map((d) => d.id);
    if (named.length <= 1) named[0] = [...(named[0] ?? []), ...undated];
    sets.push(...named);
  }
  return sets.filter((set) => set.length > 1);
}
