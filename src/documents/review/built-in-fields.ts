import type { FieldSpec, FieldKind } from '../../extraction/extract/field-schema.js';

/**
 * The fields of the built-in models as PRODUCT.md names them: the schema a review of an invoice,
 * receipt or bank statement is checked against when the extraction used no parser.
 */
const field = (name: string, kind: FieldKind, children: FieldSpec[] = []): FieldSpec => ({ name, kind, description: '', children });
const text = (name: string) => field(name, 'string');
const amount = (name: string) => field(name, 'number');
const date = (name: string) => field(name, 'date');

const INVOICE: FieldSpec[] = [
  text('invoice_number'),
  date('invoice_date'),
  date('due_date'),
  text('vendor_name'),
  text('vendor_address'),
  text('vendor_tax_id'),
  text('customer_name'),
  text('customer_address'),
  text('purchase_order'),
  text('currency'),
  amount('subtotal'),
  amount('tax_amount'),
  amount('total_amount'),
  amount('amount_due'),
  text('iban'),
  field('line_items', 'list_object', [text('description'), amount('quantity'), amount('unit_price'), amount('amount')]),
];

const RECEIPT: FieldSpec[] = [
  text('merchant_name'),
  text('merchant_address'),
  text('merchant_phone'),
  date('date'),
  text('time'),
  text('currency'),
  amount('subtotal'),
  amount('tax_amount'),
  amount('tip_amount'),
  amount('total_amount'),
  text('payment_method'),
  field('items', 'list_object', [text('description'), amount('quantity'), amount('amount')]),
];

const BANK_STATEMENT: FieldSpec[] = [
  text('bank_name'),
  text('account_holder'),
  text('account_number'),
  text('currency'),
  field('statement_period', 'object', [date('from'), date('to')]),
  amount('opening_balance'),
  amount('closing_balance'),
  field('transactions', 'list_object', [date('date'), text('description'), amount('amount'), text('type'), amount('balance')]),
  amount('total_credits'),
  amount('total_debits'),
  amount('transaction_count'),
];

const BUILT_IN: Record<string, FieldSpec[]> = { invoice: INVOICE, receipt: RECEIPT, bank_statement: BANK_STATEMENT };

/** The built-in model's fields for a document type, or none for other types. */
export function builtInFields(documentType: string | null): FieldSpec[] {
  return (documentType && BUILT_IN[documentType]) || [];
}
