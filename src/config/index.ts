export { loadSourcesConfig, loadThemesConfig, packageConfigDir, parseConfigText } from './load.js';
export { CrawlSettings, Nation, Source, SourcesConfig, sourceIdOf } from './sources.js';
export { THEME_IDS, Theme, ThemeGroup, ThemesConfig } from './themes.js';
