import { fold } from '../extract/text-fold.js';

/**
 * Words of business documents grouped by meaning across English, German, French, Spanish, Dutch and
 * Italian, so a template written in one language ("Delivery note", "quantity shipped") meets a document
 * printed in another ("Lieferschein", "Menge geliefert"). Each entry is a folded stem: a word of five
 * or more letters also matches the start or the end of a longer word, which covers plurals and the
 * compounds German and Dutch build: such a word stands for the group of the longest stem it starts
 * with and that of the longest it ends with ("Rechnungsnummer": invoice and number, "Gehaltsabrechnung":
 * salary and settlement). Shorter entries match whole words only ("po", "qty", "vat"). A word in no
 * group stands for itself (a vendor's name, a product line).
 */
const GROUPS: Record<string, string[]> = {
  invoice: ['invoice', 'rechnung', 'facture', 'factura', 'factuur', 'fattura', 'faktura', 'billing', 'bill', 'bills', 'billed'],
  settlement: ['abrechnung', 'settlement', 'decompte', 'liquidacion', 'afrekening'],
  receipt: ['receipt', 'beleg', 'belege', 'kassenbon', 'kassenzettel', 'quittung', 'kassabon', 'bonnetje', 'ricevuta', 'scontrino', 'recibo', 'recu', 'till'],
  statement: ['statement', 'kontoauszug', 'auszug', 'releve', 'extracto', 'afschrift', 'rekeningafschrift', 'estratto'],
  bank: ['bank', 'banque', 'banco', 'banca', 'sparkasse'],
  account: ['account', 'konto', 'compte', 'cuenta', 'rekening', 'conto'],
  balance: ['balance', 'saldo', 'solde', 'kontostand'],
  transaction: ['transaction', 'umsatz', 'umsaetze', 'buchung', 'operation', 'movimiento', 'transactie', 'mutatie', 'movimento', 'movement'],
  debit_credit: ['debit', 'credit', 'soll', 'haben', 'lastschrift', 'gutschrift', 'cargo', 'abono', 'withdrawal', 'deposit', 'addebito', 'accredito'],
  period: ['period', 'zeitraum', 'periode', 'periodo'],
  purchase: ['purchase', 'einkauf', 'achat', 'compra', 'inkoop', 'acquisto', 'procurement', 'beschaffung'],
  order: ['order', 'ordered', 'bestell', 'bestellung', 'auftrag', 'commande', 'pedido', 'orden', 'bestelling', 'ordine', 'po'],
  delivery: [
    'delivery', 'deliver', 'delivered', 'liefer', 'lieferschein', 'geliefert', 'livraison', 'livre', 'entrega', 'entregado', 'albaran',
    'levering', 'geleverd', 'pakbon', 'consegna', 'consegnato', 'bolla', 'ddt', 'shipping', 'shipped', 'shipment', 'ship', 'versand',
    'expedition', 'expedie', 'envio', 'enviado', 'verzending', 'verzonden', 'spedizione', 'dispatch', 'dispatched', 'packing', 'slip', 'slips',
  ],
  supplier: ['supplier', 'vendor', 'seller', 'lieferant', 'verkaeufer', 'fournisseur', 'vendeur', 'proveedor', 'vendedor', 'leverancier', 'verkoper', 'fornitore', 'venditore'],
  customer: ['customer', 'client', 'kunde', 'cliente', 'klant', 'buyer', 'kaeufer', 'acheteur', 'comprador', 'koper', 'acquirente', 'besteller'],
  recipient: ['recipient', 'consignee', 'empfaenger', 'destinataire', 'destinatario', 'ontvanger'],
  carrier: ['carrier', 'spediteur', 'transporteur', 'transportista', 'vervoerder', 'vettore', 'tracking', 'sendungsnummer', 'courier'],
  package: ['package', 'parcel', 'paket', 'packstueck', 'colis', 'bulto', 'pakket', 'collo', 'colli', 'pallet', 'palette'],
  weight: ['weight', 'gewicht', 'poids', 'peso'],
  signature: ['signature', 'signed', 'unterschrift', 'firma', 'handtekening', 'signe'],
  quantity: ['quantity', 'qty', 'menge', 'anzahl', 'quantite', 'qte', 'cantidad', 'cant', 'aantal', 'quantita', 'qta', 'units', 'pcs', 'stueck'],
  item: ['item', 'items', 'artikel', 'article', 'articulo', 'articolo', 'product', 'produkt', 'produit', 'producto', 'prodotto', 'sku'],
  description: ['description', 'bezeichnung', 'beschreibung', 'designation', 'descripcion', 'omschrijving', 'descrizione', 'concepto', 'libelle'],
  date: ['date', 'dates', 'datum', 'fecha', 'data', 'dated'],
  due: ['due', 'faellig', 'faelligkeit', 'echeance', 'vencimiento', 'vervaldatum', 'vervaldag', 'scadenza', 'payable', 'zahlbar'],
  number: ['number', 'no', 'nr', 'nummer', 'numero', 'num', 'ref', 'reference', 'referenz', 'referencia', 'riferimento'],
  total: ['total', 'totals', 'summe', 'gesamt', 'totaal', 'totale', 'grand'],
  amount: ['amount', 'betrag', 'montant', 'importe', 'bedrag', 'importo', 'sum'],
  tax: ['tax', 'vat', 'mwst', 'ust', 'steuer', 'tva', 'iva', 'btw', 'gst', 'sst'],
  subtotal: ['subtotal', 'netto', 'net', 'zwischensumme', 'subtotaal', 'imponibile', 'ht'],
  price: ['price', 'preis', 'einzelpreis', 'prix', 'precio', 'prijs', 'prezzo', 'rate', 'unit'],
  payment: ['payment', 'paid', 'zahlung', 'paiement', 'pago', 'betaling', 'pagamento', 'tender', 'tendered'],
  cash: ['cash', 'bar', 'especes', 'efectivo', 'contant', 'contanti'],
  change: ['change', 'wechselgeld', 'rendu', 'cambio', 'wisselgeld', 'resto'],
  card: ['card', 'karte', 'carte', 'tarjeta', 'kaart', 'carta', 'visa', 'mastercard', 'debitcard'],
  merchant: ['merchant', 'store', 'shop', 'restaurant', 'cafe', 'magasin', 'tienda', 'winkel', 'negozio', 'geschaeft', 'outlet'],
  cashier: ['cashier', 'kasse', 'caisse', 'cajero', 'kassier', 'cassiere', 'counter', 'pos'],
  tip: ['tip', 'gratuity', 'trinkgeld', 'pourboire', 'propina', 'fooi', 'mancia'],
  time: ['time', 'uhrzeit', 'heure', 'hora', 'tijd', 'ora'],
  iban: ['iban', 'bic', 'swift', 'sort'],
  address: ['address', 'adresse', 'anschrift', 'direccion', 'adres', 'indirizzo', 'street', 'strasse'],
  phone: ['phone', 'telephone', 'tel', 'telefon', 'telefono', 'telefoon'],
  terms: ['terms', 'bedingungen', 'conditions', 'condiciones', 'voorwaarden', 'condizioni'],
  currency: ['currency', 'waehrung', 'devise', 'moneda', 'valuta'],
  quote: ['quote', 'quotation', 'angebot', 'devis', 'presupuesto', 'offerte', 'offerta', 'preventivo', 'estimate'],
  contract: ['contract', 'vertrag', 'contrat', 'contrato', 'contratto', 'agreement'],
  salary: ['payslip', 'salary', 'gehalt', 'lohn', 'salaire', 'nomina', 'salario', 'loon', 'stipendio', 'wage', 'payroll', 'earnings'],
  employee: ['employee', 'mitarbeiter', 'arbeitnehmer', 'salarie', 'empleado', 'werknemer', 'dipendente'],
};

