/**
 * Scores predictions already written by `bench:accuracy` on one side of devdata's split
 * (../shared/devdata/splits.json: tune on train, measure on validation), with devdata's score.mjs.
 *   node --import tsx bench/score-split.ts --pred .tmp/accuracy/pred-paddle [--split validation|train] [--only sroie]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const devdata = path.resolve(option('--devdata') ?? '../shared/devdata');
const pred = path.resolve(option('--pred') ?? '.tmp/accuracy/pred');
const split = option('--split') ?? 'validation';
const only = option('--only');
const ids = new Set<string>((JSON.parse(readFileSync(path.join(devdata, 'splits.json'), 'utf8')) as Record<string, string[]>)[split] ?? []);
if (!ids.size) throw new Error(`no documents in split ${split}`);

const goldDir = path.resolve(`${pred}-gold-${split}`);
rmSync(goldDir, { recursive: true, force: true });
let n = 0;
for (const dataset of readdirSync(path.join(devdata, 'gold'))) {
  if (only && dataset !== only) continue;
  for (const f of readdirSync(path.join(devdata, 'gold', dataset))) {
    if (!ids.has(f.replace(/\.json$/, ''))) continue;
    mkdirSync(path.join(goldDir, dataset), { recursive: true });
    writeFileSync(path.join(goldDir, dataset, f), readFileSync(path.join(devdata, 'gold', dataset, f)));
    n++;
  }
}
console.log(`${split}: ${n} documents${only ? ` of ${only}` : ''}`);
console.log(execFileSync('node', [path.join(devdata, 'score.mjs'), '--pred', pred, '--gold', goldDir], { encoding: 'utf8' }));
