import { beforeAll, describe, expect, it } from 'vitest';
import { loadThemesConfig } from '../src/config/index.js';
import type { PhraseMatcher } from '../src/extract/index.js';
import { compileMatcher, matchTerms } from '../src/extract/index.js';

let matcher: PhraseMatcher;
beforeAll(async () => {
  matcher = compileMatcher((await loadThemesConfig()).themes);
});

const themesIn = (text: string) => [...new Set(matchTerms(text, matcher).map((m) => m.themeId))].sort();

describe('matchTerms', () => {
  it('finds stemmed phrases', () => {
    expect(themesIn('The baby was found unresponsive after co-sleeping on the sofa.')).toContain(
      'sudden-unexpected-infant-death',
    );
    expect(themesIn('Mother described years of coercive and controlling behaviour.')).toContain(
      'domestic-abuse',
    );
  });

  it('matches abbreviations only as written', () => {
    expect(themesIn('A referral was made to MARAC and an IDVA was allocated; DA was a feature.')).toContain(
      'domestic-abuse',
    );
    expect(themesIn('The family lived in da house.')).not.toContain('domestic-abuse');
  });

  it('does not count negated mentions', () => {
    expect(themesIn('There was no evidence of domestic abuse in the household.')).not.toContain(
      'domestic-abuse',
    );
    expect(themesIn('Professionals did not identify neglect.')).not.toContain('neglect');
  });

  it('lets a clause break end a negation', () => {
    expect(themesIn('No concerns were raised at school, but neglect was evident at home.')).toContain(
      'neglect',
    );
  });

  it('ignores not-terms', () => {
    expect(themesIn('The social worker neglected to mention the visit.')).not.toContain('neglect');
  });
});
