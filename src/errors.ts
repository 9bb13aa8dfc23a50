/**
 * The error classes of the program. The class says what happens next:
 * `UsageError` and `ConfigError` stop the command with exit status 2;
 * `DocumentError` is recorded against one URL or document and the run goes on
 * (exit status 1 at the end). Anything else is a bug and crashes with its stack.
 */

/** Bad command-line usage: an unknown flag, a missing argument, a malformed value. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A configuration file that cannot be read or does not validate; the message names the file and field. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly file: string;

  constructor(file: string, message: string, options?: ErrorOptions) {
    super(`${file}: ${message}`, options);
    this.file = file;
  }
}

/**
 * One document or URL could not be fetched or processed. Recorded in the manifest
 * or against the document; the rest of the run goes on.
 */
export class DocumentError extends Error {
  override name = 'DocumentError';
  /** The URL or document id the failure belongs to. */
  readonly subject: string;
  /** What went wrong, without the subject: for a report line that names the subject already. */
  readonly reason: string;

  constructor(subject: string, message: string, options?: ErrorOptions) {
    super(`${message}: ${subject}`, options);
    this.subject = subject;
    this.reason = message;
  }
}

/** Another process holds the data directory (a crawl or run is already going on there). */
export class LockError extends Error {
  override name = 'LockError';
}
