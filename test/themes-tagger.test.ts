import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ThemesConfig } from '../src/config/index.js';
import { loadThemesConfig, THEME_IDS } from '../src/config/index.js';
import type { SectionId } from '../src/contracts/index.js';
import { ConfigError } from '../src/errors.js';
import type { LabelledSet, TaggablePassage, Tagger, ThemeModel } from '../src/extract/index.js';
import {
  createTagger,
  evaluatePart,
  LONG_DOCUMENT_PASSAGES,
  loadLabelledSet,
  loadSecondLabellings,
  loadThemeModel,
  MIN_PASSAGE_WORDS,
  partOf,
  scoreLabels,
  themesConfigHash,
} from '../src/extract/index.js';
import { tempDir } from './helpers/temp-dir.js';

let set: LabelledSet;
let themes: ThemesConfig;
let model: ThemeModel;
let tagger: Tagger;
beforeAll(async () => {
  set = loadLabelledSet();
  themes = await loadThemesConfig();
  model = loadThemeModel();
  tagger = createTagger(themes, model);
});

const passage = (ordinal: number, section: SectionId, text: string): TaggablePassage => ({
  id: 100 + ordinal,
  ordinal,
  page: 10 + ordinal,
  section,
  text,
});
const FILLER =
  'The review panel met on four occasions to consider the agencies’ reports and the terms of reference.';

describe('the labelled set', () => {
  it('has at least 150 passages and 40 documents, and every theme three times in each part', () => {
    expect(set.passages.length).toBeGreaterThanOrEqual(150);
    expect(set.documents.length).toBeGreaterThanOrEqual(40);
    for (const part of ['train', 'heldout-a'] as const) {
      const scarce = THEME_IDS.filter(
        (id) => set.passages.filter((p) => p.part === part && p.themes.includes(id)).length < 3,
      );
      expect(scarce, `themes with fewer than 3 passages in ${part}`).toEqual([]);
    }
  });

  it('holds an item out by the hash of its id, and set B as a whole', () => {
    // The first bytes of the ids' SHA-256 are 53 and 42: 53 % 3 = 2, 42 % 3 = 0.
    expect(partOf('set-a', 'a-baby-l-sudi')).toBe('train');
    expect(partOf('set-a', 'a-child-y-radical')).toBe('heldout-a');
    expect(partOf('set-b', 'a-child-y-radical')).toBe('train');
    expect(partOf('set-c', 'a-child-y-radical')).toBe('heldout-c');
    expect(partOf('set-d', 'a-child-y-radical')).toBe('train');
    expect(partOf('set-f', 'a-child-y-radical')).toBe('train');
    expect(partOf('set-h', 'a-child-y-radical')).toBe('train');
    expect(partOf('set-l', 'a-child-y-radical')).toBe('train');
    expect(partOf('set-m', 'a-child-y-radical')).toBe('train');
    expect(partOf('set-n', 'a-child-y-radical')).toBe('train');
    expect(partOf('set-q', 'a-child-y-radical')).toBe('heldout-q');
    expect(partOf('set-s', 'a-child-y-radical')).toBe('heldout-s');
    expect(partOf('set-t', 'a-child-y-radical')).toBe('heldout-t');
    expect(partOf('set-u', 'a-child-y-radical')).toBe('heldout-u');
    const heldOut = set.passages.filter((p) => p.part === 'heldout-a').length;
    expect(heldOut / set.passages.filter((p) => p.id.startsWith('a-')).length).toBeGreaterThan(0.2);
    for (const document of set.documents) {
      expect(document.passages.every((p) => p.part === document.part)).toBe(true);
    }
  });

  it('rejects a document whose themes no passage evidences, naming the file and field', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'set-x'));
    writeFileSync(
      join(dir, 'set-x', 'bad.yaml'),
      'documents:\n  - id: d1\n    kind: briefing\n    themes: [neglect]\n    passages:\n' +
        '      - section: learning\n        themes: []\n        text: Nothing here.\n',
    );
    expect(() => loadLabelledSet(dir)).toThrow(ConfigError);
    expect(() => loadLabelledSet(dir)).toThrow(
      /bad\.yaml: documents\[0\]\.themes: neglect not evidenced by any passage of "d1"/,
    );
  });
});

