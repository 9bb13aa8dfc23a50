import type { SectionId } from '../../contracts/index.js';
import type { Alternative, Clause } from '../query-plan.js';

/**
 * FTS5 MATCH expressions, built only from planned words. Every word and phrase is a
 * double-quoted FTS5 string (a quote inside is doubled, as FTS5 requires), so nothing a
 * user types can become an operator, a column filter or a syntax error.
 */

/** An FTS5 string: `"disguised compliance"` matches the words in order. */
export function ftsString(words: readonly string[]): string {
  return `"${words.join(' ').replaceAll('"', '""')}"`;
}

/** A clause: any of its alternatives. */
export function ftsClause(alternatives: readonly Alternative[]): string {
  const parts = alternatives.map((a) => ftsString(a.words));
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`;
}

/** Every clause must match. */
export function ftsAll(clauses: readonly Pick<Clause, 'alternatives'>[]): string {
  return clauses.map((c) => ftsClause(c.alternatives)).join(' AND ');
}

/** Any alternative of any clause: for finding and highlighting the passages that say most. */
export function ftsAny(clauses: readonly Pick<Clause, 'alternatives'>[]): string {
  return clauses.flatMap((c) => c.alternatives.map((a) => ftsString(a.words))).join(' OR ');
}

/** Limits an expression to columns: `{title child_names} : (…)`. */
export function inColumns(columns: readonly string[], expression: string): string {
  return `{${columns.join(' ')}} : (${expression})`;
}

/**
 * The `tag` column of a passage holds `s<slot>` (its review) and `x<section>`: matching
 * them with AND lets FTS5 seek straight to one review's passages, which a rowid range
 * does not (it reads the term's whole doclist).
 */
export function passageTag(slot: number, section: SectionId): string {
  return `${reviewTagToken(slot)} ${sectionTagToken(section)}`;
}

export function reviewTagToken(slot: number): string {
  return `s${slot}`;
}

export function sectionTagToken(section: SectionId): string {
  return `x${section}`;
}

/**
 * Passage text matching `expression`, in the given reviews and (when any) sections.
 * Slots and sections are our own integers and enum values, never user text.
 */
export function passagesOf(
  expression: string,
  slots: readonly number[],
  sections: readonly SectionId[],
): string {
  const parts = [`text : (${expression})`];
  if (slots.length > 0) parts.push(`tag : (${slots.map((s) => `"${reviewTagToken(s)}"`).join(' OR ')})`);
  if (sections.length > 0)
    parts.push(`tag : (${sections.map((s) => `"${sectionTagToken(s)}"`).join(' OR ')})`);
  return parts.join(' AND ');
}
