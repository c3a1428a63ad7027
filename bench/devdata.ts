import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The development set (devdata: documents, gold labels and score.mjs) a benchmark measures on:
 * `--devdata PATH`, else $DEVDATA, else ../shared/devdata (where developers and CI keep it; a clone of
 * the project does not include it). Missing, the benchmark stops here with a message saying so,
 * before anything loads score.mjs from it. Import this module first: it also sets $DEVDATA, which
 * modules imported after it (accuracy-calibration.ts) read at load time.
 */
const args = process.argv.slice(2);
const i = args.indexOf('--devdata');
export const devdata = path.resolve((i >= 0 ? args[i + 1] : undefined) ?? process.env.DEVDATA ?? '../shared/devdata');

const missing = ['gold', 'data', 'score.mjs'].filter((p) => !existsSync(path.join(devdata, p)));
if (missing.length) {
  console.error(
    `no development set at ${devdata} (missing ${missing.join(', ')}).\n` +
      'This benchmark scores the engine on devdata, which is not part of the repository: pass its folder with ' +
      '`--devdata PATH` (or set DEVDATA=PATH). `npm test` does not need it.',
  );
  process.exit(2);
}
process.env.DEVDATA = devdata;
