/**
 * Labels that announce a field, in English, German, French, Spanish, Dutch, Italian (and the
 * Malaysian English of receipts), written against folded text (lower case, no accents). Each
 * label carries a weight: an exact, specific label ("rechnungsnummer") is stronger evidence than
 * a generic one ("no.", "date").
 */
export interface Label {
  re: RegExp;
  weight: number;
}

const B = '(?<![a-z])';
const E = '(?![a-z])';
const NO = String.raw`(?:no\.?|nr\.?|n°|n[o°º]\.?|#|number|nummer|numero|num\.?|numéro|nro\.?)`;

/**
 * The source is grouped: a top-level `|` would otherwise keep the word guards on its first
 * alternative (before) and last (after) only, and let the others match inside a word ("du" in
 * "product", "ora" in "corporation").
 */
function label(source: string, weight: number): Label {
  return { re: new RegExp(`${B}(?:${source})${E}`, 'g'), weight };
}

export const LABELS: Record<string, Label[]> = {
  invoice_number: [
    label(String.raw`(?:invoice|inv|tax invoice|bill|receipt)\s*${NO}`, 1),
    label(String.raw`(?:rechnungs?|gutschrifts?)[\s-]*(?:nummer|nr\.?|no\.?)`, 1),
    label(String.raw`[a-z]*rechnung\s+(?:nr\.?|nummer)`, 1),
    label(String.raw`(?:n°|no|num[eé]ro)\s*(?:de\s+)?facture`, 1),
    label(String.raw`facture\s*${NO}`, 1),
    label(String.raw`(?:factura|fatura)\s*${NO}|${NO}\s*(?:de\s+)?factura`, 1),
    label(String.raw`factuur\s*(?:nummer|nr\.?|no\.?)|factuurnummer`, 1),
    label(String.raw`fattura\s*${NO}|numero\s+fattura`, 1),
    label(String.raw`document\s*${NO}|doc\.?\s*no\.?|bill\s*no\.?|receipt\s*#`, 0.6),
    label(String.raw`invoice\s*(?:id|ref\.?|reference)`, 0.9),
    label(String.raw`invoice|rechnung|facture|factura|factuur|fattura`, 0.45),
  ],
  invoice_date: [
    label(String.raw`(?:invoice|issue|billing|bill)\s*date|date\s*(?:of\s*)?(?:invoice|issue)`, 1),
    label(String.raw`rechnungsdatum|belegdatum|ausstellungsdatum`, 1),
    label(String.raw`date\s*(?:de\s*)?(?:la\s*)?facture(?!\s*(?:associee|precedente|d'origine|originale))|date\s*d'emission`, 1),
    label(String.raw`fecha\s*(?:de\s*)?(?:la\s*)?(?:factura|emision|expedicion)`, 1),
    label(String.raw`factuurdatum|datum\s*factuur`, 1),
    label(String.raw`data\s*(?:della\s*)?fattura|data\s*(?:di\s*)?emissione`, 1),
    label(String.raw`ausgestellt\s*am|emitida\s*el|uitgegeven\s*op|emessa\s*il`, 0.9),
    // A bare "date" is weak, and never a due, delivery or period date.
    label(String.raw`(?<!(?:due|delivery|order|ship(?:ping)?|service|payment|value|birth|start|end|expiry|liefer|leistungs|faelligkeits|zahlungs|de\s*livraison|de\s*debut|de\s*fin|d'echeance|de\s*facture\s*associee)[\s-]*)(?:date|datum|fecha|data|dated|tarikh)(?!\s*(?:de\s*(?:livraison|debut|fin|facture\s*associee)|d'echeance|due))`, 0.5),
    label(String.raw`vom|du|del|van`, 0.35),
    // A place and a date as letters are dated ("München, den 01.11.2024", "Paris, le 3 mars 2024").
    label(String.raw`(?<=,)\s*(?:den|le|el|il)`, 0.8),
    // A document title followed by a date ("Beitragsrechnung 24. Januar 2014", "Invoice … February 17, 2026").
    label(String.raw`[a-z]*rechnung|invoice|facture|factura|factuur|fattura`, 0.4),
  ],
  due_date: [
    label(String.raw`due\s*date|payment\s*due|date\s*due|pay(?:able)?\s*by|due\s*by|due\s*on`, 1),
    label(String.raw`f[aä]llig(?:keit(?:sdatum)?|\s*am|\s*bis)?|zahlbar\s*bis|zahlungsziel`, 1),
    label(String.raw`date\s*d'echeance|echeance|a\s*payer\s*avant\s*le|a\s*regler\s*avant\s*le|payable\s*le`, 1),
    label(String.raw`fecha\s*de\s*vencimiento|vencimiento|fecha\s*limite(?:\s*de\s*pago)?`, 1),
    label(String.raw`vervaldatum|uiterste\s*betaaldatum|te\s*voldoen\s*voor`, 1),
    label(String.raw`da\s*pagare\s*entro|pagamento\s*entro`, 1),
    label(String.raw`data\s*(?:di\s*)?scadenza|scadenza`, 1),
  ],
  total_amount: [
    label(String.raw`grand\s*total|total\s*amount|invoice\s*total|total\s*(?:incl\.?|including|inc\.?)\s*(?:gst|vat|tax)|total\s*\(incl\.?\s*gst\)|total\s*due|total\s*payable|amount\s*payable|total\s*sales`, 1),
    label(String.raw`(?:rounded|round(?:ed)?\s*d?)\s*total|total\s*rounded|nett?\s*total|total\s*nett?`, 0.95),
    // Till abbreviations: "TOT. AMT", "NET AMT" (the amount paid, not a net-of-tax figure).
    label(String.raw`tot\.?\s*amt|total\s*amt|nett?\s*amt`, 0.9),
    label(String.raw`gesamtbetrag(?!\s*der)|rechnungsbetrag|bruttobetrag|bruttosumme|gesamtsumme(?!\s*netto)|endbetrag|rechnungssumme(?!\s*(?:netto|ohne|exkl))(?:\s*brutto)?|summe\s*brutto|brutto\s*gesamt|gesamt\s*brutto|endsumme|betrag\s*brutto|rechnungsbeitrag|gesamt\s*(?:inkl|incl)\.?\s*(?:ust|mwst)`, 1),
    label(String.raw`total\s*(?:[€$£]|eur|usd|gbp)?\s*(?:incl\.?|including|inc\.?)\s*(?:of\s*)?(?:vat|tax|gst)`, 1),
    label(String.raw`total\s*ttc|montant\s*ttc|total\s*a\s*payer|montant\s*total`, 1),
    label(String.raw`importe\s*total|total\s*factura|total\s*a\s*pagar`, 1),
    label(String.raw`totaalbedrag|totaal\s*(?:incl\.?|inclusief)\s*btw|te\s*betalen|eindtotaal`, 1),
    // A total with its currency after it ("SUMME EUR", "TOTAL EUROS", "Totaal EUR", "TOTALE EURO", "TOTAL (SGD)"): what tills print for the sum paid.
    // Not Malaysia's "TOTAL (RM)": the receipt scorer was trained on SROIE with it at the bare total's weight,
    // and raising it there cost a validation total (BENCHMARKS.md, issue 14, rendered receipts).
    label(String.raw`(?<!sub[\s-]?)(?:total|totaal|totale|summe|gesamt)\s*\(?(?:eur(?:os?)?|usd|gbp|aud|cad|sgd|nzd|chf|jpy)\)?`, 1),
    label(String.raw`totale\s*(?:fattura|documento|complessivo)|importo\s*totale|totale\s*da\s*pagare`, 1),
    // A bare "total" is weak, and never "sub-total" or a total of quantities, discounts or tax.
    label(String.raw`(?<!sub[\s-]?)(?:total|totaal|totale|gesamt|summe)(?!\s*(?:qty|quantity|items?|pcs|discount|savings|tax|vat|gst|tva|excl|net|ht|points?|units?|weight|mwst|ust)${E})`, 0.6),
  ],
  subtotal: [
    label(String.raw`sub[\s-]*total|net\s*(?:amount|total)|total\s*(?:excl\.?|excluding|before)\s*(?:tax|vat|gst)|total\s*net|amount\s*before\s*tax`, 1),
    label(String.raw`(?:rechnungs)?summe\s*(?:ohne|exkl\.?|excl\.?)\s*(?:ust|mwst|steuer)|gesamtbeitrag|positionssumme|nettobetrag|(?:rechnungs)?summe\s*netto|netto\s*summe|gesamt\s*netto|netto\s*gesamt|zwischensumme|warenwert|summe\s*positionen|nettosumme|rechnungsbetrag\s*netto|gesamtsumme\s*netto|steuerbasis`, 1),
    label(String.raw`total\s*ht|montant\s*(?:net\s*)?ht|sous[\s-]*total|total\s*hors\s*(?:taxes?|tva)|base\s*ht`, 1),
    label(String.raw`base\s*imponible|subtotal|importe\s*neto|suma\s*neta|total\s*sin\s*impuestos`, 1),
    label(String.raw`subtotaal|totaal\s*excl\.?\s*btw|bedrag\s*(?:excl\.?|exclusief)\s*btw|netto\s*bedrag|nettobedrag`, 1),
    label(String.raw`imponibile|totale\s*imponibile|totale\s*netto|importo\s*netto|subtotale`, 1),
    label(String.raw`netto`, 0.5),
  ],
  tax_amount: [
    // Never "incl. VAT" / "excl. GST": those qualify a total, they do not announce the tax.
    label(String.raw`(?<!(?:incl|inc|including|excl|excluding|ex|before|after|plus|net|sales\s*incl)\.?\s{0,2}(?:of\s{1,2})?)(?:total\s*)?(?:vat|tax|gst|sst|sales\s*tax)\s*(?:amount|total)?(?!\s*(?:id|no|reg|number|summary|invoice|code)${E})`, 0.9),
    label(String.raw`total\s*(?:vat|tax|gst)`, 0.9),
    label(String.raw`(?:summe\s*)?(?:mwst|mehrwertsteuer|umsatzsteuer|ust)(?:\.|-?betrag)?|steuerbetrag|versicherungsteuer(?:-?betrag)?`, 0.9),
    label(String.raw`(?:total|montant)\s*(?:de\s*la\s*)?tva|(?<![a-z])(?<!(?:hors|sans|excl|incl)\.?\s{0,2})taxe|tva`, 0.9),
    label(String.raw`(?:total\s*)?iva|impuestos?|cuota\s*iva`, 0.9),
    label(String.raw`(?:totaal\s*)?btw(?:-bedrag)?`, 0.9),
    label(String.raw`(?:totale\s*)?iva|imposta`, 0.9),
  ],
  amount_due: [
    label(String.raw`amount\s*due|balance\s*due|total\s*due|amount\s*to\s*pay|please\s*pay`, 1),
    label(String.raw`zahlbetrag|zu\s*zahlen(?:der\s*betrag)?|offener\s*betrag|restbetrag|noch\s*zu\s*zahlen`, 1),
    label(String.raw`net\s*a\s*payer|reste\s*a\s*payer|montant\s*(?:restant\s*)?(?:du|a\s*payer)`, 1),
    label(String.raw`importe\s*(?:a\s*pagar|adeudado|pendiente)|saldo\s*pendiente`, 1),
    label(String.raw`te\s*betalen|openstaand\s*bedrag|resterend(?:\s*bedrag)?`, 1),
    label(String.raw`importo\s*(?:dovuto|residuo)|da\s*pagare|netto\s*a\s*pagare`, 1),
  ],
  purchase_order: [
    label(String.raw`(?:purchase\s*order|p\.?\s*o\.?|order)\s*${NO}?|your\s*order|customer\s*order`, 1),
    label(String.raw`bestell(?:ung|nummer|nr\.?)(?:\s*${NO})?|auftrags?(?:nummer|nr\.?)|ihre\s*bestellung`, 1),
    label(String.raw`(?:n°\s*)?bon\s*de\s*commande|commande\s*${NO}?`, 1),
    label(String.raw`(?:numero\s*de\s*)?pedido|orden\s*de\s*compra`, 1),
    label(String.raw`inkoopordernummer|bestelnummer|ordernummer`, 1),
    label(String.raw`ordine\s*(?:d'acquisto)?\s*${NO}?|numero\s*ordine`, 1),
  ],
  vendor_tax_id: [
    label(String.raw`vat\s*(?:reg(?:istration)?\.?\s*)?(?:no\.?|number|id(?:entifier)?)|tax\s*id|gst\s*(?:id|reg(?:istration)?)\.?\s*(?:no\.?)?|tin|ein|abn`, 1),
    label(String.raw`ust[\s.-]*id[\s.-]*(?:nr\.?)?|ust-?idnr\.?|steuer[\s-]*(?:nr\.?|nummer)|umsatzsteuer-?id(?:entifikationsnummer)?`, 1),
    label(String.raw`(?:n°\s*)?tva\s*(?:intra(?:communautaire)?)?|siret|siren`, 0.9),
    label(String.raw`nif|cif|nie`, 0.9),
    label(String.raw`btw[\s-]*(?:nummer|nr\.?|id)|kvk`, 0.9),
    label(String.raw`partita\s*iva|p\.?\s*iva|codice\s*fiscale`, 0.9),
  ],
  iban: [label(String.raw`iban|international\s*bank\s*account(?:\s*number)?`, 1)],
  currency: [label(String.raw`currency|wahrung|rechnungswahrung|devise|moneda|valuta|munt`, 1)],
  // Receipts.
  date: [label(String.raw`date|datum|fecha|data|tarikh|dated|trans(?:action)?\s*date`, 1)],
  time: [label(String.raw`time|zeit|heure|hora|tijd|ora|masa`, 1)],
  tip_amount: [label(String.raw`tip|gratuity|trinkgeld|pourboire|propina|fooi|mancia|service\s*charge`, 1)],
  payment_method: [label(String.raw`payment\s*(?:method|type|mode)|paid\s*by|zahlungsart|mode\s*de\s*paiement|forma\s*de\s*pago|betaalwijze|metodo\s*di\s*pagamento|tender`, 1)],
  merchant_phone: [label(String.raw`tel(?:ephone|f)?\.?|phone|ph\.?|telefon(?:nummer)?|telefoon|telefono|tél|fon|hp|mobile`, 1)],
  // What a till receipt says was handed over and given back: their difference is the total paid.
  cash_paid: [label(String.raw`cash(?:\s*(?:tendered|received|paid))?|tendered|amount\s*(?:tendered|paid)|paid|payment|tunai|bayaran|bar(?:geld)?|gegeben|especes|efectivo|entregado|contant|contanti|contante|visa|master(?:card)?|credit\s*card|debit\s*card|girocard|card`, 1)],
  // "Terug" (Dutch) and "zurück" (German) are what a till gives back, beside the handed-over amount.
  change_due: [label(String.raw`change(?:\s*due)?|baki|wechselgeld|ruckgeld|zuruck|rendu|monnaie|cambio|vuelto|wisselgeld|terug|resto`, 1)],
  rounding: [label(String.raw`round(?:ing)?(?:\s*adj(?:ustment)?\.?)?|rundung|arrondi|redondeo|afronding|arrotondamento`, 1)],
  // Bank statements.
  account_number: [label(String.raw`account\s*(?:no\.?|number|#)|acct\.?\s*(?:no\.?)?|kontonummer|konto(?:-?nr\.?)?|numero\s*de\s*compte|n°\s*de\s*compte|numero\s*de\s*cuenta|rekeningnummer|numero\s*(?:di\s*)?conto`, 1),
    // Cards: the masked card number stands for the account.
    label(String.raw`card\s*(?:no\.?|number|#|ending(?:\s*in)?)|kartennummer|karten-?nr\.?|numero\s*de\s*carte|n°\s*de\s*carte|numero\s*de\s*tarjeta|kaartnummer|numero\s*(?:della\s*)?carta`, 0.95),
  ],
  opening_balance: [label(String.raw`opening\s*balance|balance\s*(?:brought\s*)?forward|previous\s*balance|starting\s*balance|beginning\s*balance|anfangssaldo|alter\s*(?:konto)?stand|saldo\s*(?:alt|anterior|iniziale|inicial|vorher)|ancien\s*solde|solde\s*(?:precedent|initial|d'ouverture)|beginsaldo`, 1),
    label(String.raw`last\s*(?:month'?s?|statement'?s?)\s*balance|saldo\s*(?:vormonat|precedente)|alter\s*saldo|vorig\s*saldo|oud\s*saldo|solde\s*anterieur`, 1),
  ],
  closing_balance: [label(String.raw`closing\s*balance|ending\s*balance|new\s*balance|final\s*balance|balance\s*carried\s*forward|endsaldo|neuer\s*(?:konto)?stand|saldo\s*(?:neu|final|finale|actual)|nouveau\s*solde|solde\s*(?:final|de\s*cloture)|eindsaldo`, 1),
    label(String.raw`neuer\s*saldo|nieuw\s*saldo|saldo\s*(?:nuevo|attuale)`, 1),
  ],
  account_holder: [label(String.raw`account\s*(?:holder|name)|kontoinhaber|titulaire|titular|rekeninghouder|intestatario`, 1),
    label(String.raw`titulaire\s*du\s*compte|titular\s*de\s*la\s*cuenta|card\s*holder|cardholder|karteninhaber`, 1),
  ],
};

