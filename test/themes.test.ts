import { beforeAll, describe, expect, it } from 'vitest';
import { loadThemesConfig, parseConfigText, ThemesConfig } from '../src/config/index.js';
import type { PhraseMatcher } from '../src/extract/index.js';
import { compileMatcher, matchTerms } from '../src/extract/index.js';

let matcher: PhraseMatcher;
beforeAll(async () => {
  matcher = compileMatcher((await loadThemesConfig()).themes);
});

/** The themes a text's terms (not cues) give evidence for. */
const termThemes = (text: string) =>
  [
    ...new Set(
      matchTerms(text, matcher)
        .filter((m) => m.kind === 'term')
        .map((m) => m.themeId),
    ),
  ].sort();

describe('matchTerms', () => {
  it('finds stemmed phrases and their variants', () => {
    expect(termThemes('The baby was found unresponsive after co-sleeping on the sofa.')).toContain(
      'sudden-unexpected-infant-death',
    );
    expect(termThemes('Mother described years of coercive and controlling behaviour.')).toContain(
      'domestic-abuse',
    );
    expect(termThemes('The children had been neglected for years.')).toContain('neglect');
  });

  it('matches abbreviations only as written, plurals included', () => {
    expect(termThemes('A referral was made to MARAC and an IDVA was allocated; DA was a feature.')).toContain(
      'domestic-abuse',
    );
    expect(termThemes('The family lived in da house.')).not.toContain('domestic-abuse');
    expect(termThemes('Two SGOs were made in 2019.')).toContain('kinship-care');
  });

  it.each([
    ['There was no evidence of domestic abuse in the household.', 'domestic-abuse'],
    ['Mother denied any drug use.', 'parental-substance-misuse'],
    ['Non-accidental injury was ruled out by the consultant.', 'non-accidental-injury-infants'],
    ['Domestic abuse was not a feature of the parents’ relationship.', 'domestic-abuse'],
    ['Neither parent misused drugs or alcohol.', 'parental-substance-misuse'],
    ['There was nothing to suggest that the family were homeless.', 'poverty-housing'],
    ['No concerns about county lines or gang activity were raised.', 'child-criminal-exploitation'],
    ['The allegations of sexual abuse were unfounded.', 'sexual-abuse'],
    [
      'Domestic abuse was explored in the rapid review and no history was found by any agency.',
      'domestic-abuse',
    ],
    ['Sexual abuse was considered at the strategy discussion; no evidence was found.', 'sexual-abuse'],
    ['Substance misuse had been checked with the GP, and nothing was known.', 'parental-substance-misuse'],
    ['GP records: "Mood low. No thoughts of self-harm. Review 4/52."', 'suicide-self-harm'],
  ])('does not count a denial: %s', (text, themeId) => {
    expect(termThemes(text)).not.toContain(themeId);
  });

  it.each([
    ['Professionals did not recognise the neglect.', 'neglect'],
    ['No one asked about the domestic abuse the mother had described.', 'domestic-abuse'],
    ['There was no assessment of the risk posed by the father’s drug use.', 'parental-substance-misuse'],
    ['The assessment was completed without an interpreter.', 'race-ethnicity-culture'],
    ['Practitioners were not confident about online grooming.', 'online-abuse'],
    ['No concerns were raised at school, but neglect was evident at home.', 'neglect'],
    ['Domestic abuse was discussed at the MARAC but no plan was made for the children.', 'domestic-abuse'],
    ['Neglect was explored, but no history was taken from the school.', 'neglect'],
    ['No thought was given to the self-harm she had described.', 'suicide-self-harm'],
  ])('counts a practice gap or a later clause: %s', (text, themeId) => {
    expect(termThemes(text)).toContain(themeId);
  });

  it('drops matches inside not-terms: statutory wording and "neglected to"', () => {
    expect(termThemes('The social worker neglected to mention the visit.')).not.toContain('neglect');
    expect(
      termThemes(
        'A review is required where abuse or neglect of a child is known or suspected and the child has died.',
      ),
    ).not.toContain('neglect');
  });

  it('matches a pair only within one sentence', () => {
    const together = 'The father was never seen by the health visitor.';
    const apart = 'The father worked away. The health visitor visited twice and the baby was never seen.';
    expect(termThemes(together)).toContain('hidden-men');
    expect(termThemes(apart)).not.toContain('hidden-men');
  });

  it('tells cues from terms, and drops a cue inside another theme’s term', () => {
    const matches = matchTerms('Father took the children to the dentist. He owed a drug debt.', matcher);
    expect(matches.find((m) => m.themeId === 'hidden-men')).toMatchObject({ kind: 'cue', term: 'father' });
    expect(matches.some((m) => m.themeId === 'poverty-housing')).toBe(false);
    expect(matches.find((m) => m.term === 'drug debt')).toMatchObject({
      themeId: 'child-criminal-exploitation',
      kind: 'term',
    });
  });
});

describe('themes config', () => {
  it('accepts cues and rejects an unknown field, naming it', () => {
    const yaml = (extra: string) =>
      `themes:\n  - id: neglect\n    group: harm\n    label: Neglect\n    definition: d\n    terms: [neglect]\n${extra}`;
    expect(() => parseConfigText('themes.yaml', yaml('    cues: [hungry]\n'), ThemesConfig)).toThrow(
      /the stable theme ids must all be present/,
    );
    expect(() => parseConfigText('themes.yaml', yaml('    weakTerms: [hungry]\n'), ThemesConfig)).toThrow(
      /themes\[0\]: unknown field\(s\) weakTerms/,
    );
  });
});