describe('second labellings', () => {
  it('label every passage of their set, and the two readers agree closely', () => {
    const [d] = loadSecondLabellings(set);
    expect(d?.set).toBe('set-d');
    const passages = set.passages.filter((p) => p.set === 'set-d');
    expect(d?.themes.size).toBe(passages.length);
    const agreement = scoreLabels(
      passages.map((p) => ({ truth: p.themes, predicted: d?.themes.get(p.id) ?? [] })),
      THEME_IDS,
    );
    expect(agreement.micro.f1).toBeGreaterThan(0.85);
  });

  it('name the file and the passage when a passage is missing or unknown', () => {
    const dir = tempDir();
    const passages = set.passages.filter((p) => p.set === 'set-d');
    const labels = Object.fromEntries(passages.map((p) => [p.id, p.themes]));
    writeFileSync(join(dir, 'set-d.json'), JSON.stringify({ ...labels, 'd-nowhere#1': [] }));
    expect(() => loadSecondLabellings(set, dir)).toThrow(
      /set-d\.json: "d-nowhere#1" is not a passage of set-d/,
    );
    const { [passages[0]?.id ?? '']: _dropped, ...short } = labels;
    writeFileSync(join(dir, 'set-d.json'), JSON.stringify(short));
    expect(() => loadSecondLabellings(set, dir)).toThrow(
      /set-d\.json: passage ".+" of set-d is not labelled/,
    );
  });
});

describe('the packaged model', () => {
  it('was trained on the current labelled set and themes config (else run npm run train:themes)', () => {
    expect(model.file.trainedOn.labelledSet).toBe(set.trainingFingerprint);
    expect(model.file.trainedOn.themesConfig).toBe(themesConfigHash(themes));
  });

  it("tags held-out passages and documents about as well as the labelled set's README records", () => {
    const scores = evaluatePart(set, 'heldout-a', themes, model);
    expect(scores.passages.model.micro.f1).toBeGreaterThanOrEqual(0.75);
    expect(scores.documents.model.micro.f1).toBeGreaterThanOrEqual(0.8);
    expect(scores.passages.model.micro.f1).toBeGreaterThan(scores.passages.terms.micro.f1);
    // Held out C is text in voices the rules never saw: the floor is lower, and a fall below it
    // means the tagger has become narrower, not that C should be tuned to.
    expect(evaluatePart(set, 'heldout-c', themes, model).passages.model.micro.f1).toBeGreaterThanOrEqual(0.6);
    // Q, S, T and U were written in voices no model had seen, then scored: their passages are
    // the plainest measure of how the tagger reads text it was not built on.
    for (const part of ['heldout-q', 'heldout-s', 'heldout-t', 'heldout-u'] as const) {
      const fresh = evaluatePart(set, part, themes, model);
      expect(fresh.passages.model.micro.f1, part).toBeGreaterThanOrEqual(0.65);
      expect(fresh.documents.model.micro.f1, part).toBeGreaterThanOrEqual(0.75);
      expect(fresh.passages.model.micro.f1, part).toBeGreaterThan(fresh.passages.terms.micro.f1);
    }
  });

  it('reports a missing or broken model file as a ConfigError naming it', () => {
    const dir = tempDir();
    expect(() => loadThemeModel(join(dir, 'none.json'))).toThrow(/none\.json: cannot read the theme model/);
    writeFileSync(join(dir, 'broken.json'), '{"format": 2}');
    expect(() => loadThemeModel(join(dir, 'broken.json'))).toThrow(/broken\.json: not a theme model/);
  });
});

