import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { parseConfigText, THEME_IDS } from '../../config/index.js';
import { SectionId } from '../../contracts/index.js';
import { ConfigError } from '../../errors.js';
import { packageRoot } from '../../package-info.js';

const ThemeId = z.enum(THEME_IDS);
const ThemeList = z
  .array(ThemeId)
  .refine((ids) => new Set(ids).size === ids.length, 'a theme is listed twice');

const LabelledPassageInFile = z.strictObject({
  section: SectionId,
  page: z.number().int().positive().default(1),
  themes: ThemeList,
  text: z.string().trim().min(1),
});

const LabelledFile = z.strictObject({
  documents: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        kind: z.string().min(1),
        /** What the whole review is about (see the set's README for the rule). */
        themes: ThemeList,
        passages: z.array(LabelledPassageInFile).min(1),
      }),
    )
    .default([]),
  passages: z.array(LabelledPassageInFile.extend({ id: z.string().min(1) })).default([]),
});

/** Which part of the labelled set an item belongs to. */
export type LabelledPart =
  'train' | 'heldout-a' | 'heldout-c' | 'heldout-q' | 'heldout-s' | 'heldout-t' | 'heldout-u';

/** A labelled passage: its text, section and the themes it evidences. */
export interface LabelledPassage {
  id: string;
  /** The set it was written in ("set-a" …). */
  set: string;
  part: LabelledPart;
  section: SectionId;
  page: number;
  text: string;
  themes: string[];
  /** The document it belongs to, or null for a standalone passage. */
  documentId: string | null;
}

/** A labelled (excerpted) review: its passages in order and the themes of the whole. */
export interface LabelledDocument {
  id: string;
  part: LabelledPart;
  kind: string;
  themes: string[];
  passages: LabelledPassage[];
}

/** The whole labelled set, every passage once (document passages included). */
export interface LabelledSet {
  passages: LabelledPassage[];
  documents: LabelledDocument[];
  /**
   * SHA-256 over the training part's passages (id, section, themes, text): what a
   * trained model was trained on. Adding held-out passages does not change it.
   */
  trainingFingerprint: string;
}

/** Where the labelled set lives in the repository. */
export const LABELLED_SET_DIR: string = join(packageRoot, 'fixtures', 'labelled', 'themes');

/**
 * The sets that are one part as a whole (see the set's README). Sets B, D, F, H, J, L,
 * M and N were held out until scored, then joined the training part; sets E, G, I, K,
 * O, P and R were written for training; sets Q, S, T and U are held out.
 */
const WHOLE_SETS: Readonly<Record<string, LabelledPart>> = {
  'set-b': 'train',
  'set-c': 'heldout-c',
  'set-d': 'train',
  'set-e': 'train',
  'set-f': 'train',
  'set-g': 'train',
  'set-h': 'train',
  'set-i': 'train',
  'set-j': 'train',
  'set-k': 'train',
  'set-l': 'train',
  'set-m': 'train',
  'set-n': 'train',
  'set-o': 'train',
  'set-p': 'train',
  'set-q': 'heldout-q',
  'set-r': 'train',
  'set-s': 'heldout-s',
  'set-t': 'heldout-t',
  'set-u': 'heldout-u',
};

/**
 * Which part an item is in (see the set's README). Set A (and any set not listed in
 * `WHOLE_SETS`): held out when the first byte of the SHA-256 of its id is 0 modulo 3,
 * a rule fixed before any tuning.
 */
export function partOf(setName: string, id: string): LabelledPart {
  const whole = WHOLE_SETS[setName];
  if (whole) return whole;
  const firstByte = createHash('sha256').update(id).digest()[0] as number;
  return firstByte % 3 === 0 ? 'heldout-a' : 'train';
}

/**
 * Reads every `set-*\/*.yaml` file under `dir`. Errors name the file and field; a
 * document whose themes are not evidenced by any of its passages is an error too,
 * since the document rule says a document's themes come from its passages.
 */
export function loadLabelledSet(dir: string = LABELLED_SET_DIR): LabelledSet {
  const passages: LabelledPassage[] = [];
  const documents: LabelledDocument[] = [];
  const seen = new Set<string>();
  const claim = (file: string, id: string) => {
    if (seen.has(id)) throw new ConfigError(file, `duplicate id "${id}"`);
    seen.add(id);
  };
  for (const setName of readdirSync(dir)
    .filter((name) => name.startsWith('set-'))
    .sort()) {
    const setDir = join(dir, setName);
    for (const name of readdirSync(setDir)
      .filter((file) => file.endsWith('.yaml'))
      .sort()) {
      const path = join(setDir, name);
      const file = relative(process.cwd(), path);
      const parsed = parseConfigText(file, readFileSync(path, 'utf8'), LabelledFile);
      for (const [d, document] of parsed.documents.entries()) {
        claim(file, document.id);
        const part = partOf(setName, document.id);
        const own = document.passages.map((passage, i) => ({
          ...passage,
          id: `${document.id}#${i + 1}`,
          set: setName,
          part,
          documentId: document.id,
        }));
        const evidenced = new Set(own.flatMap((passage) => passage.themes));
        const unsupported = document.themes.filter((id) => !evidenced.has(id));
        if (unsupported.length > 0) {
          throw new ConfigError(
            file,
            `documents[${d}].themes: ${unsupported.join(', ')} not evidenced by any passage of "${document.id}"`,
          );
        }
        passages.push(...own);
        documents.push({
          id: document.id,
          part,
          kind: document.kind,
          themes: document.themes,
          passages: own,
        });
      }
      for (const passage of parsed.passages) {
        claim(file, passage.id);
        passages.push({ ...passage, set: setName, part: partOf(setName, passage.id), documentId: null });
      }
    }
  }
  const hash = createHash('sha256');
  for (const passage of passages.filter((p) => p.part === 'train')) {
    hash.update(JSON.stringify([passage.id, passage.section, passage.themes, passage.text]));
  }
  return { passages, documents, trainingFingerprint: hash.digest('hex') };
}

/** Where other labellers' labels for held-out passages live: `<set>.json`, passage id → theme ids. */
export const SECOND_LABELLER_DIR: string = join(LABELLED_SET_DIR, 'second-labeller');

/** A second labeller's themes for the passages of one set, labelled without seeing the first's. */
export interface SecondLabelling {
  set: string;
  themes: Map<string, string[]>;
}

/**
 * Reads every `<set>.json` in `dir`: a second, independent labelling of a set's
 * passages by the same rules, to measure how far two readers agree. Every passage of
 * the set must be labelled and every id must be one of its passages; errors name the
 * file and the id.
 */
export function loadSecondLabellings(set: LabelledSet, dir: string = SECOND_LABELLER_DIR): SecondLabelling[] {
  const Labels = z.record(z.string(), ThemeList);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = relative(process.cwd(), join(dir, name));
      const setName = name.replace(/\.json$/, '');
      const parsed = parseConfigText(file, readFileSync(join(dir, name), 'utf8'), Labels);
      const own = set.passages.filter((passage) => passage.set === setName);
      const ids = new Set(own.map((passage) => passage.id));
      const unknown = Object.keys(parsed).find((id) => !ids.has(id));
      if (unknown) throw new ConfigError(file, `"${unknown}" is not a passage of ${setName}`);
      const missing = own.find((passage) => !(passage.id in parsed));
      if (missing) throw new ConfigError(file, `passage "${missing.id}" of ${setName} is not labelled`);
      return { set: setName, themes: new Map(Object.entries(parsed)) };
    });
}
