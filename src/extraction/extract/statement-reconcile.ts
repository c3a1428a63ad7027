import type { MoneyToken } from './statement-tokens.js';
import type { MoneyKind } from './statement-rows.js';

/**
 * One transaction row before its direction is settled: the amount, and what the page says about
 * its direction — a debit/credit column or a CR/DR marker names the kind (`kind`); a minus,
 * parentheses or plus says which way the printed balance moves (`sign`); a bare amount in a single
 * amount column says nothing (`sign` 0) until a running balance or the closing balance does.
 */
export interface Move {
  value: number;
  kind: 'credit' | 'debit' | null;
  sign: -1 | 0 | 1;
  /** The running balance printed on the row, as printed (sign not yet read for the account's side). */
  balance: MoneyToken | null;
}

/** A printed balance (opening, carried over, closing) and where in the rows it stands. */
export interface Checkpoint {
  /** Number of moves before it. */
  at: number;
  /** A number when it is already signed (a labelled balance), else as printed. */
  value: number | MoneyToken;
}

const valueOf = (v: number | MoneyToken, polarity: Polarity) => (typeof v === 'number' ? v : balanceValue(v, polarity));

export type Polarity = 'asset' | 'liability';

export interface Reconciled {
  /** Each move's effect on the printed balance. */
  deltas: number[];
  types: ('credit' | 'debit')[];
  balances: (number | null)[];
  polarity: Polarity;
  opening: number | null;
  closing: number | null;
  /** Indices of moves a printed balance does not agree with. */
  unreconciled: number[];
}

const close = (a: number, b: number) => Math.abs(a - b) < 0.005;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** A printed balance's value: minus, parentheses and DR lower it on an account; on a card CR does. */
export function balanceValue(t: MoneyToken, polarity: Polarity): number {
  let v = t.sign < 0 ? -t.value : t.value;
  if (t.marker === 'debit' && polarity === 'asset') v = -Math.abs(v);
  if (t.marker === 'credit' && polarity === 'liability') v = -Math.abs(v);
  return v;
}

function delta(m: Move, polarity: Polarity): number {
  if (m.kind) return (m.kind === 'credit') === (polarity === 'asset') ? m.value : -m.value;
  return m.sign < 0 ? -m.value : m.value;
}

/**
 * Settles the moves between two printed balances: when they do not add up as printed, the bare
 * amounts (no sign, no column, no marker) among them may go either way; a single choice of
 * directions that makes them add up is taken. Returns whether the stretch reconciles.
 */
function settle(moves: Move[], deltas: number[], idx: number[], from: number, to: number): boolean {
  const sum = () => idx.reduce((s, i) => s + deltas[i], from);
  if (close(round2(sum()), to)) return true;
  const free = idx.filter((i) => moves[i].kind === null && moves[i].sign === 0);
  if (!free.length || free.length > 12) return false;
  let found: number | null = null;
  for (let mask = 0; mask < 1 << free.length; mask++) {
    const total = idx.reduce((s, i) => {
      const k = free.indexOf(i);
      return s + (k < 0 ? deltas[i] : mask & (1 << k) ? -moves[i].value : moves[i].value);
    }, from);
    if (close(round2(total), to)) {
      if (found !== null) return false; // two ways to add up: the page does not say which
      found = mask;
    }
  }
  if (found === null) return false;
  free.forEach((i, k) => (deltas[i] = found! & (1 << k) ? -moves[i].value : moves[i].value));
  return true;
}