describe('createTagger', () => {
  const themesOf = (text: string, section: SectionId = 'findings') =>
    tagger.tagPassage(text, section).map((t) => t.themeId);

  it('counts a weak word only when the passage bears it out', () => {
    expect(
      themesOf('Father took the children to the dentist on 12 June; no treatment was needed.'),
    ).not.toContain('hidden-men');
    // A passage as extraction packs them (MIN_PASSAGE_WORDS and more), with a father there in passing.
    const routine =
      'Father took the children to the dentist on 12 June; no treatment was needed. On 19 June the school ' +
      'nurse completed the reception-year height and weight check and recorded no concerns. The family ' +
      'attended the school summer fair on 28 June, and on 30 June the GP surgery sent a routine reminder ' +
      'for the pre-school booster, which Child B was given on 4 July.';
    expect(routine.split(/\s+/).length).toBeGreaterThanOrEqual(MIN_PASSAGE_WORDS);
    expect(themesOf(routine, 'chronology')).toEqual([]);
    expect(themesOf(routine)).not.toContain('hidden-men');
    expect(
      themesOf(
        'The mother’s partner was never seen by the health visitor, and nothing was known about his history.',
      ),
    ).toContain('hidden-men');
  });

  it('gives a document a theme from one learning passage, not from one passing chronology entry', () => {
    const result = tagger.tagDocument([
      passage(
        0,
        'chronology',
        'March 2019: police attended after a report of domestic abuse at the address.',
      ),
      passage(
        1,
        'learning',
        'Practitioners did not consider the impact of the father’s alcohol misuse on the children.',
      ),
      passage(2, 'other', FILLER),
    ]);
    const ids = result.documentThemes.map((t) => t.themeId);
    expect(ids).toContain('parental-substance-misuse');
    expect(ids).not.toContain('domestic-abuse');
    expect(result.passageThemes).toContainEqual(
      expect.objectContaining({ passageId: 100, themeId: 'domestic-abuse' }),
    );
    const substance = result.documentThemes.find((t) => t.themeId === 'parental-substance-misuse');
    expect(substance?.evidence).toEqual([
      { passageId: 101, page: 11, text: expect.stringContaining('alcohol misuse') as string },
    ]);
    expect(substance?.score).toBeGreaterThan(0);
    expect(substance?.score).toBeLessThan(1);
  });

  const mention =
    'Police attended the family home following a report of domestic abuse; mother had a facial injury and the case was referred to MARAC.';

  it('needs a theme in two passages of a long report', () => {
    const long = (mentions: number) =>
      Array.from({ length: LONG_DOCUMENT_PASSAGES + 5 }, (_, i) =>
        passage(i, i < mentions ? 'findings' : 'other', i < mentions ? mention : FILLER),
      );
    expect(tagger.tagDocument(long(1)).documentThemes.map((t) => t.themeId)).not.toContain('domestic-abuse');
    const two = tagger.tagDocument(long(2)).documentThemes.find((t) => t.themeId === 'domestic-abuse');
    expect(two?.evidence.map((e) => e.page)).toEqual([10, 11]);
  });

  it('counts where the passages are, not how confident each is, in a long report', () => {
    const long = (mentions: number) =>
      Array.from({ length: LONG_DOCUMENT_PASSAGES + 5 }, (_, i) =>
        passage(i, i < mentions ? 'chronology' : 'other', i < mentions ? mention : FILLER),
      );
    const themesOfLong = (mentions: number) => tagger.tagDocument(long(mentions));
    expect(themesOfLong(2).passageThemes.filter((t) => t.themeId === 'domestic-abuse')).toHaveLength(2);
    expect(themesOfLong(2).documentThemes.map((t) => t.themeId)).not.toContain('domestic-abuse');
    expect(themesOfLong(3).documentThemes.map((t) => t.themeId)).toContain('domestic-abuse');
  });
});
