import type { BusinessKind } from '../test/fixtures/synthetic-business-documents.js';

/**
 * Templates a tenant might write for the five kinds of bench:template-match, as native parser bodies.
 * `MEASURED` is the tenant the target is measured on; `TRAINING` holds other wordings of the same kinds
 * (names, descriptions, field names), used only to fit the matcher's weights (`--fit`).
 */
export interface ParserBody {
  name: string;
  description: string;
  fields: Array<{ name: string; type: string; description: string; children?: Array<{ name: string; type: string; description: string }> }>;
}

export type TemplatedKind = Extract<BusinessKind, 'invoice' | 'receipt' | 'purchase_order' | 'delivery_note' | 'bank_statement'>;
export const TEMPLATED_KINDS: TemplatedKind[] = ['invoice', 'receipt', 'purchase_order', 'delivery_note', 'bank_statement'];

const f = (name: string, description: string, type = 'String') => ({ name, type, description });

export const MEASURED: Record<TemplatedKind, ParserBody> = {
  invoice: {
    name: 'Invoice',
    description: 'Supplier invoices we have to pay',
    fields: [
      f('invoice_number', 'The invoice number'), f('invoice_date', 'Date of issue', 'Date'), f('due_date', 'When payment is due', 'Date'),
      f('vendor_name', 'Who sent the invoice'), f('total_amount', 'Amount to pay including tax', 'Number'), f('tax_amount', 'VAT amount', 'Number'),
      { name: 'line_items', type: 'List<Object>', description: 'Billed lines', children: [f('description', 'What was billed'), f('quantity', 'How many', 'Number'), f('amount', 'Line amount', 'Number')] },
    ],
  },
  receipt: {
    name: 'Receipt',
    description: 'Till receipts from shops and restaurants (expense claims)',
    fields: [f('merchant_name', 'The shop'), f('date', 'Date of purchase', 'Date'), f('total', 'Total paid', 'Number'), f('payment_method', 'Cash or card'), f('change', 'Change given', 'Number')],
  },
  purchase_order: {
    name: 'Purchase order',
    description: 'Orders we send to our suppliers',
    fields: [
      f('po_number', 'Purchase order number'), f('order_date', 'Date the order was placed', 'Date'), f('supplier_name', 'Supplier the order is sent to'),
      f('requested_delivery_date', 'When the goods should arrive', 'Date'), f('ship_to', 'Delivery address'),
      { name: 'lines', type: 'List<Object>', description: 'Ordered items', children: [f('description', 'Item'), f('quantity', 'Quantity ordered', 'Number'), f('unit_price', 'Price per unit', 'Number')] },
      f('total', 'Order total', 'Number'),
    ],
  },
  delivery_note: {
    name: 'Delivery note',
    description: 'Delivery notes (packing slips) that come with the goods',
    fields: [
      f('delivery_note_number', 'Number of the delivery note'), f('dispatch_date', 'Date the goods were shipped', 'Date'), f('order_reference', 'Our order number'),
      f('carrier', 'Carrier or courier'), f('packages', 'Number of packages', 'Number'),
      { name: 'items', type: 'List<Object>', description: 'Delivered items', children: [f('description', 'Item'), f('quantity_shipped', 'Quantity delivered', 'Number')] },
    ],
  },
  bank_statement: {
    name: 'Bank statement',
    description: 'Monthly statements of our bank accounts',
    fields: [
      f('bank_name', 'The bank'), f('account_number', 'Account number or IBAN'), f('opening_balance', 'Balance at the start', 'Number'), f('closing_balance', 'Balance at the end', 'Number'),
      { name: 'transactions', type: 'List<Object>', description: 'Account movements', children: [f('date', 'Booking date', 'Date'), f('description', 'Details'), f('amount', 'Amount', 'Number'), f('balance', 'Balance after', 'Number')] },
    ],
  },
};

