import type { ExportRecord } from '../contracts/index.js';

/** The CSV columns, one row per review document; lists are joined with "; ". */
export const CSV_COLUMNS = [
  'id',
  'title',
  'area',
  'nation',
  'year',
  'publishedDate',
  'reviewType',
  'documentKind',
  'childNames',
  'themes',
  'documentUrl',
  'sourcePage',
  'online',
  'pages',
  'sha256',
  'firstSeen',
  'lastSeen',
  'childAge',
  'childOutcome',
  'reviewGroup',
  'companions',
  'childAgeMonths',
  'yearSource',
] as const;

/**
 * A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). Text from
 * crawled documents that a spreadsheet would run as a formula (starting with = + - @)
 * is prefixed with an apostrophe, as OWASP advises for CSV injection.
 */
function field(value: unknown): string {
  const raw = value === null || value === undefined ? '' : String(value);
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Export records as CSV with a header row and CRLF line ends, as spreadsheets expect. */
export function toCsv(records: readonly ExportRecord[]): string {
  const rows = records.map((record) =>
    CSV_COLUMNS.map((column) => {
      if (column === 'childNames') return field(record.childNames.join('; '));
      if (column === 'themes') return field(record.themes.map((t) => t.id).join('; '));
      if (column === 'companions') return field(record.companions.join('; '));
      return field(record[column]);
    }).join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
