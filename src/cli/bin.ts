#!/usr/bin/env node
import { main } from './main.js';

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
}).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    // Not a usage, config or document error: a bug. Show the stack.
    process.stderr.write(`casereviews: unexpected error\n${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 3;
  },
);
