import { type Label, LABELS } from './labels.js';
import { fold } from './text-fold.js';

/**
 * Labels for a field known only by its name and description ("po_number", "Contract reference"):
 * the name's words in order, each word also matched by its common abbreviations and translations,
 * so "vat_number" finds "VAT No.", "USt-IdNr" and "N° TVA".
 */
const SYNONYMS: Record<string, string> = {
  number: String.raw`(?:number|no\.?|nr\.?|n°|#|num(?:ber|ero|mer)?\.?|nummer)`,
  no: String.raw`(?:number|no\.?|nr\.?|n°|#|nummer)`,
  id: String.raw`(?:id|identifier|ident(?:ification)?|no\.?|nr\.?|number)`,
  date: String.raw`(?:date|datum|fecha|data|dated)`,
  amount: String.raw`(?:amount|amt|betrag|montant|importe|bedrag|importo|sum|total)`,
  total: String.raw`(?:total|gesamt|summe|totaal|totale|importe\s*total)`,
  vat: String.raw`(?:vat|tax|ust|mwst|tva|iva|btw|gst)`,
  tax: String.raw`(?:tax|vat|steuer|ust|mwst|tva|iva|btw|impuesto|imposta|gst)`,
  po: String.raw`(?:p\.?\s*o\.?|purchase\s*order|order|bestell(?:ung)?|commande|pedido|ordine)`,
  order: String.raw`(?:order|bestell(?:ung)?|auftrag|commande|pedido|bestelling|ordine)`,
  reference: String.raw`(?:reference|ref\.?|referenz|referencia|referentie|riferimento)`,
  ref: String.raw`(?:ref\.?|reference|referenz)`,
  customer: String.raw`(?:customer|client|kunde|kunden|cliente|klant)`,
  account: String.raw`(?:account|acct\.?|konto|compte|cuenta|rekening|conto)`,
  contract: String.raw`(?:contract|vertrag|contrat|contrato|contract|contratto)`,
  delivery: String.raw`(?:delivery|lieferung|liefer|livraison|entrega|levering|consegna)`,
  payment: String.raw`(?:payment|zahlung|paiement|pago|betaling|pagamento)`,
  due: String.raw`(?:due|fallig|echeance|vencimiento|verval|scadenza)`,
  phone: String.raw`(?:phone|tel\.?|telephone|telefon|telefono|tél)`,
  email: String.raw`(?:e-?mail|courriel|correo)`,
  name: String.raw`(?:name|nom|nombre|naam|nome)`,
  address: String.raw`(?:address|adresse|anschrift|direccion|adres|indirizzo)`,
  iban: 'iban',
  code: String.raw`(?:code|kode|codigo|codice)`,
};

const STOPWORDS = new Set(['the', 'of', 'a', 'an', 'value', 'field']);

function words(name: string): string[] {
  return fold(name.replace(/([a-z])([A-Z])/g, '$1 $2'))
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOPWORDS.has(w));
}

function phrase(ws: string[]): string {
  return ws.map((w) => SYNONYMS[w] ?? w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(String.raw`[\s._\-/]*`);
}

/** Labels from the field's name, and from a short description when it reads like a label. */
export function labelsFor(name: string, description: string): Label[] {
  const out: Label[] = [];
  const nameWords = words(name);
  if (nameWords.length) out.push({ re: new RegExp(`(?<![a-z])${phrase(nameWords)}(?![a-z])`, 'g'), weight: 0.9 });
  const descWords = words(description);
  if (descWords.length && descWords.length <= 4) out.push({ re: new RegExp(`(?<![a-z])${phrase(descWords)}(?![a-z])`, 'g'), weight: 0.8 });
  // A name that is a known built-in label set ("iban", "due_date") also gets those labels.
  const builtIn = LABELS[nameWords.join('_')];
  if (builtIn) out.push(...builtIn);
  return out;
}
