import { describe, expect, it } from 'vitest';
import type { FollowedLink, PageReading } from '../src/crawl/index.js';
import {
  canonicalUrl,
  decideLink,
  drainHostQueues,
  HostQueues,
  judgeReportPage,
  outOfScope,
  readPage,
  reviewEntries,
  scopeOf,
  sniffBody,
} from '../src/crawl/index.js';

const BASE = 'https://scp.example.org';

/** A page in a minimal frame: a nav, a main column, a footer. */
function page(title: string, main: string): string {
  return `<!DOCTYPE html><html><head><title>${title} | Example Safeguarding Children Partnership</title></head>
<body><header><nav><a href="/">Home</a> <a href="/case-reviews/">Case reviews</a></nav></header>
<main><h1>${title}</h1>${main}</main><footer><a href="/cookies">Cookies</a></footer></body></html>`;
}

/** Every content link of a page, followed as a document when its URL ends in .pdf. */
function followAll(reading: PageReading): FollowedLink[] {
  return reading.links
    .filter((link) => !link.inFurniture)
    .map((link) => ({ link, expect: link.url.endsWith('.pdf') ? 'document' : 'page' }));
}

function groupsOf(title: string, main: string, pageIsReport = false): string[][] {
  const reading = readPage(page(title, main), `${BASE}/reviews/`);
  const entries = reviewEntries(reading, `${BASE}/reviews/`, followAll(reading), { pageIsReport });
  const groups = new Map<string, Set<string>>();
  // Entries that share a URL are one group, as the store joins them.
  for (const entry of entries) {
    const paths = entry.urls.map((url) => new URL(url).pathname);
    const joined = new Set(paths);
    for (const [key, group] of groups) {
      if (paths.some((p) => group.has(p))) {
        for (const p of group) joined.add(p);
        groups.delete(key);
      }
    }
    groups.set(entry.entry, joined);
  }
  return [...groups.values()].map((group) => [...group].sort()).sort();
}

describe('HostQueues', () => {
  it('prepares each host first, then spaces its requests while other hosts go ahead', () => {
    const queues = new HostQueues<string>();
    queues.add('https://a', 'a1');
    queues.add('https://a', 'a2');
    queues.add('https://b', 'b1');
    expect(queues.take(0)).toEqual({ kind: 'prepare', origin: 'https://a' });
    expect(queues.take(0)).toEqual({ kind: 'prepare', origin: 'https://b' });
    expect(queues.take(0)).toBeNull();
    queues.ready('https://a', 1000, 0);
    queues.ready('https://b', 1000, 10);
    expect(queues.take(500)).toBeNull();
    expect(queues.nextDueAt()).toBe(1000);
    expect(queues.take(1000)).toEqual({ kind: 'request', origin: 'https://a', item: 'a1' });
    // One request in flight per host: a2 waits for a1 even though time has passed.
    expect(queues.take(5000)).toEqual({ kind: 'request', origin: 'https://b', item: 'b1' });
    expect(queues.take(5000)).toBeNull();
    // The next request to a host starts a full spacing after the last one finished.
    queues.release('https://a', true, 5000);
    expect(queues.take(5999)).toBeNull();
    expect(queues.take(6000)).toEqual({ kind: 'request', origin: 'https://a', item: 'a2' });
    queues.release('https://a', true, 6000);
    queues.release('https://b', true, 6000);
    expect(queues.pending).toBe(0);
    expect(queues.busyHosts).toBe(0);
  });

  it('gives the host its turn back when nothing was sent, and holds it for a retry', () => {
    const queues = new HostQueues<string>();
    queues.add('https://a', 'skipped');
    queues.add('https://a', 'next');
    queues.take(0);
    queues.ready('https://a', 1000, 0);
    expect(queues.take(1000)).toMatchObject({ item: 'skipped' });
    queues.release('https://a', false, 1000);
    expect(queues.take(1000)).toMatchObject({ item: 'next' });
    queues.add('https://a', 'next', { front: true, notBefore: 9000 });
    queues.add('https://a', 'after');
    queues.release('https://a', true, 1000);
    expect(queues.take(2000)).toBeNull();
    expect(queues.nextDueAt()).toBe(9000);
    expect(queues.take(9000)).toMatchObject({ item: 'next' });
  });
});

