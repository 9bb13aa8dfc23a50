import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { packageConfigDir, parseConfigText } from '../config/index.js';
import { ConfigError } from '../errors.js';
import { tokenize } from './query-text.js';

/** `config/synonyms.yaml` as written: groups of equivalent terms, and stop words. */
export const SynonymsFile = z.strictObject({
  /** Each group lists terms that mean the same; any finds the others. */
  synonyms: z.array(z.array(z.string().trim().min(1)).min(2)).default([]),
  /** Words dropped from queries (kept inside quoted phrases). */
  stopWords: z.array(z.string().trim().min(1)).default([]),
});
export type SynonymsFile = z.infer<typeof SynonymsFile>;

/**
 * The search vocabulary both backends use, tokenized the way queries are: each synonym
 * entry as its list of words, stop words as a set. `source` is the original file text's
 * shape, which the Meilisearch settings are made from.
 */
export interface SearchConfig {
  synonyms: string[][][];
  stopWords: ReadonlySet<string>;
  source: SynonymsFile;
}

/** The package's synonyms file. */
export const DEFAULT_SYNONYMS_FILE = join(packageConfigDir, 'synonyms.yaml');

/**
 * Reads the synonyms file (by default the package's `config/synonyms.yaml`). Read
 * synchronously because backends open synchronously; the file is small. Throws
 * `ConfigError` naming the file and field.
 */
export function loadSearchConfig(file = DEFAULT_SYNONYMS_FILE): SearchConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(file, code === 'ENOENT' ? 'file not found' : `cannot read: ${code}`, {
      cause: error,
    });
  }
  return searchConfigFrom(file, parseConfigText(file, text, SynonymsFile));
}

/** Tokenizes a parsed synonyms file; an entry with no letters or digits is an error naming it. */
export function searchConfigFrom(file: string, source: SynonymsFile): SearchConfig {
  const synonyms = source.synonyms.map((group, g) =>
    group.map((entry, e) => {
      const words = tokenize(entry);
      if (words.length === 0) {
        throw new ConfigError(file, `synonyms[${g}][${e}]: expected words, got ${JSON.stringify(entry)}`);
      }
      return words;
    }),
  );
  return { synonyms, stopWords: new Set(source.stopWords.flatMap((word) => tokenize(word))), source };
}