function walk(moves: Move[], checkpoints: Checkpoint[], polarity: Polarity, openingAs: number | MoneyToken | null, closingAs: number | MoneyToken | null): Reconciled {
  const deltas = moves.map((m) => delta(m, polarity));
  const balances = moves.map((m) => (m.balance ? balanceValue(m.balance, polarity) : null));
  const opening = openingAs === null ? null : valueOf(openingAs, polarity);
  const closing = closingAs === null ? null : valueOf(closingAs, polarity);
  const unreconciled: number[] = [];
  const marks: { at: number; value: number }[] = checkpoints.map((c) => ({ at: c.at, value: valueOf(c.value, polarity) }));
  balances.forEach((b, i) => b !== null && marks.push({ at: i + 1, value: b }));
  if (closing !== null) marks.push({ at: moves.length, value: closing });
  marks.sort((a, b) => a.at - b.at);
  let prev: { at: number; value: number } | null = opening !== null ? { at: 0, value: opening } : null;
  for (const mark of marks) {
    // Two balances printed at one point (a row's balance and the closing balance) must agree.
    if (prev && mark.at === prev.at && mark.at > 0 && !close(prev.value, mark.value) && !unreconciled.includes(mark.at - 1)) unreconciled.push(mark.at - 1);
    if (prev && mark.at > prev.at) {
      const idx = Array.from({ length: mark.at - prev.at }, (_, k) => prev!.at + k);
      if (!settle(moves, deltas, idx, prev.value, mark.value)) unreconciled.push(...idx.filter((i) => !unreconciled.includes(i)));
    }
    prev = mark;
  }
  // Without a printed opening balance, the first printed balance less the moves before it.
  let start = opening;
  const first = marks.find((m) => m.at > 0);
  if (start === null && first) start = round2(first.value - deltas.slice(0, first.at).reduce((s, d) => s + d, 0));
  const types = deltas.map((d, i) => moves[i].kind ?? ((d >= 0) === (polarity === 'asset') ? 'credit' : 'debit'));
  const lastBalance = [...balances].reverse().find((b) => b !== null) ?? null;
  return { deltas, types, balances, polarity, opening: start, closing: closing ?? lastBalance, unreconciled: unreconciled.sort((a, b) => a - b) };
}

/**
 * Reads each move's direction and checks the running balance: `balance[i-1] ± amount[i] =
 * balance[i]` between printed balances, and opening + moves = closing. Accounts (balance grows
 * with credits) and cards (balance owed grows with purchases) are both tried; the side that
 * reconciles more stretches wins, and a card's cues decide a tie.
 */
export function reconcile(opts: { moves: Move[]; checkpoints: Checkpoint[]; opening: number | MoneyToken | null; closing: number | MoneyToken | null; cardLike: boolean }): Reconciled {
  const order: Polarity[] = opts.cardLike ? ['liability', 'asset'] : ['asset', 'liability'];
  let best: Reconciled | null = null;
  for (const polarity of order) {
    const r = walk(opts.moves, opts.checkpoints, polarity, opts.opening, opts.closing);
    if (!best || r.unreconciled.length < best.unreconciled.length) best = r;
  }
  return best as Reconciled;
}

/** Kinds for amount columns found without a header, tried against the running balance. */
export function nameColumns(columns: { kind: MoneyKind }[], rows: { column: number; token: MoneyToken }[][]): void {
  const unknown = columns.map((c, i) => (c.kind === 'unknown' ? i : -1)).filter((i) => i >= 0);
  if (!unknown.length) return;
  if (unknown.length === 1) {
    columns[unknown[0]].kind = 'amount';
    return;
  }
  const right = unknown[unknown.length - 1];
  // The rightmost column is the running balance when consecutive rows step by their amount.
  let tests = 0;
  let passes = 0;
  for (let i = 1; i < rows.length; i++) {
    const b0 = rows[i - 1].find((m) => m.column === right);
    const b1 = rows[i].find((m) => m.column === right);
    const others = rows[i].filter((m) => m.column !== right);
    if (!b0 || !b1 || others.length !== 1) continue;
    tests++;
    const v0 = b0.token.sign < 0 || b0.token.marker === 'debit' ? -b0.token.value : b0.token.value;
    const v1 = b1.token.sign < 0 || b1.token.marker === 'debit' ? -b1.token.value : b1.token.value;
    if (close(round2(Math.abs(v1 - v0)), others[0].token.value)) passes++;
  }
  const rest = unknown.slice(0, -1);
  if (tests >= 2 && passes >= 0.6 * tests) {
    columns[right].kind = 'balance';
    if (rest.length === 1) columns[rest[0]].kind = 'amount';
    else rest.forEach((c, k) => (columns[c].kind = k === 0 ? 'debit' : k === 1 ? 'credit' : 'amount'));
  } else unknown.forEach((c, k) => (columns[c].kind = k === 0 ? 'debit' : k === 1 ? 'credit' : 'balance'));
}
