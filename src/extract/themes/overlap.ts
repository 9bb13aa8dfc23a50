/**
 * Shared word runs between held-out and training passages: a check that held-out text
 * was not copied or adapted from the text the model was trained on (which would make
 * its score a measure of memory, not of reading).
 */

/** A held-out passage's runs of words found in some training passage. */
export interface SharedRuns {
  passageId: string;
  /** Each shared run (lower-cased words), with one training passage that has it. */
  runs: { run: string; trainingId: string }[];
  /** The longest stretch of consecutive words shared with one training passage. */
  longest: number;
  /** The training passage that stretch is in. */
  longestIn: string;
}

/** Lower-cased words, punctuation dropped: what "the same wording" is compared on. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
}

function runsOf(list: readonly string[], length: number): string[] {
  const runs: string[] = [];
  for (let i = 0; i + length <= list.length; i++) runs.push(list.slice(i, i + length).join(' '));
  return runs;
}

/**
 * For each held-out passage, the `length`-word runs it shares with training passages,
 * except runs inside an allowed stock phrase (statutory wording, "told the review
 * that"), and the longest shared stretch. Only passages with a shared run are listed.
 */
export function sharedRuns(
  heldOut: readonly { id: string; text: string }[],
  training: readonly { id: string; text: string }[],
  options: { length: number; allowed: readonly string[] },
): SharedRuns[] {
  const where = new Map<string, Set<string>>();
  for (const passage of training) {
    for (const run of runsOf(words(passage.text), options.length)) {
      const ids = where.get(run) ?? new Set();
      ids.add(passage.id);
      where.set(run, ids);
    }
  }
  const allowed = options.allowed.map((phrase) => words(phrase).join(' '));
  const result: SharedRuns[] = [];
  for (const passage of heldOut) {
    const runs: SharedRuns['runs'] = [];
    let longest = { words: 0, in: '' };
    // Per training passage, how many consecutive words up to here it shares.
    let stretches = new Map<string, number>();
    for (const run of runsOf(words(passage.text), options.length)) {
      const ids = where.get(run);
      const next = new Map<string, number>();
      if (ids !== undefined && !allowed.some((phrase) => phrase.includes(run))) {
        const [first] = ids;
        if (!runs.some((r) => r.run === run)) runs.push({ run, trainingId: first as string });
        for (const id of ids) {
          const words = (stretches.get(id) ?? options.length - 1) + 1;
          next.set(id, words);
          if (words > longest.words) longest = { words, in: id };
        }
      }
      stretches = next;
    }
    if (runs.length > 0)
      result.push({ passageId: passage.id, runs, longest: longest.words, longestIn: longest.in });
  }
  return result;
}
