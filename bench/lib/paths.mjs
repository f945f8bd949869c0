/** Where things are: the repo, the bench folder, its scratch folder (gitignored) and the peers folder (gitignored). */
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
export const REPO_DIR = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const TMP_DIR = `${BENCH_DIR}/.tmp`;
export const PEERS_DIR = `${BENCH_DIR}/peers`;
export const RESULTS_DIR = `${BENCH_DIR}/results`;
export const FUNCTIONS_DIR = `${BENCH_DIR}/functions`;
export const DOCS_DIR = `${REPO_DIR}/docs`;
