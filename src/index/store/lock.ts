import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LockError } from '../../errors.js';

/** A held lock on a data directory; `release` is idempotent. */
export interface DataLock {
  release(): void;
}

interface Holder {
  pid: number;
  command: string;
  since: string;
}

/** Attempts at taking a lock that keeps changing hands before giving up. */
const ATTEMPTS = 5;

/**
 * Takes the data directory's lock so two crawls or runs never write it at once.
 * The lock file holds the holder's pid and command; a lock whose process is gone
 * (a killed run) is taken over, so a rerun after a crash just works. Taking over is
 * atomic: the stale file is first renamed to a name of our own (only one process can
 * rename it), and put back if it turns out to be a live holder's after all.
 */
export function lockDataDir(dataDir: string, command: string): DataLock {
  const file = join(dataDir, 'casereviews.lock');
  const body = JSON.stringify({ pid: process.pid, command, since: new Date().toISOString() });
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      writeFileSync(file, body, { flag: 'wx' });
      return heldLock(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (holder && isAlive(holder.pid)) throw busy(dataDir, holder);
    const aside = `${file}.${process.pid}.stale`;
    try {
      renameSync(file, aside);
    } catch (error) {
      // Another process took the stale lock first: try again from the start.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const taken = readHolder(aside);
    if (taken && isAlive(taken.pid)) {
      // A live holder's fresh lock replaced the stale one between our read and rename.
      renameSync(aside, file);
      throw busy(dataDir, taken);
    }
    rmSync(aside, { force: true });
  }
  throw new LockError(`could not lock ${dataDir}: ${file} keeps changing hands`);
}

function heldLock(file: string): DataLock {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.removeListener('exit', release);
    rmSync(file, { force: true });
  };
  process.once('exit', release);
  return { release };
}

function busy(dataDir: string, holder: Holder): LockError {
  return new LockError(
    `${dataDir} is in use by another ${holder.command} (pid ${holder.pid}, since ${holder.since}); ` +
      'wait for it to finish or use another --data directory',
  );
}

function readHolder(file: string): Holder | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Holder;
  } catch {
    // A lock file that vanished or is half-written belongs to nobody we can wait for.
    return null;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
