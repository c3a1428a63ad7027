import type { FieldValue } from '../extract/context.js';
import { isValidIban } from '../normalize/identifiers.js';

export interface Warning {
  code: string;
  message: string;
}

const num = (v: FieldValue | undefined): number | null => (typeof v?.value === 'number' ? v.value : null);
const close = (a: number, b: number) => Math.abs(a - b) <= 0.011;
const money = (n: number) => n.toFixed(2);

/** Lowers a value's confidence when an arithmetic check involving it fails. */
function doubt(...values: (FieldValue | undefined)[]): void {
  for (const v of values) if (v && v.value !== null) v.confidence *= 0.7;
}

/** A check that passes is evidence too: it lifts the values it involved toward certainty. */
function confirm(...values: (FieldValue | undefined)[]): void {
  for (const v of values) if (v && v.value !== null) v.confidence = Math.min(0.99, v.confidence + (1 - v.confidence) * 0.5);
}

function checkTotals(values: Record<string, FieldValue>, itemsField: string, warnings: Warning[]): void {
  const subtotal = num(values.subtotal);
  const tax = num(values.tax_amount);
  const tip = num(values.tip_amount) ?? 0;
  const total = num(values.total_amount);
  if (subtotal !== null && tax !== null && total !== null) {
    if (close(subtotal + tax + tip, total)) confirm(values.subtotal, values.tax_amount, values.total_amount);
    else {
      doubt(values.subtotal, values.tax_amount, values.total_amount);
      warnings.push({ code: 'TOTAL_MISMATCH', message: `subtotal ${money(subtotal)} + tax ${money(tax)}${tip ? ` + tip ${money(tip)}` : ''} is ${money(subtotal + tax + tip)}, total is ${money(total)}` });
    }
  }
  const items = values[itemsField]?.value;
  if (Array.isArray(items) && items.length) {
    const amounts = items.map((i) => (i as { amount?: unknown }).amount).filter((a): a is number => typeof a === 'number');
    if (amounts.length === items.length) {
      const sum = amounts.reduce((s, a) => s + a, 0);
      const target = subtotal ?? total;
      if (target !== null && (close(sum, target) || (total !== null && close(sum, total)))) confirm(values[itemsField]);
      else if (target !== null) {
        doubt(values[itemsField]);
        warnings.push({ code: 'LINE_ITEMS_MISMATCH', message: `line items sum to ${money(sum)}, ${subtotal !== null ? 'subtotal' : 'total'} is ${money(target)}` });
      }
    }
  }
}

/**
 * Opening + credits − debits = closing for an account; a card's balance is what is owed, so there
 * purchases raise it: opening − credits + debits = closing. Either way of reading passes.
 */
function checkStatement(values: Record<string, FieldValue>, warnings: Warning[]): void {
  const opening = num(values.opening_balance);
  const closing = num(values.closing_balance);
  const txs = values.transactions?.value;
  if (!Array.isArray(txs)) return;
  const rows = txs as { date?: string | null; amount: number; balance: number | null }[];
  const credits = rows.filter((t) => t.amount > 0).reduce((s, t) => s + t.amount, 0);
  const debits = rows.filter((t) => t.amount < 0).reduce((s, t) => s - t.amount, 0);
  if (opening !== null && closing !== null && rows.length) {
    const asAccount = opening + credits - debits;
    const asCard = opening - credits + debits;
    if (close(asAccount, closing) || close(asCard, closing)) confirm(values.opening_balance, values.closing_balance, values.transactions);
    else {
      doubt(values.transactions);
      const nearer = Math.abs(asAccount - closing) <= Math.abs(asCard - closing) ? asAccount : asCard;
      warnings.push({
        code: 'BALANCE_MISMATCH',
        message: `opening balance ${money(opening)} ${nearer === asAccount ? '+' : '−'} credits ${money(credits)} ${nearer === asAccount ? '−' : '+'} debits ${money(debits)} is ${money(nearer)} over ${rows.length} rows found, closing balance is ${money(closing)}: ${money(Math.abs(closing - nearer))} not accounted for (rows missing or misread)`,
      });
    }
  }
  // Printed running balances must follow from the previous balance and the row's amount, in the
  // direction (account or card) that fits more of them.
  const broken = (dir: 1 | -1): number[] => {
    let running = opening;
    const out: number[] = [];
    rows.forEach((t, i) => {
      if (running !== null) running += dir * t.amount;
      if (t.balance !== null && t.balance !== undefined) {
        if (running !== null && !close(running, t.balance)) out.push(i);
        running = t.balance;
      }
    });
    return out;
  };
  const [asAccount, asCard] = [broken(1), broken(-1)];
  const bad = asAccount.length <= asCard.length ? asAccount : asCard;
  if (bad.length) {
    doubt(values.transactions);
    const named = bad.slice(0, 5).map((i) => `row ${i + 1} (${rows[i].date ?? 'no date'}, ${money(rows[i].amount)})`);
    warnings.push({ code: 'RUNNING_BALANCE_MISMATCH', message: `${bad.length} of ${rows.length} rows do not agree with the printed running balance: ${named.join(', ')}${bad.length > 5 ? ', …' : ''}` });
  }
  const printedCount = num(values.printed_transaction_count);
  if (printedCount !== null && printedCount !== rows.length) {
    warnings.push({ code: 'TRANSACTION_COUNT_MISMATCH', message: `the statement states ${printedCount} transactions, ${rows.length} rows were found` });
  }
}

function checkDates(values: Record<string, FieldValue>, warnings: Warning[]): void {
  const issued = values.invoice_date?.value;
  const due = values.due_date?.value;
  if (typeof issued === 'string' && typeof due === 'string' && due < issued) {
    doubt(values.due_date);
    warnings.push({ code: 'DUE_DATE_BEFORE_INVOICE_DATE', message: `due date ${due} is before invoice date ${issued}` });
  }
}

/**
 * Cross-field checks. Each feeds confidence (a failed sum lowers the values in it, a passing one
 * raises them) and explains itself in a warning, so a reviewer knows what to look at.
 */
export function validateFields(type: string, values: Record<string, FieldValue>): Warning[] {
  const warnings: Warning[] = [];
  for (const [name, v] of Object.entries(values)) {
    if (/iban/i.test(name) && typeof v.value === 'string' && !isValidIban(v.value)) {
      v.confidence = Math.min(v.confidence, 0.4);
      warnings.push({ code: 'IBAN_CHECKSUM_INVALID', message: `${name}: ${v.value} fails the IBAN checksum (ISO 7064 mod 97); it may be misprinted or misread` });
    }
  }
  if (type === 'invoice') {
    checkTotals(values, 'line_items', warnings);
    checkDates(values, warnings);
  } else if (type === 'receipt') checkTotals(values, 'items', warnings);
  else if (type === 'bank_statement') checkStatement(values, warnings);
  return warnings;
}