describe('drainHostQueues', () => {
  it('stops on a failing task only after the tasks in flight have finished, and starts no more', async () => {
    const queues = new HostQueues<string>();
    queues.add('https://slow', 'in flight');
    queues.add('https://broken', 'fails');
    queues.add('https://broken', 'never started');
    const finished: string[] = [];
    const drained = drainHostQueues(queues, {
      concurrency: 4,
      prepare: async () => 0,
      handle: async (item) => {
        if (item === 'fails') throw new Error('a bug in a handler');
        await new Promise((resolve) => setTimeout(resolve, 200));
        finished.push(item);
        return true;
      },
    });
    await expect(drained).rejects.toThrow('a bug in a handler');
    expect(finished).toEqual(['in flight']);
    expect(queues.pending).toBe(1);
  });
});

describe('judgeReportPage', () => {
  const para = (n: string) =>
    `<p>${n} The review found that agencies held pieces of information about the family that were never put together, and that the child's own account was not heard in the meetings that decided on the plan for the family.</p>`;
  it.each([
    [
      'numbered paragraphs',
      page('SCR CN21: Infant B', [1, 2, 3, 4].map((n) => para(`1.${n}`)).join('')),
      true,
    ],
    [
      'report headings',
      page(
        'Learning from Serious Case Review Child BF',
        `<h2>Background</h2>${para('')}<h2>Child BF's Story</h2>${para('')}<h2>Lessons to be learned from Child BF</h2>${para('')}`,
      ),
      true,
    ],
    [
      'a landing page summarising a review and linking its PDF',
      page(
        'CSPR Baby M',
        `${para('Published July 2023.')}${para('')}<p><a href="/m.pdf">Executive Summary – CSPR Baby M</a></p>`,
      ),
      false,
    ],
    [
      'a page that names no review',
      page('Annual report 2023', [1, 2, 3, 4].map((n) => para(`2.${n}`)).join('')),
      false,
    ],
    ['a short page', page('SCR CN22: Baby K', '<p>1.1 Short.</p><p>1.2 Short.</p><p>1.3 Short.</p>'), false],
  ])('tells a report from other pages: %s', (_, html, isReport) => {
    const reading = readPage(html, `${BASE}/x/`);
    expect(
      judgeReportPage(reading, reading.links.filter((l) => l.url.endsWith('.pdf')).length).isReport,
    ).toBe(isReport);
  });
});

describe('reviewEntries', () => {
  it('groups the documents of a table row, of a heading that names a case and of one paragraph', () => {
    const groups = groupsOf(
      'Serious Case Reviews',
      `<table><thead><tr><th>Case</th><th>Overview report</th><th>Learning brief</th></tr></thead><tbody>
<tr><th>Child LA</th><td><a href="/la-overview.pdf">Published 2017</a></td><td><a href="/la-brief.pdf">Published 2015</a></td></tr>
<tr><th>Child LB</th><td>No longer published</td><td><a href="/lb-brief.pdf">Published 2016</a></td></tr></tbody></table>
<h3>Child K</h3><ul><li><a href="/k-report.pdf">Overview report</a></li><li><a href="/k-response.pdf">Partnership response</a></li></ul>
<h3>Published reviews</h3><ul><li><a href="/a.pdf">Child A – Overview report</a></li><li><a href="/b.pdf">Child B – Overview report</a></li></ul>
<p>Read the full report for SCR Matthew <a href="/matthew.pdf">here</a>. Read the Learning Briefing for SCR Matthew <a href="/matthew-brief.pdf">here</a>.</p>
<p>The reports for Child C <a href="/c.pdf">here</a> and Child D <a href="/d.pdf">here</a>.</p>`,
    );
    expect(groups).toEqual([
      ['/k-report.pdf', '/k-response.pdf'],
      ['/la-brief.pdf', '/la-overview.pdf'],
      ['/matthew-brief.pdf', '/matthew.pdf'],
    ]);
  });

  it('groups every document on a page about one case, itself included when it is a report, but not another case', () => {
    const groups = groupsOf(
      'SCR KA19: Baby G',
      `<p>1.1 …</p><ul><li><a href="/g-briefing.pdf">Six-step Briefing: KA19 Baby G</a></li>
<li>Read the full report <a href="/g-report.pdf">here</a>.</li>
<li>See also <a href="/h-report.pdf">Baby H – Overview Report</a>.</li></ul>`,
      true,
    );
    expect(groups).toEqual([['/g-briefing.pdf', '/g-report.pdf', '/reviews/']]);
  });
});

describe('readPage', () => {
  it('reads a layout table as the page, not as one row holding every link', () => {
    const reading = readPage(
      `<table class="layout"><tr><td><h2>Serious Case Reviews</h2><p><a href="/a.pdf">SCR Child A</a></p><p><a href="/b.pdf">SCR Child B</a></p></td></tr></table>`,
      `${BASE}/`,
    );
    expect(reading.links.map((l) => [l.place.row, l.heading])).toEqual([
      [null, 'Serious Case Reviews'],
      [null, 'Serious Case Reviews'],
    ]);
  });
});

