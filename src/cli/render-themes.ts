import type { ThemesConfig } from '../config/index.js';
import type { ThemesTogether, ThemeYearCounts } from '../index/index.js';

/** The `themes` command's answer: reviews per theme per year, and themes that occur together. */
export interface ThemesAnswer {
  /** Reviews (review groups) with at least one theme. */
  reviews: number;
  themes: (ThemeYearCounts & { label: string; group: string })[];
  together: ThemesTogether[];
}

/** Builds the answer from the store's views, labelled from the themes config. */
export function themesAnswer(
  config: ThemesConfig,
  counts: readonly ThemeYearCounts[],
  together: readonly ThemesTogether[],
  reviews: number,
): ThemesAnswer {
  const byId = new Map(config.themes.map((theme) => [theme.id, theme]));
  return {
    reviews,
    themes: counts.map((count) => ({
      ...count,
      label: byId.get(count.themeId)?.label ?? count.themeId,
      group: byId.get(count.themeId)?.group ?? 'other',
    })),
    together: [...together],
  };
}

/** The answer as text for a terminal: a theme-by-year table, then the commonest combinations. */
export function formatThemesAnswer(answer: ThemesAnswer, options: { limit: number }): string {
  if (answer.themes.length === 0)
    return 'No tagged reviews yet: run "casereviews run --config <sources.yaml>" first.\n';
  const years = [...new Set(answer.themes.flatMap((theme) => Object.keys(theme.byYear)))].sort();
  const width = Math.max(...answer.themes.map((theme) => theme.themeId.length), 5);
  const cell = (value: string | number) => String(value).padStart(Math.max(5, ...years.map((y) => y.length)));
  const lines = [
    `Themes across ${answer.reviews} reviews (a report with its summary and briefing counts once), by year of publication`,
    '',
    `${'theme'.padEnd(width)} ${cell('all')} ${years.map(cell).join(' ')}`,
    ...answer.themes.map(
      (theme) =>
        `${theme.themeId.padEnd(width)} ${cell(theme.reviews)} ${years.map((year) => cell(theme.byYear[year] ?? '·')).join(' ')}`,
    ),
  ];
  if (answer.together.length > 0) {
    lines.push('', 'Themes that occur together (reviews; share of the first theme’s reviews)', '');
    for (const combination of answer.together.slice(0, options.limit)) {
      lines.push(
        `${String(combination.reviews).padStart(5)}  ${combination.themes.join(' + ')}  (${Math.round(combination.shareOfFirst * 100)}%)`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