/**
 * English wordings that invoices print and that receipts print too in another sense ("ISSUED BY",
 * "CHANGE DUE", a GST summary's "TAXABLE AMOUNT"): read by the invoice scorers only
 * (`invoiceLabels`), so that the receipt scorers' features, trained on SROIE, stay as they are.
 */
export const INVOICE_ONLY_LABELS: Record<string, Label[]> = {
  // "Issued 3 May 2025", "Issued on".
  invoice_date: [label(String.raw`issued(?!\s*by)(?:\s*(?:on|date))?`, 0.9)],
  subtotal: [label(String.raw`amount\s*before\s*(?:vat|gst)|taxable\s*amount`, 1)],
  amount_due: [label(String.raw`amount\s*remaining|remaining\s*balance`, 1)],
};

/** A field's labels as the invoice scorers read them: the lexicon's and the invoice-only ones. */
export function invoiceLabels(field: string): Label[] {
  let labels = invoiceLabelLists.get(field);
  if (!labels) {
    labels = INVOICE_ONLY_LABELS[field] ? [...(LABELS[field] ?? []), ...INVOICE_ONLY_LABELS[field]] : (LABELS[field] ?? []);
    invoiceLabelLists.set(field, labels);
  }
  return labels;
}
/** One list per field, built once: matchLabels keeps each list's union expression by the list. */
const invoiceLabelLists = new Map<string, Label[]>();

