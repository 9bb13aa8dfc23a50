import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { packageRoot } from '../package-info.js';
import { SourcesConfig } from './sources.js';
import { ThemesConfig } from './themes.js';

/** The `config/` folder shipped with the package, which holds the default themes. */
export const packageConfigDir: string = join(packageRoot, 'config');

/** Reads `config/sources.yaml` (or another file in its shape); throws `ConfigError` naming the field. */
export async function loadSourcesConfig(file: string): Promise<SourcesConfig> {
  return parseConfigFile(file, SourcesConfig);
}

/** Reads a themes file, by default the package's `config/themes.yaml`. */
export async function loadThemesConfig(file = join(packageConfigDir, 'themes.yaml')): Promise<ThemesConfig> {
  return parseConfigFile(file, ThemesConfig);
}

/** Parses YAML text against a schema; errors name `file` and the field path. */
export function parseConfigText<T extends z.ZodType>(file: string, text: string, schema: T): z.output<T> {
  let value: unknown;
  try {
    value = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const message = error instanceof YAMLParseError ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(file, `not valid YAML: ${message}`, { cause: error });
  }
  const result = schema.safeParse(value ?? {}, { reportInput: true });
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${describeIssue(issue)}`);
    throw new ConfigError(file, lines.join('\n  '), { cause: result.error });
  }
  return result.data;
}

async function parseConfigFile<T extends z.ZodType>(file: string, schema: T): Promise<z.output<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(file, code === 'ENOENT' ? 'file not found' : `cannot read: ${code}`, {
      cause: error,
    });
  }
  return parseConfigText(file, text, schema);
}

/** `['sources', 3, 'startUrls', 0]` → `sources[3].startUrls[0]`, as zod's `toDotPath` writes it. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && 'input' in issue) {
    return `expected ${issue.expected}, got ${issue.input === undefined ? 'nothing' : JSON.stringify(issue.input)}`;
  }
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.join(', ')}`;
  const got = 'input' in issue && issue.input !== undefined ? `, got ${JSON.stringify(issue.input)}` : '';
  return `${issue.message}${got}`;
}