/** Words that carry no meaning for matching: articles, prepositions, and words every schema uses. */
const STOPWORDS = new Set(
  (
    'the of and or a an for to in on at with by from per each this that these those is are be as it its if not any all one ' +
    'der die das den dem des und oder ein eine fuer mit von zu im am auf bei ' +
    'le la les un une des du et ou pour avec sur au aux en ' +
    'el los las y o del por con para al lo ' +
    'het een van voor op met en of te ' +
    'il gli di e da per con su nel della delle ' +
    'document documents field fields value values extract extracted extraction template printed shown given type list object string boolean ' +
    'e.g eg etc which when where what who how'
  ).split(' '),
);

const exact = new Map<string, string>();
const stems: Array<[stem: string, group: string]> = [];
for (const [group, words] of Object.entries(GROUPS)) {
  for (const w of words) {
    exact.set(w, group);
    if (w.length >= 5) stems.push([w, group]);
  }
}
// Longest first, so the most specific stem decides ("lieferant" before "liefer").
stems.sort((a, b) => b[0].length - a[0].length);

const termCache = new Map<string, readonly string[]>();

/** The terms a folded word stands for: its groups, the word itself, or none for noise. */
export function termsOfWord(word: string): readonly string[] {
  const cached = termCache.get(word);
  if (cached !== undefined) return cached;
  let terms: string[] = [];
  const group = exact.get(word);
  if (group !== undefined) terms = [group];
  else if (word.length > 5) {
    const head = stems.find(([stem]) => word.startsWith(stem));
    const tail = stems.find(([stem]) => word.endsWith(stem));
    terms = [...new Set([head?.[1], tail?.[1]].filter((t): t is string => t !== undefined))];
  }
  if (terms.length === 0 && !(word.length < 3 || STOPWORDS.has(word) || /\d/.test(word))) terms = [word];
  if (termCache.size < 50_000) termCache.set(word, terms);
  return terms;
}

/** Splits text (field names too: `po_number`, `shipTo`) into folded words and maps them to terms. */
export function termsOf(text: string): string[] {
  const spaced = text.replace(/([a-z])([A-Z])/g, '$1 $2');
  const out: string[] = [];
  for (const word of fold(spaced).split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    out.push(...termsOfWord(word));
  }
  return out;
}

/** The groups that name a kind of document: a title printing one says what the document is. */
export const KIND_TERMS = new Set(['invoice', 'receipt', 'statement', 'order', 'delivery', 'quote', 'salary', 'contract', 'settlement']);

/** The groups that name a built-in document type, for telling a template's kind from its words. */
export const BUILT_IN_TYPE_TERMS: Record<string, string> = { invoice: 'invoice', receipt: 'receipt', statement: 'bank_statement' };