/**
 * One regular expression per label list that matches where any of its labels does: most lines name
 * no label of a given field, and one test of the union tells so at once.
 */
const anyLabel = new WeakMap<Label[], RegExp>();

function anyLabelOf(labels: Label[]): RegExp {
  let re = anyLabel.get(labels);
  if (!re) {
    re = new RegExp(labels.map((l) => `(?:${l.re.source})`).join('|'));
    anyLabel.set(labels, re);
  }
  return re;
}

/**
 * One expression for several label lists, that matches where any label of any of them does: a text
 * it does not match names no label of any list (matchLabels finds nothing for each), so readers of
 * many fields test a line once, not once per field. Built once per set of lists, by the reader.
 */
export function labelUnion(lists: readonly Label[][]): RegExp {
  const parts = lists.filter((l) => l.length > 0).map((l) => `(?:${anyLabelOf(l).source})`);
  return parts.length ? new RegExp(parts.join('|')) : /(?!)/;
}

/**
 * Whether some label of `labels` matches `folded` over `length` characters or more: what
 * `matchLabels('', folded, labels).some(([s, e]) => e - s >= length)` says (the longest match is never
 * one matchLabels drops), without collecting, sorting and de-duplicating the matches. The same
 * matches are tried in the same order; each expression is left as matchLabels leaves it.
 */
export function hasLabelAtLeast(folded: string, labels: Label[], length: number): boolean {
  if (labels.length === 0 || !anyLabelOf(labels).test(folded)) return false;
  for (const l of labels) {
    const re = l.re;
    re.lastIndex = 0;
    for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
      if (m[0].length >= length) {
        re.lastIndex = 0;
        return true;
      }
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return false;
}

/** Finds every label of `field` in a folded line: [start, end, weight]. */
export function matchLabels(field: string, folded: string, labels = LABELS[field] ?? []): [number, number, number][] {
  if (labels.length === 0 || !anyLabelOf(labels).test(folded)) return [];
  const out: [number, number, number][] = [];
  // exec on the label's own expression, as matchAll does on a copy of it (a copy per label and line cost more than the matching).
  for (const l of labels) {
    const re = l.re;
    re.lastIndex = 0;
    for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
      out.push([m.index, m.index + m[0].length, l.weight]);
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  // Longest, then strongest, match first; drop matches inside a longer one ("total" in "grand total").
  out.sort((a, b) => b[1] - b[0] - (a[1] - a[0]) || b[2] - a[2]);
  return out.filter((m, i) => !out.slice(0, i).some((o) => o[0] <= m[0] && o[1] >= m[1]));
}
