import type { StageOutput } from '../pipeline.js';

/**
 * Messages and progress on stderr. Progress is a status line rewritten in place on
 * a terminal, at most ten times a second, and dropped when stderr is a file or pipe
 * (logs of scheduled runs keep only the messages).
 */
export function stageOutput(stderr: {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}): StageOutput {
  let shown = false;
  let last = 0;
  const clear = () => {
    if (shown) stderr.write('\r\u001b[2K');
    shown = false;
  };
  return {
    message(line) {
      clear();
      stderr.write(`${line}\n`);
    },
    progress(status) {
      if (stderr.isTTY !== true) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      // The terminal's own width, so a long status never wraps and leaves a trail of lines.
      const width = (stderr.columns ?? 100) - 1;
      stderr.write(`\r\u001b[2K${status.slice(0, width)}`);
      shown = true;
    },
  };
}