export const TRAINING: Record<TemplatedKind, ParserBody[]> = {
  invoice: [
    { name: 'Incoming invoices', description: 'Invoices our suppliers send us for goods and services, to be checked and paid by accounting', fields: [f('number', 'The number the supplier gave the invoice'), f('issued_on', 'The date the invoice was issued', 'Date'), f('supplier', 'Company that issued it'), f('net_total', 'Sum before tax', 'Number'), f('gross_total', 'Sum to be paid, tax included', 'Number'), f('payment_due', 'Last day to pay', 'Date')] },
    { name: 'Vendor bills', description: 'Accounts payable: bills from vendors', fields: [f('bill_no', 'Bill number'), f('vendor', 'Vendor'), f('amount_due', 'Amount due', 'Number'), f('due', 'Due date', 'Date'), f('vat', 'Tax', 'Number')] },
    { name: 'Rechnungen', description: 'Eingangsrechnungen', fields: [f('rechnungsnummer', 'Nummer'), f('lieferant', 'Absender'), f('gesamtbetrag', 'Bruttobetrag', 'Number'), f('faellig_am', 'Fälligkeit', 'Date')] },
  ],
  receipt: [
    { name: 'Shop receipts', description: 'Receipts from stores, cafés and restaurants that staff bring back from trips for reimbursement', fields: [f('shop_name', 'Name of the shop printed at the top'), f('bought_at', 'Date and time of the sale', 'Date'), f('total_paid', 'What was paid in the end', 'Number'), f('paid_with', 'Cash, card or voucher'), f('vat', 'Tax included', 'Number')] },
    { name: 'Expense receipts', description: 'Receipts employees hand in', fields: [f('store', 'Store name'), f('purchase_date', 'Date', 'Date'), f('amount_paid', 'Amount', 'Number'), f('tip', 'Tip', 'Number')] },
    { name: 'Kassenbelege', description: 'Belege aus Geschäften', fields: [f('geschaeft', 'Laden'), f('datum', 'Datum', 'Date'), f('summe', 'Summe', 'Number'), f('zahlungsart', 'Bar oder Karte')] },
  ],
  purchase_order: [
    { name: 'Purchase orders', description: 'The orders our buyers place with vendors for materials and equipment', fields: [f('order_no', 'Number of the order'), f('placed_on', 'When the order was placed', 'Date'), f('vendor_name', 'Who we buy from'), f('deliver_to', 'Where the goods go'), f('order_lines', 'What is ordered, how many, at what price'), f('order_value', 'Value of the whole order', 'Number')] },
    { name: 'PO', description: 'Procurement orders', fields: [f('po_no', 'PO number'), f('vendor', 'Vendor'), f('ordered_items', 'Items ordered'), f('order_total', 'Total', 'Number')] },
    { name: 'Commandes fournisseurs', description: 'Bons de commande', fields: [f('numero_commande', 'Numéro'), f('fournisseur', 'Fournisseur'), f('date_commande', 'Date', 'Date'), f('montant', 'Montant', 'Number')] },
  ],
  delivery_note: [
    { name: 'Delivery notes', description: 'Notes that travel with incoming goods, signed at the warehouse on arrival', fields: [f('note_number', 'Number of the note'), f('shipped', 'Day the goods left the supplier', 'Date'), f('our_order', 'Reference of our order'), f('transport_company', 'Who brought the goods'), f('number_of_parcels', 'How many parcels', 'Number'), f('goods', 'What was delivered and how many')] },
    { name: 'Packing slips', description: 'Shipping documents from suppliers', fields: [f('slip_number', 'Number'), f('shipped_on', 'Ship date', 'Date'), f('courier', 'Carrier'), f('parcel_count', 'Parcels', 'Number'), f('weight', 'Weight', 'Number')] },
    { name: 'Lieferscheine', description: 'Wareneingang', fields: [f('lieferschein_nr', 'Nummer'), f('lieferdatum', 'Datum', 'Date'), f('spediteur', 'Spediteur'), f('bestellnummer', 'Unsere Bestellung')] },
  ],
  bank_statement: [
    { name: 'Bank account statements', description: 'The statements our banks send each month for the company accounts, for reconciliation', fields: [f('bank', 'Issuing bank'), f('account_no', 'Account or IBAN'), f('from_date', 'First day covered', 'Date'), f('to_date', 'Last day covered', 'Date'), f('start_balance', 'Balance brought forward', 'Number'), f('end_balance', 'Balance carried forward', 'Number'), f('movements', 'Each booking with date, text and amount')] },
    { name: 'Account statements', description: 'Statements from the bank', fields: [f('account', 'Account'), f('period', 'Statement period'), f('starting_balance', 'Opening', 'Number'), f('ending_balance', 'Closing', 'Number')] },
    { name: 'Kontoauszüge', description: 'Auszüge der Geschäftskonten', fields: [f('kontonummer', 'Konto'), f('alter_saldo', 'Anfang', 'Number'), f('neuer_saldo', 'Ende', 'Number'), f('buchungen', 'Umsätze')] },
  ],
};
