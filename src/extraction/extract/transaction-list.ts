import { readStatement } from '../document-types/bank-statement.js';
import type { ExtractionContext, FieldValue } from './context.js';
import type { FieldSpec } from './field-schema.js';
import { fold } from './text-fold.js';
import type { Transaction } from './transactions.js';

/** Names of the parts of a transaction row a user's schema may ask for (folded, any of the six languages). */
const ROLE: [keyof Transaction | 'debit' | 'credit' | 'currency', RegExp][] = [
  ['balance', /balance|saldo|solde|kontostand/],
  ['date', /date|datum|fecha|(?:^|_)data(?:_|$)|(?:^|_)day(?:_|$)|booked|posted|valuta/],
  ['debit', /debit|withdraw|paid_?out|money_?out|soll|cargo|addebit|(?:^|_)(?:af|dare|out)(?:_|$)/],
  ['credit', /credit|deposit|paid_?in|money_?in|haben|abono|accredit|(?:^|_)(?:bij|avere|in)(?:_|$)/],
  ['amount', /amount|value|betrag|montant|importe|bedrag|importo|sum|total/],
  ['type', /(?:^|_)(?:type|direction|kind|sign|art)(?:_|$)/],
  ['currency', /currency|wahrung|devise|moneda/],
  ['description', /desc|detail|narrat|memo|text|particular|payee|reference|concept|libelle|omschrijving|verwendung|descrizione|causale|merchant|name|purpose/],
];

const QUANTITY = /qty|quantity|hours|rate|unit|price|menge|anzahl|quantite|cantidad|aantal|quantita/;
const LIST_NAME = /transaction|movement|booking|entr(?:y|ies)|statement|umsatz|umsaetze|umsatze|buchung|operation|movimiento|mutatie|movimenti|bewegung|activity/;

const keyOf = (name: string) => fold(name.replace(/([a-z])([A-Z])/g, '$1_$2')).replace(/[^a-z0-9]+/g, '_');

function roleOf(child: FieldSpec): string | null {
  const k = keyOf(child.name);
  if (child.kind === 'date') return 'date';
  return ROLE.find(([, re]) => re.test(k))?.[0] ?? (child.kind === 'string' ? 'description' : null);
}

/**
 * A user's list of objects that describes statement rows — a date and an amount (or debit/credit)
 * among its children, and a name, document type or balance column that says transactions, with no
 * quantities or prices — is read by the statement reader, and each row mapped onto the user's names.
 */
export function readTransactionList(ctx: ExtractionContext, spec: FieldSpec, opts: { type: string; builtIn?: FieldValue }): FieldValue | null {
  const roles = spec.children.map(roleOf);
  if (!roles.includes('date') || !roles.some((r) => r === 'amount' || r === 'debit' || r === 'credit')) return null;
  if (spec.children.some((c) => QUANTITY.test(keyOf(c.name)))) return null;
  const statementLike = opts.type === 'bank_statement' || LIST_NAME.test(keyOf(spec.name)) || roles.some((r) => r === 'balance' || r === 'debit' || r === 'credit');
  if (!statementLike) return null;
  const found = opts.builtIn?.value ? opts.builtIn : readStatement(ctx).tx.transactions;
  const rows = (found.value ?? []) as Transaction[];
  if (!rows.length) return null;
  const value = rows.map((t) =>
    Object.fromEntries(
      spec.children.map((c, i) => {
        const role = roles[i];
        if (role === 'debit') return [c.name, t.type === 'debit' ? Math.abs(t.amount) : null];
        if (role === 'credit') return [c.name, t.type === 'credit' ? Math.abs(t.amount) : null];
        if (role === 'currency') return [c.name, ctx.currency];
        return [c.name, role ? t[role as keyof Transaction] : null];
      }),
    ),
  );
  return { value, confidence: found.confidence, citations: found.citations, source: 'page' };
}
