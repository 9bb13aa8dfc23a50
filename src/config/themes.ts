import { z } from 'zod';

/**
 * The stable theme ids of the design, in the order of its table. Labels and terms
 * live in `config/themes.yaml` and may change; these ids may only be added to.
 */
export const THEME_IDS = [
  'neglect',
  'physical-abuse',
  'sexual-abuse',
  'emotional-abuse',
  'child-sexual-exploitation',
  'child-criminal-exploitation',
  'online-abuse',
  'harmful-sexual-behaviour',
  'serious-youth-violence',
  'non-accidental-injury-infants',
  'sudden-unexpected-infant-death',
  'fabricated-induced-illness',
  'suicide-self-harm',
  'trafficking-modern-slavery',
  'radicalisation',
  'domestic-abuse',
  'parental-mental-health',
  'parental-substance-misuse',
  'parental-learning-disability',
  'hidden-men',
  'parenting-capacity',
  'pre-birth-pregnancy',
  'poverty-housing',
  'kinship-care',
  'disabled-children',
  'looked-after-children',
  'education-attendance',
  'missing-children',
  'race-ethnicity-culture',
  'adolescents',
  'voice-of-the-child',
  'information-sharing',
  'multi-agency-working',
  'risk-assessment',
  'professional-curiosity',
  'child-protection-processes',
  'early-help',
  'cross-boundary',
  'covid-19',
] as const;

/** The groups a search page shows as separate facets. */
export const ThemeGroup = z.enum(['harm', 'family', 'child', 'practice']);
export type ThemeGroup = z.infer<typeof ThemeGroup>;

/** One learning theme of the taxonomy. */
export const Theme = z.strictObject({
  /** Stable id, kebab-case. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id'),
  group: ThemeGroup,
  label: z.string().trim().min(1),
  /** One line saying what the theme covers. */
  definition: z.string().trim().min(1),
  /**
   * Words, phrases and abbreviations that evidence the theme on their own, matched
   * after stemming; a word with a capital letter (DA, NAI, Prevent) matches only as
   * written.
   */
  terms: z.array(z.string().trim().min(1)).min(1),
  /**
   * Weak words and phrases ("father", "placement", "history") that only count when the
   * passage's other words bear them out (the trained classifier decides); alone they
   * are no evidence. Optional.
   */
  cues: z.array(z.string().trim().min(1)).default([]),
  /** Phrases that look like evidence but are not (e.g. "neglected to mention" for neglect). */
  notTerms: z.array(z.string().trim().min(1)).default([]),
});
export type Theme = z.infer<typeof Theme>;

/** The whole of `config/themes.yaml`. */
export const ThemesConfig = z.strictObject({ themes: z.array(Theme).min(1) }).superRefine((config, ctx) => {
  const ids = new Set<string>();
  config.themes.forEach((theme, i) => {
    if (ids.has(theme.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['themes', i, 'id'],
        message: `duplicate theme id "${theme.id}"`,
      });
    }
    ids.add(theme.id);
  });
  const missing = THEME_IDS.filter((id) => !ids.has(id));
  if (missing.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['themes'],
      message: `the stable theme ids must all be present; missing: ${missing.join(', ')}`,
    });
  }
});
export type ThemesConfig = z.infer<typeof ThemesConfig>;
