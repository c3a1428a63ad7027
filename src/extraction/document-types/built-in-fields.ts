import type { FieldSpec } from '../extract/field-schema.js';

/**
 * The built-in models' fields, the one list of them (docs/product.md, "Built-in models"): their
 * names and shapes are part of the API. The descriptions are written for an LLM that has never seen
 * docsift (the LLM stage asks for these fields); a review of a document extracted without a template
 * is checked against the same list.
 */
const s = (name: string, description: string): FieldSpec => ({ name, kind: 'string', description, children: [] });
const n = (name: string, description: string): FieldSpec => ({ name, kind: 'number', description, children: [] });
const d = (name: string, description: string): FieldSpec => ({ name, kind: 'date', description, children: [] });
const list = (name: string, description: string, children: FieldSpec[]): FieldSpec => ({ name, kind: 'list_object', description, children });

const CURRENCY = s('currency', 'ISO 4217 code of the document currency, e.g. EUR, USD');

const INVOICE: FieldSpec[] = [
  s('invoice_number', 'the invoice number or id, as printed'),
  d('invoice_date', 'the date the invoice was issued'),
  d('due_date', 'the payment due date'),
  s('vendor_name', 'the company that issued the invoice (seller, supplier)'),
  s('vendor_address', "the seller's postal address, lines joined with ', '"),
  s('vendor_tax_id', "the seller's VAT or tax id, as printed"),
  s('customer_name', 'the company or person billed (buyer)'),
  s('customer_address', "the buyer's postal address, lines joined with ', '"),
  s('purchase_order', 'the purchase order number, when one is printed'),
  CURRENCY,
  n('subtotal', 'the total before tax'),
  n('tax_amount', 'the total tax (VAT, sales tax)'),
  n('total_amount', 'the total including tax'),
  n('amount_due', 'the amount still to pay'),
  s('iban', "the seller's IBAN, without spaces"),
  list('line_items', 'every line item row of the invoice, in order', [
    s('description', 'what was sold'),
    n('quantity', 'the quantity'),
    n('unit_price', 'the price of one unit'),
    n('amount', 'the line total'),
  ]),
];

const RECEIPT: FieldSpec[] = [
  s('merchant_name', 'the shop or business name'),
  s('merchant_address', "the shop's address"),
  s('merchant_phone', "the shop's phone number"),
  d('date', 'the date of the purchase'),
  s('time', 'the time of the purchase, HH:MM (24 h)'),
  CURRENCY,
  n('subtotal', 'the total before tax'),
  n('tax_amount', 'the total tax'),
  n('tip_amount', 'the tip, when one is printed'),
  n('total_amount', 'the total paid'),
  s('payment_method', 'how it was paid: cash, card, …'),
  list('items', 'every purchased item, in order', [s('description', 'the item'), n('quantity', 'the quantity'), n('amount', 'the line total')]),
];

const BANK_STATEMENT: FieldSpec[] = [
  s('bank_name', 'the bank that issued the statement'),
  s('account_holder', 'the name of the account holder'),
  s('account_number', 'the account number or IBAN, as printed'),
  CURRENCY,
  {
    name: 'statement_period',
    kind: 'object',
    description: 'the period the statement covers',
    children: [d('from', 'the first day of the period'), d('to', 'the last day of the period')],
  },
  n('opening_balance', 'the balance at the start of the period'),
  n('closing_balance', 'the balance at the end of the period'),
  list('transactions', 'every transaction row, in order, none left out', [
    d('date', 'the booking date'),
    s('description', 'the transaction text'),
    n('amount', 'signed amount: positive for money in (credit), negative for money out (debit)'),
    s('type', '"credit" or "debit"'),
    n('balance', 'the running balance printed on the row, if any'),
  ]),
  n('total_credits', 'the sum of the money in (credits) over the transactions'),
  n('total_debits', 'the sum of the money out (debits) over the transactions, as a positive number'),
  n('transaction_count', 'the number of transactions'),
];

const BUILT_IN: Record<string, FieldSpec[]> = { invoice: INVOICE, receipt: RECEIPT, bank_statement: BANK_STATEMENT };

/**
 * Fields the engine computes from other fields rather than reads (a statement's totals and count
 * from its rows): an LLM is never asked for them, and they are computed again from its rows.
 */
export const COMPUTED_FIELDS: ReadonlySet<string> = new Set(['total_credits', 'total_debits', 'transaction_count']);

/** The built-in model's fields for a document type, or none for other types. */
export function builtInFields(documentType: string | null): FieldSpec[] {
  return (documentType && BUILT_IN[documentType]) || [];
}
