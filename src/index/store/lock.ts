import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LockError } from '../../errors.js';

/** A held lock on a data directory; `release` is idempotent. */
export interface DataLock {
  release(): void;
}

/**
 * Takes the data directory's lock so two crawls or runs never write it at once.
 * The lock file holds the holder's pid and command; a lock whose process is gone
 * (a killed run) is taken over, so a rerun after a crash just works.
 */
export function lockDataDir(dataDir: string, command: string): DataLock {
  const file = join(dataDir, 'casereviews.lock');
  const body = JSON.stringify({ pid: process.pid, command, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, body, { flag: 'wx' });
      let held = true;
      const release = () => {
        if (held) rmSync(file, { force: true });
        held = false;
      };
      process.once('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder && isAlive(holder.pid)) {
        throw new LockError(
          `${dataDir} is in use by another ${holder.command} (pid ${holder.pid}, since ${holder.since}); ` +
            'wait for it to finish or use another --data directory',
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new LockError(`could not lock ${dataDir}: ${file} keeps reappearing`);
}

function readHolder(file: string): { pid: number; command: string; since: string } | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { pid: number; command: string; since: string };
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