describe('link rule and sniffing', () => {
  it.each(['Next »', '« Previous', '›', '2'])('follows %j on a review listing as pagination', (text) => {
    const link = readPage(
      `<main><nav><a href="/reviews/?page=2">${text}</a></nav></main>`,
      `${BASE}/reviews/`,
    ).links[0];
    expect(link && decideLink(link, true)).toMatchObject({ follow: true, isPagination: true });
  });

  it('tells a truncated PDF from one with a little junk after its end marker', () => {
    const whole = Buffer.from(`%PDF-1.7\n${'x'.repeat(5000)}\n%%EOF\n\r\n  `);
    expect(sniffBody(whole, 'application/pdf', null)).toEqual({ kind: 'pdf', problem: null });
    expect(sniffBody(whole.subarray(0, 3000), 'application/pdf', null)).toEqual({
      kind: 'pdf',
      problem: 'truncated PDF (3000 bytes, no %%EOF marker at the end)',
    });
  });
});

describe('scope', () => {
  const source = {
    area: 'Eastmere',
    nation: 'England' as const,
    startUrls: ['https://eastmerescp.org.uk/reviews/', 'http://127.0.0.1:8080/scr/'],
  };
  it.each([
    ['a start host', 'https://eastmerescp.org.uk/a.pdf', 1, {}, null],
    ['a subdomain of a start host', 'https://docs.eastmerescp.org.uk/a.pdf', 1, {}, null],
    [
      'the domain of a www. start host',
      'https://eastmere.gov.uk/scr',
      1,
      { startUrls: ['https://www.eastmere.gov.uk/'] },
      null,
    ],
    ['another port of an IP start host', 'http://127.0.0.1:9090/a.pdf', 1, {}, 'another domain'],
    [
      'the www. start host with a port',
      'https://www.eastmere.gov.uk:8443/scr/a.pdf',
      1,
      { startUrls: ['https://www.eastmere.gov.uk:8443/scr/'] },
      null,
    ],
    [
      'its domain on that port',
      'https://eastmere.gov.uk:8443/scr/a.pdf',
      1,
      { startUrls: ['https://www.eastmere.gov.uk:8443/scr/'] },
      null,
    ],
    [
      'its domain on another port',
      'https://eastmere.gov.uk/scr/a.pdf',
      1,
      { startUrls: ['https://www.eastmere.gov.uk:8443/scr/'] },
      'another domain',
    ],
    [
      'the default port a listed host:port names',
      'https://eastmere.gov.uk/scr/a.pdf',
      1,
      { allowedDomains: ['eastmere.gov.uk:443'] },
      null,
    ],
    ['another domain', 'https://learning.nspcc.org.uk/x', 1, {}, 'another domain'],
    [
      'a council CDN the source lists',
      'https://cdn.eastmere.gov.uk/a.pdf',
      1,
      { allowedDomains: ['eastmerescp.org.uk', 'eastmere.gov.uk'] },
      null,
    ],
    ['too deep for the default', 'https://eastmerescp.org.uk/a/b/c/d', 4, {}, 'deeper than maxDepth 3'],
    ["within the source's own depth", 'https://eastmerescp.org.uk/a/b/c/d', 4, { maxDepth: 5 }, null],
    [
      'an excluded path',
      'https://eastmerescp.org.uk/news/2024/',
      1,
      { exclude: ['/news/'] },
      'matches an exclude pattern',
    ],
    [
      'outside the include patterns',
      'https://eastmerescp.org.uk/training/',
      1,
      { include: ['review', '\\.pdf$'] },
      'matches no include pattern',
    ],
    ['inside them', 'https://eastmerescp.org.uk/x/report.pdf', 1, { include: ['review', '\\.pdf$'] }, null],
  ])('%s', (_, url, depth, overrides, reason) => {
    expect(outOfScope(url, depth, scopeOf({ ...source, ...overrides }, 3))).toBe(reason);
  });

  it.each([
    ['https://Example.org:443/a/?contrast=1#top', 'https://example.org/a/'],
    ['/reviews/?highlight=serious%20case%20review&page=2', 'https://example.org/reviews/?page=2'],
    ['https://example.org/r?', 'https://example.org/r'],
    ['mailto:lscp@example.org', null],
    ['javascript:void(0)', null],
  ])('canonicalises %j', (href, canonical) => {
    expect(canonicalUrl(href, 'https://example.org/')).toBe(canonical);
  });
});
