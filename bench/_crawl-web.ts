/**
 * The benchmark's generated web, run in a child process so its serving does not eat the CPU the
 * crawler under test is measured on. Each site is one origin on 127.0.0.1 shaped like a partnership
 * site: a hub, a listing paginated with `?page=N`, one landing page per review holding its PDFs, and
 * a few pages that are not about reviews. Sends `{origins, pages, documents}` to the parent once
 * listening, and stops when the parent disconnects.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Chrome, renderPage } from '../fixtures/web/sites/frame.js';
import { link } from '../fixtures/web/sites/html.js';

/** The size of the generated web. */
export interface BenchWebShape {
  sites: number;
  reviewsPerSite: number;
  listingPages: number;
}

/** What the parent is told once every site listens. */
export interface BenchWebReady {
  origins: string[];
  pages: number;
  documents: number;
}

interface Route {
  body: Buffer;
  type: string;
  etag: string;
}

/** A PDF-looking body of 40–120 KiB, distinct per document, ending in `%%EOF` as real files do. */
function pdfBytes(key: string): Buffer {
  const seed = createHash('sha256').update(key).digest();
  const size = 40 * 1024 + (seed.readUInt32BE(0) % (80 * 1024));
  const filler = Buffer.alloc(size);
  for (let i = 0; i < size; i += 32)
    createHash('sha256').update(seed).update(String(i)).digest().copy(filler, i);
  return Buffer.concat([Buffer.from(`%PDF-1.7\n% ${key}\n`), filler, Buffer.from('\n%%EOF\n')]);
}

function route(body: Buffer | string, type: string): Route {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return { body: bytes, type, etag: `"${createHash('sha1').update(bytes).digest('hex')}"` };
}

/** The routes of site `n`: pages and documents keyed by path plus query. */
export function siteRoutes(n: number, origin: string, shape: BenchWebShape): Map<string, Route> {
  const name = `Benchshire ${n}`;
  const chrome: Chrome = {
    siteName: `${name} Safeguarding Children Partnership`,
    strapline: null,
    cms: n % 2 === 0 ? 'wordpress' : 'council',
    nav: [
      ['Home', '/'],
      ['Case reviews', '/case-reviews/'],
      ['Training', '/training/'],
      ['Procedures', '/procedures/'],
    ],
    footer: [
      ['Cookies', '/cookies'],
      ['Accessibility', '/accessibility'],
    ],
    email: `scp${n}@bench.example.org`,
    phone: '01632 960 000',
    cookieBanner: true,
    quickExit: n % 3 === 0,
    canonical: false,
    updatedNote: null,
  };
  const routes = new Map<string, Route>();
  const page = (path: string, title: string, main: string) =>
    routes.set(
      path,
      route(
        renderPage(chrome, origin, { path, title, breadcrumbs: [['Home', '/']], main }),
        'text/html; charset=utf-8',
      ),
    );
  const reviews = Array.from({ length: shape.reviewsPerSite }, (_, i) => ({
    slug: `child-${String.fromCharCode(65 + (i % 26))}${i >= 26 ? i : ''}`,
    name: `Child ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? i : ''}`,
    year: 2016 + (i % 9),
  }));
  const perPage = Math.ceil(reviews.length / shape.listingPages);
  page(
    '/case-reviews/',
    'Case reviews',
    `<p>The partnership publishes its ${link('/case-reviews/published/', 'local child safeguarding practice reviews')} for at least a year.</p>
<p>${link('/training/', 'Training')} · ${link('/procedures/', 'Procedures')}</p>
<p>${link(`/documents/download/${n}/annual-report`, 'Annual report (PDF)')}</p>`,
  );
  for (let p = 1; p <= shape.listingPages; p++) {
    const slice = reviews.slice((p - 1) * perPage, p * perPage);
    const items = slice
      .map(
        (r) =>
          `<li>${link(`/case-reviews/${r.slug}/`, `${r.name} – Child Safeguarding Practice Review`)} (published ${r.year})</li>`,
      )
      .join('\n');
    const pager = Array.from({ length: shape.listingPages }, (_, i) =>
      link(i === 0 ? '/case-reviews/published/' : `/case-reviews/published/?page=${i + 1}`, String(i + 1)),
    ).join(' ');
    page(
      p === 1 ? '/case-reviews/published/' : `/case-reviews/published/?page=${p}`,
      'Published reviews',
      `<h2>Published reviews</h2><ul class="review-list">${items}</ul><nav class="pagination">${pager}</nav>`,
    );
  }
  for (const r of reviews) {
    const report = `/documents/download/${n}/${r.slug}-overview-report`;
    const summary = `/documents/${r.slug}-executive-summary.pdf`;
    page(
      `/case-reviews/${r.slug}/`,
      `${r.name}`,
      `<p>Published ${r.year}. This review concerns ${r.name} and the way agencies worked together. ${'The review considers information sharing, professional curiosity and the voice of the child. '.repeat(4)}</p>
<ul><li>${link(report, `${r.name} overview report`)} (PDF)</li>${
        reviews.indexOf(r) % 2 === 0 ? '' : `<li>${link(summary, `${r.name} executive summary`)} (PDF)</li>`
      }</ul>`,
    );
    routes.set(report, route(pdfBytes(`${n}${report}`), 'application/pdf'));
    if (reviews.indexOf(r) % 2 === 1)
      routes.set(summary, route(pdfBytes(`${n}${summary}`), 'application/pdf'));
  }
  routes.set(
    `/documents/download/${n}/annual-report`,
    route(pdfBytes(`${n}/annual-report`), 'application/pdf'),
  );
  page('/', name, `<p>${link('/case-reviews/', 'Case reviews')}</p>`);
  page('/training/', 'Training', '<p>Multi-agency training.</p>');
  page('/procedures/', 'Procedures', '<p>Procedures are hosted regionally.</p>');
  page('/cookies', 'Cookies', '<p>We use essential cookies only.</p>');
  page('/accessibility', 'Accessibility', '<p>Accessibility statement.</p>');
  routes.set('/robots.txt', route('User-agent: *\nDisallow: /wp-admin/\n', 'text/plain'));
  return routes;
}

/** Starts the sites and reports to the parent process. */
async function serve(shape: BenchWebShape): Promise<void> {
  const origins: string[] = [];
  let pages = 0;
  let documents = 0;
  for (let n = 1; n <= shape.sites; n++) {
    let routes = new Map<string, Route>();
    const server = createServer((request, response) => {
      const found = routes.get(request.url ?? '/');
      if (!found) {
        response.writeHead(404, { 'content-type': 'text/plain', 'content-length': '9' }).end('not found');
        return;
      }
      if (request.headers['if-none-match'] === found.etag) {
        response.writeHead(304, { etag: found.etag }).end();
        return;
      }
      response
        .writeHead(200, {
          'content-type': found.type,
          'content-length': String(found.body.length),
          etag: found.etag,
        })
        .end(found.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    routes = siteRoutes(n, origin, shape);
    for (const r of routes.values()) {
      if (r.type.startsWith('text/html')) pages++;
      else if (r.type === 'application/pdf') documents++;
    }
    origins.push(origin);
  }
  process.send?.({ origins, pages, documents } satisfies BenchWebReady);
  process.on('disconnect', () => process.exit(0));
}

if (process.send !== undefined) {
  const shape = JSON.parse(process.argv[2] ?? '{}') as BenchWebShape;
  await serve(shape);
}
