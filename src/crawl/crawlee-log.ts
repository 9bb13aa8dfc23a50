import { LogLevel as Levels, LoggerText, type LogLevel, log } from '@crawlee/basic';

/** Crawlee's text logger, writing to stderr: stdout carries only data (search results, exports). */
class StderrLogger extends LoggerText {
  override _outputWithConsole(_level: LogLevel, line: string): void {
    process.stderr.write(`${line}\n`);
  }
}

let installed = false;

/**
 * Routes Crawlee's log to stderr and keeps only its warnings and errors: our own
 * run report says what happened, and Crawlee's INFO lines (statistics, autoscaling)
 * would otherwise go to stdout.
 */
export function quietCrawleeLogs(): void {
  if (installed) return;
  installed = true;
  log.setOptions({ logger: new StderrLogger(), level: Levels.WARNING });
}
