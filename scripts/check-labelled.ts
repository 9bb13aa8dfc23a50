/**
 * `npm run check:labelled [-- --verbose]`: checks that no held-out passage of the theme
 * labelled set was copied or adapted from the training part. Prints, per held-out part,
 * how many passages share a six-word run with training text (stock phrases allowed)
 * and the longest stretch shared with one training passage. Passages sharing `READ`
 * words or more are listed to be read (writers of one domain share case details:
 * "an x-ray showed a spiral fracture of the femur"); it exits 1 when one shares
 * `COPIED` words or more, a copied sentence.
 */
import { loadLabelledSet } from '../src/extract/index.js';
import { sharedRuns } from '../src/extract/themes/overlap.js';
import { scriptArgs } from './args.js';

/** Wording every review uses: sharing it says nothing about copying. */
const STOCK_PHRASES = [
  'abuse or neglect of a child is known or suspected',
  'abuse or neglect of a child was known or suspected',
  'a local child safeguarding practice review',
  'the child safeguarding practice review panel',
  'told the review that they had',
  'subject to a child protection plan under the category of',
  'subject to child protection plans under the category of',
  'placed on the child protection register under the category of',
  'the criteria for a local child safeguarding practice review',
  'the social services and well-being (wales) act 2014',
  'it is fine to put the baby down safely and walk away',
  'abuse or neglect of a child is known or suspected and the child has been seriously harmed',
  'abuse or neglect of a child was known or suspected and the child had been seriously harmed',
  'this local child safeguarding practice review was commissioned by the safeguarding partnership in line with working together to safeguard children 2018',
  'this extended child practice review was commissioned by the regional safeguarding children board in accordance with the social services and well-being (wales) act 2014 and',
  'regulation 5 of the local safeguarding children boards regulations 2006 were met in that abuse or neglect',
  'the statutory guidance working together to safeguard people volume 2 child practice reviews',
];
const RUN = 6;
const READ = 12;
const COPIED = 20;

const values = scriptArgs('npm run check:labelled [-- --verbose]', { verbose: { type: 'boolean' } });
const set = loadLabelledSet();
const training = set.passages.filter((passage) => passage.part === 'train');
const parts = [...new Set(set.passages.map((passage) => passage.part))].filter((part) => part !== 'train');
let copied = 0;
for (const part of parts.sort()) {
  const heldOut = set.passages.filter((passage) => passage.part === part);
  const shared = sharedRuns(heldOut, training, { length: RUN, allowed: STOCK_PHRASES });
  const longest = Math.max(0, ...shared.map((s) => s.longest));
  process.stdout.write(
    `${part}: ${shared.length} of ${heldOut.length} passages share a ${RUN}-word run with the training part; longest shared stretch ${longest} words\n`,
  );
  for (const item of shared) {
    if (item.longest >= COPIED) copied++;
    if (item.longest >= READ || values.verbose) {
      const runs = item.runs.map((r) => `"${r.run}" (${r.trainingId})`).join(', ');
      const mark = item.longest >= COPIED ? 'COPIED ' : item.longest >= READ ? 'read: ' : '';
      process.stdout.write(
        `  ${mark}${item.passageId}: ${item.longest} words with ${item.longestIn}; runs ${runs}\n`,
      );
    }
  }
}
if (copied > 0) {
  process.stderr.write(
    `check:labelled: ${copied} held-out passage(s) share ${COPIED} or more consecutive words with training text\n`,
  );
  process.exit(1);
}
