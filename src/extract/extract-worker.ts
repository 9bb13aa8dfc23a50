/**
 * The worker-thread entry of the extraction pool (worker-pool.ts): one call, one
 * document. Kept to this one line so a worker loads nothing it does not run.
 */
export { extractFromBytes as default } from './extract-bytes.js';
