import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface Scorer {
  amountsEqual(a: number, b: number): boolean;
  normCurrency(v: unknown): string;
  normString(v: unknown): string;
  parseAmount(v: unknown): number;
  parseDate(v: unknown): string | null;
}
// score.mjs is plain JavaScript outside the repository: load it by path at run time. Importing it
// also runs its CLI (which complains about our arguments and sets the exit code): silence that.
const savedExitCode = process.exitCode;
const savedError = console.error;
console.error = () => {};
const scorer = (await import(pathToFileURL(path.resolve(process.env.DEVDATA ?? '../shared/devdata', 'score.mjs')).href)) as Scorer;
console.error = savedError;
process.exitCode = savedExitCode;
const { amountsEqual, normCurrency, normString, parseAmount, parseDate } = scorer;

export interface ScoredValue {
  side?: string;
  field: string;
  gold: unknown;
  value: unknown;
  confidence: number;
}

/** The same equality score.mjs applies, per value, so the calibration table agrees with its F1. */
function isCorrect(v: ScoredValue): boolean {
  if (v.value === null || v.value === undefined || v.value === '') return false;
  if (typeof v.gold === 'number') return amountsEqual(parseAmount(v.gold), parseAmount(v.value));
  if (typeof v.gold === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.gold)) return parseDate(v.gold) === parseDate(v.value);
  if (v.field === 'currency') return normCurrency(v.gold) === normCurrency(v.value);
  return normString(v.gold) === normString(v.value);
}

/** Prints, per confidence band, how many returned values were right: a confidence should mean that. */
export function printCalibration(values: ScoredValue[], label = ''): void {
  const bands = [0.9, 0.7, 0.5, 0.3, 0];
  console.log(`confidence calibration${label ? `, ${label}` : ''} (values returned, scalar fields):`);
  console.log('  band        n   correct  accuracy');
  let upper = 1.0001;
  for (const lo of bands) {
    const inBand = values.filter((v) => v.value !== null && v.value !== undefined && v.confidence >= lo && v.confidence < upper);
    const ok = inBand.filter(isCorrect).length;
    const acc = inBand.length ? (ok / inBand.length).toFixed(3) : '  -  ';
    console.log(`  [${lo.toFixed(1)},${upper > 1 ? '1.0' : upper.toFixed(1)}${upper > 1 ? ']' : ')'}  ${String(inBand.length).padStart(4)}  ${String(ok).padStart(7)}  ${acc}`);
    upper = lo;
  }
  const missing = values.filter((v) => v.value === null || v.value === undefined).length;
  console.log(`  not returned: ${missing}`);
}
