/**
 * The free-text part of a search, parsed from what a user typed. Input is never
 * handed to a query language raw: backends build their syntax from these parts.
 */
export interface QueryText {
  /** Required terms, in the order typed. A phrase is several words matched in order. */
  terms: QueryTerm[];
}

/** One word or quoted phrase. `words` are lower-cased tokens, letters and digits only. */
export interface QueryTerm {
  kind: 'word' | 'phrase';
  words: string[];
  /** As the user typed it (for messages and "showing results for"). */
  typed: string;
  /** Typed inside double quotes: matched exactly as written, never as a prefix. */
  quoted: boolean;
}

const TOKEN = /[\p{L}\p{N}]+/gu;

/** Splits text into lower-cased word tokens, the way the index tokenises passages. */
export function tokenize(text: string): string[] {
  return (text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .match(TOKEN) ?? []) as string[];
}

/**
 * Parses typed text: "double-quoted" (or “curly”) stretches are phrases, the rest are
 * words; a hyphenated or punctuated word ("child-protection", "co-sleeping") is a
 * phrase of its parts. An unbalanced quote runs to the end. Operators and brackets
 * are just punctuation here, so no input can fail to parse.
 */
export function parseQueryText(input: string): QueryText {
  const terms: QueryTerm[] = [];
  const text = input.replace(/[“”„‟]/g, '"');
  const parts = text.split('"');
  parts.forEach((part, i) => {
    const quoted = i % 2 === 1;
    if (quoted) {
      const words = tokenize(part);
      if (words.length === 1) terms.push({ kind: 'word', words, typed: `"${part.trim()}"`, quoted });
      else if (words.length > 1) terms.push({ kind: 'phrase', words, typed: `"${part.trim()}"`, quoted });
      return;
    }
    for (const chunk of part.split(/\s+/)) {
      const words = tokenize(chunk);
      if (words.length === 1) terms.push({ kind: 'word', words, typed: chunk, quoted });
      else if (words.length > 1) terms.push({ kind: 'phrase', words, typed: chunk, quoted });
    }
  });
  return { terms };
}

/** Writes query terms back as text a user would type. */
export function formatQueryText(terms: readonly QueryTerm[]): string {
  return terms
    .map((term) =>
      term.kind === 'phrase' || term.quoted ? `"${term.words.join(' ')}"` : term.words.join(' '),
    )
    .join(' ');
}
