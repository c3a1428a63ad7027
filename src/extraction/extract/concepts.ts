/**
 * The concepts business documents print, in English, German, French, Spanish, Dutch and Italian:
 * one lexicon read two ways. A custom field's name and description are matched against it to know
 * what the user asks for ("buyer_ref", "Leitweg-ID of the customer"), and the page's key-value
 * labels are matched against the same entries to know what a printed value is. Patterns are
 * regular-expression sources over folded text (lower case, accents stripped: text-fold.ts).
 */
export type Role = 'seller' | 'buyer' | 'other';

/** The shape of a concept's value: chooses the parser and how a value is cut from its line. */
export type ValueKind =
  | 'id' | 'tax_id' | 'date' | 'period' | 'text' | 'paragraph' | 'name' | 'amount' | 'rate' | 'count'
  | 'email' | 'phone' | 'url' | 'iban' | 'bic';

export interface Concept {
  id: string;
  kind: ValueKind;
  /** A party's own attribute (its VAT id, its phone): which party is asked for matters. */
  party?: boolean;
  /** The role the concept itself implies (a customer number is the buyer's). */
  role?: Role;
  /** Printed labels. */
  labels: string[];
  /** Labels that count only inside a party's section ("Nummer:" under "Käufer:" is a customer number). */
  sectionLabels?: { re: string; role: Role }[];
  /** Further words a field's name or description uses for the concept (never matched on the page). */
  asks?: string[];
  /** A person of the issuer serving the reader: "your contact" names the seller's contact, not the buyer's. */
  servesYou?: boolean;
  /** Built-in fields that carry this concept, per role or for any ('*'), first found wins. */
  builtIn?: Partial<Record<Role | '*', string[]>>;
}

const NO = String.raw`(?:no|nr|n\.?\s?[o°º]|n\.|#|number|nummer|numero|num|nro|id)\.?`;

export const CONCEPTS: Concept[] = [
  {
    id: 'vat_id', kind: 'tax_id', party: true,
    labels: [
      String.raw`vat\s*(?:reg(?:istration)?\.?\s*)?(?:${NO}|identifier|identification\s*number)`, String.raw`vat\s*reg(?:istration)?`,
      String.raw`(?:eu\s*)?tax\s*(?:registration\s*)?id`, String.raw`ust[\s.-]*id[\s.-]*(?:nr|nummer|no)?\.?`, String.raw`ust-?idnr\.?`,
      String.raw`umsatzsteuer[\s-]*(?:id(?:entifikations)?(?:nummer|nr)?)`, String.raw`n[°o]\.?\s*(?:de\s*)?tva(?:\s*intra(?:communautaire)?)?`,
      String.raw`tva\s*intra(?:communautaire|com\.?)?`, String.raw`cod(?:ice)?\.?\s*iva`, String.raw`(?:numero|identifiant)\s*(?:de\s*)?tva`, String.raw`n\.?i\.?f\.?|c\.?i\.?f\.?`,
      String.raw`(?:numero\s*de\s*)?iva\s*${NO}|numero\s*de\s*iva`, String.raw`btw[\s-]*(?:nummer|nr|no|id|identificatienummer)\.?`,
      String.raw`partita\s*iva|p\.?\s*iva`, String.raw`gst\s*(?:reg(?:istration)?\s*)?${NO}`,
      String.raw`uid[\s.-]*(?:nr|nummer)?\.?|mwst[\s.-]*nr\.?`,
    ],
    asks: [String.raw`vat|value\s*added\s*tax|ust|mwst|tva|iva|btw|intra(?:community|communautaire)`],
    builtIn: { seller: ['vendor_tax_id'] },
  },
  {
    id: 'tax_number', kind: 'id', party: true,
    labels: [
      String.raw`steuer[\s-]*(?:nr|nummer|no)\.?|st\.?[\s-]*nr\.?`, String.raw`tax\s*(?:${NO}|reference|ref)|tax\s*office\s*ref\w*`,
      String.raw`(?:numero|identifiant)\s*fiscal|n°\s*fiscal`, String.raw`codice\s*fiscale`, String.raw`fiscaal\s*nummer`,
    ],
    asks: [String.raw`tax\s*office|fiscal|steuernummer|tax\s*reference`],
  },
  {
    id: 'registration_id', kind: 'id', party: true,
    labels: [
      String.raw`hrb|hra|handelsregister\w*|registergericht|registernummer|amtsgericht|hr[\s.-]*(?:nr|nummer)\.?`, String.raw`siret|siren|rcs|siren\s*/\s*siret`,
      String.raw`company\s*(?:registration\s*)?(?:${NO}|reg\w*)|company\s*registration|(?:company\s*)?registration\s*${NO}|reg\.?\s*no\.?|crn`,
      String.raw`kvk(?:[\s-]*(?:nr|nummer))?|kamer\s*van\s*koophandel|chamber\s*of\s*commerce`, String.raw`(?:inscripcion\s*(?:en\s*el\s*)?)?reg(?:istro)?\.?\s*mercantil|registro\s*(?:delle\s*)?imprese|(?:n\.?\s*)?r\.?\s?e\.?\s?a\.?`,
    ],
    asks: [String.raw`register|registration|registry|legal\s*(?:registration|entity|id\w*)|company\s*id`],
  },
  {
    id: 'trading_name', kind: 'name', party: true,
    labels: [String.raw`trading\s*name|trade\s*name|nom\s*commercial|enseigne|handelsname|nombre\s*comercial|handelsnaam|denominazione\s*commerciale`],
    asks: [String.raw`brand(?:\s*name)?|doing\s*business\s*as|dba`],
  },
  {
    id: 'party_name', kind: 'name', party: true,
    labels: [],
    asks: [String.raw`(?:company\s*)?name|company|firm|firma|nom|raison\s*sociale|nombre|razon\s*social|naam|nome|ragione\s*sociale`],
    builtIn: { seller: ['vendor_name'], buyer: ['customer_name'] },
  },
  {
    id: 'customer_number', kind: 'id', role: 'buyer',
    labels: [
      String.raw`(?:customer|client|debtor|account)\s*${NO}|customer\s*account(?:\s*${NO})?|kunden[\s-]*(?:${NO})|kundennummer|kd\.?[\s-]*nr\.?|debitor(?:en)?[\s-]*(?:nr|nummer)\.?`,
      String.raw`(?:${NO}|numero|code|codigo|codice|cod\.?|identifiant|compte)\s*(?:de\s*|del\s*|du\s*)?(?:client[ea]?|klant|kunde)|client[ea]?\s*${NO}|klant(?:en)?[\s-]*(?:nummer|nr)\.?|debiteur(?:en)?[\s-]*(?:nummer|nr)\.?|debitor|debiteur`,
    ],
    sectionLabels: [{ re: String.raw`${NO}|nummer|number|kennung|identifier`, role: 'buyer' }],
    // Not the bare role words: "customer_vat" asks for the customer's VAT id, not a customer number.
    asks: [String.raw`(?:customer|client|kunden?|debtor|debitor|klant|cliente)[\s-]*(?:account|id|number|nummer|nr|no|code|numero|ref\w*)|debtor|debitor`],
  },
  {
    id: 'order_number', kind: 'id', role: 'buyer',
    labels: [
      String.raw`purchase\s*order(?:\s*${NO})?|p\.?\s*o\.?\s*${NO}|(?:your\s*)?order\s*(?:${NO}|ref\w*)|your\s*order|customer\s*order`,
      String.raw`bestell(?:ung|[\s-]*(?:nummer|nr))\.?|ihre\s*(?:bestellung|auftragsnummer)|auftragsnummer`, String.raw`(?:n°\s*)?bon\s*de\s*commande|(?:n°\s*(?:de\s*)?)?commande`,
      String.raw`(?:numero\s*de\s*)?pedido|orden\s*de\s*compra`, String.raw`inkoopordernummer|bestelnummer|ordernummer`, String.raw`(?:numero\s*)?ordine(?:\s*d'acquisto)?`,
    ],
    asks: [String.raw`purchase\s*order|p\.?o\.?|buyer'?s?\s*order|customer'?s?\s*order`],
    builtIn: { '*': ['purchase_order'] },
  },
  {
    id: 'sales_order', kind: 'id', role: 'seller',
    labels: [
      String.raw`sales\s*order(?:\s*${NO})?|order\s*confirmation(?:\s*${NO})?|our\s*order(?:\s*${NO})?`, String.raw`auftragsbestatigung|unser[e]?\s*auftrag\w*`,
      String.raw`(?:n°\s*)?bon\s*de\s*vente|confirmation\s*de\s*commande`, String.raw`pedido\s*de\s*venta|confirmacion\s*de\s*pedido`,
      String.raw`orderbevestiging|verkooporder`, String.raw`conferma\s*d'?ordine|ordine\s*di\s*vendita`,
    ],
    asks: [String.raw`(?:supplier|seller|vendor)'?s?\s*own\s*order|own\s*order|order[\s-]*confirmation`],
  },
  {
    id: 'contract', kind: 'id',
    labels: [String.raw`contract(?:\s*${NO})?|[a-z]*vertrag(?:s?[\s-]*${NO})?|(?:n°\s*)?contrat|contrato|contratto|agreement(?:\s*${NO})?`],
    asks: [String.raw`framework\s*agreement|rahmenvertrag|agreement`],
  },
  {
    id: 'delivery_note', kind: 'id',
    labels: [
      String.raw`(?:despatch|dispatch|shipping)\s*(?:advice|note|notice)(?:\s*${NO})?|delivery\s*(?:note|notice|slip)(?:\s*${NO})?|packing\s*slip|asn`,
      String.raw`lieferschein(?:[\s-]*${NO})?|lieferscheinnummer`, String.raw`(?:n°\s*)?bon\s*de\s*livraison|avis\s*d'expedition`,
      String.raw`albaran|nota\s*de\s*entrega`, String.raw`pakbon|afleverbon`, String.raw`documento\s*di\s*trasporto|d\.?d\.?t\.?|bolla(?:\s*di\s*consegna)?`,
    ],
  },
  {
    id: 'preceding_invoice', kind: 'id',
    labels: [
      String.raw`(?:preceding|previous|original|earlier|related|corrected|referenced|associated)\s*invoice(?:\s*${NO})?|refers\s*to\s*invoice|credit\s*for\s*invoice`,
      String.raw`(?:ursprungs|bezugs|vorherige|korrigierte|ursprungliche)\s*rechnung(?:\s*${NO})?`,
      String.raw`(?:n°\s*de\s*)?facture\s*(?:associee|d'origine|precedente|initiale|rectifiee)`, String.raw`factura\s*(?:original|rectificada|anterior)`,
      String.raw`oorspronkelijke\s*factuur|originele\s*factuur`, String.raw`fattura\s*(?:originale|precedente|di\s*riferimento)`,
    ],
    asks: [String.raw`earlier\s*invoice|invoice\s*being\s*(?:corrected|credited)|credited|corrected\s*invoice`],
  },
  {
    id: 'buyer_reference', kind: 'text', role: 'buyer',
    labels: [
      String.raw`buyer'?s?\s*ref(?:erence)?|your\s*ref(?:erence)?|leitweg[\s-]*id|referenz\s*des\s*kaufers|kauferreferenz|ihr(?:e)?\s*(?:zeichen|referenz)`,
      String.raw`reference\s*acheteur(?:\s*/\s*service\s*executant)?|votre\s*reference|reference\s*client|service\s*executant|code\s*service`,
      String.raw`kundenreferenz|customer\s*reference|referencia\s*(?:del\s*)?cliente|klantreferentie|riferimento\s*cliente`,
      String.raw`ref(?:erencia)?\.?\s*(?:del\s*)?comprador|su\s*referencia`, String.raw`uw\s*(?:referentie|kenmerk)|referentie\s*koper`, String.raw`vostro\s*riferimento|riferimento\s*(?:del\s*)?(?:committente|acquirente)`,
    ],
    asks: [String.raw`routing\s*id|buyer\s*ref\w*|customer\s*ref\w*`],
  },
  { id: 'invoice_number', kind: 'id', labels: [], asks: [String.raw`invoice\s*${NO}|rechnungsnummer|numero\s*de\s*facture|factuurnummer`], builtIn: { '*': ['invoice_number'] } },
  { id: 'invoice_date', kind: 'date', labels: [], asks: [String.raw`invoice\s*date|issue\s*date|date\s*of\s*issue|rechnungsdatum|date\s*de\s*facture|fecha\s*de\s*factura|factuurdatum`], builtIn: { '*': ['invoice_date'] } },
  { id: 'due_date', kind: 'date', labels: [], asks: [String.raw`due\s*date|payment\s*due|pay\s*by|falligkeit\w*|echeance|vencimiento|vervaldatum|scadenza`], builtIn: { '*': ['due_date'] } },
  {
    id: 'delivery_date', kind: 'date',
    labels: [
      String.raw`delivery\s*date|date\s*of\s*(?:delivery|supply)|delivered\s*on|ship(?:ment|ping)?\s*date|date\s*shipped|supply\s*date|tax\s*point(?:\s*date)?`,
      String.raw`liefer(?:ung)?s?[\s-]*(?:(?:und|/)\s*[a-z]*)?datum|leistungsdatum|liefertag|ausfuhrungsdatum|datum\s*der\s*(?:lieferung|leistung)`, String.raw`date\s*de\s*livraison|livre\s*le|livraison\s*le|date\s*d['’]\s*expedition|expedie\s*le|lieferung\s*(?:am|vom)|geliefert\s*am`,
      String.raw`fecha\s*(?:de\s*)?(?:entrega|envio|expedicion)|entregado\s*el|enviado\s*el`, String.raw`(?:af)?lever(?:ings)?datum|verzenddatum|geleverd\s*op`, String.raw`data\s*(?:di\s*)?(?:consegna|spedizione)|consegnat[oa]\s*il`,
    ],
    asks: [String.raw`deliver\w*|shipped|shipment|supplied|geliefert|lieferung|livraison|livre|entrega\w*|geleverd|levering|consegn\w*|work\s*was\s*done|performed`],
  },
  {
    id: 'service_period', kind: 'period',
    labels: [
      String.raw`(?:billing|service|invoice|invoicing|delivery|performance|accounting|settlement|rental|subscription)\s*period|period(?:\s*of\s*(?:service|supply))?`,
      String.raw`[a-z]*zeitraum|abrechnungsperiode|leistungsperiode`, String.raw`periode(?:\s*de\s*(?:facturation|prestation))?|date\s*de\s*(?:debut|fin)\s*de\s*(?:la\s*)?(?:prestation|periode|service)`,
      String.raw`periodo(?:\s*de\s*facturacion|\s*di\s*fatturazione)?`, String.raw`factuurperiode|looptijd|begindatum|einddatum`,
      String.raw`service\s*(?:start|end|from|to|until)|leistung\s*(?:vom|von|bis|ab)`,
    ],
    asks: [String.raw`billed|billing|charges?\s*for|prestation|service\s*dates?`],
  },
  {
    id: 'payment_terms', kind: 'paragraph',
    labels: [
      String.raw`payment\s*(?:terms|conditions)|terms\s*of\s*payment|terms`, String.raw`zahlungs(?:bedingungen|konditionen|ziel)`,
      String.raw`conditions\s*de\s*(?:paiement|reglement)|modalites\s*de\s*paiement`, String.raw`condiciones\s*de\s*pago|forma\s*de\s*pago|plazo\s*de\s*pago`,
      String.raw`betalingsvoorwaarden|betalingscondities`, String.raw`(?:condizioni|termini|modalita)\s*di\s*pagamento|pagamento`,
    ],
    asks: [String.raw`payment\s*condition\w*|early[\s-]*payment|deadline|skonto|paiement|zahlungsbedingung\w*`],
  },
  {
    id: 'remittance', kind: 'text',
    labels: [
      String.raw`remittance(?:\s*(?:info\w*|ref\w*|advice))?|payment\s*ref(?:erence)?|reference\s*for\s*payment`, String.raw`verwendungszweck|zahlungs(?:referenz|grund|hinweis)`,
      String.raw`reference\s*(?:avis\s*de\s*)?paiement|reference\s*(?:de\s*)?(?:paiement|virement)`, String.raw`referencia\s*(?:de\s*)?pago|concepto(?:\s*de\s*pago)?`,
      String.raw`betalingskenmerk|betalingsreferentie`, String.raw`causale(?:\s*(?:di\s*)?(?:pagamento|versamento))?|riferimento\s*(?:di\s*)?pagamento`,
    ],
    asks: [String.raw`(?:bank|wire)\s*transfer|on\s*the\s*transfer|payment\s*(?:can\s*be\s*)?matched|purpose\s*of\s*payment|payment\s*purpose|memo`],
  },
  { id: 'iban', kind: 'iban', party: true, labels: [String.raw`iban`], builtIn: { seller: ['iban'] } },
  {
    id: 'bic', kind: 'bic', party: true,
    labels: [String.raw`bic(?:\s*/\s*swift)?|swift(?:\s*/\s*bic|[\s-]*code)?|bank\s*identifier\s*code`],
  },
  {
    id: 'bank_name', kind: 'name', party: true,
    labels: [String.raw`bank(?:\s*name)?|kreditinstitut|(?:nom\s*de\s*la\s*)?banque|banco|entidad\s*bancaria|banca|istituto\s*bancario`],
    asks: [String.raw`bank`],
  },
  {
    id: 'account_holder', kind: 'name', party: true,
    labels: [String.raw`account\s*(?:holder|name|owner)|beneficiary|beneficiaire|begunstigde|beneficiario|kontoinhaber(?:in)?|titulaire(?:\s*du\s*compte)?|titular(?:\s*de\s*la\s*cuenta)?|rekeninghouder|ten\s*name\s*van|intestatario`],
    asks: [String.raw`holder|owner\s*of\s*the\s*(?:bank\s*)?account`],
  },
  {
    id: 'contact', kind: 'name', party: true, servesYou: true,
    labels: [
      String.raw`contact(?:\s*(?:person|name))?|your\s*contact|attn|attention`, String.raw`(?:ihr(?:e)?\s*)?ansprechpartner(?:in)?|kontakt(?:person)?|(?:sach)?bearbeiter(?:in)?`,
      String.raw`interlocuteur|personne\s*(?:a\s*)?contact(?:er)?|contacto|persona\s*de\s*contacto`, String.raw`contactpersoon|behandeld\s*door`, String.raw`referente|persona\s*di\s*riferimento|contatto`, String.raw`atendido\s*por|handled\s*by|bearbeitet\s*von|(?:dossier\s*)?suivi\s*par`,
      String.raw`sales\s*(?:person|rep(?:resentative)?)|salesperson`,
    ],
    asks: [String.raw`person\s*to\s*contact|questions?\s*about`],
  },
  {
    id: 'email', kind: 'email', party: true,
    labels: [String.raw`e-?mail(?:\s*address)?|courriel|@?(?:a|@)dresse\s*(?:electronique|e-?mail)|correo(?:\s*electronico)?|e-?mailadres|posta\s*elettronica|pec`],
  },
  {
    id: 'phone', kind: 'phone', party: true,
    labels: [String.raw`tel(?:ephone|efon|efono|\.)?(?:\s*${NO})?|phone(?:\s*${NO})?|fon|mobile?|handy|cell|tlf|telf|movil|telefoon`],
  },
  { id: 'fax', kind: 'phone', party: true, labels: [String.raw`(?:tele)?fax(?:\s*${NO})?|telecopie`] },
  { id: 'website', kind: 'url', party: true, labels: [String.raw`web(?:site)?|home\s*page|homepage|internet|url|site\s*(?:web|internet)|sitio\s*web|pagina\s*web`] },
  {
    id: 'vat_rate', kind: 'rate',
    labels: [
      String.raw`(?:vat|tax|ust|mwst|tva|iva|btw|gst)\.?\s*(?:rate|%|satz|percentage|percent)|(?:steuer|mwst|ust)[\s-]*satz|taux(?:\s*(?:de\s*)?tva)?`,
      String.raw`tasa|tipo\s*(?:de\s*)?iva|btw[\s-]*tarief|aliquota(?:\s*iva)?`,
    ],
    asks: [String.raw`percentage|percent|rate|satz|prozentsatz|taux|tasa|porcentaje|tarief|aliquota`],
  },
  {
    id: 'discount_total', kind: 'amount',
    labels: [String.raw`(?:total\s*|sum\s*of\s*)?(?:discount|allowance|rebate)s?(?:\s*total)?|(?:gesamtbetrag\s*der\s*)?abschlage|abschlag|rabatt|nachlass|remise|rabais|descuento|bonificacion|korting|sconto|abbuono`],
  },
  {
    id: 'amount_due', kind: 'amount',
    labels: [],
    asks: [String.raw`amount\s*(?:due|to\s*pay|payable|owed|outstanding)|(?:still\s*)?ha(?:s|ve)\s*to\s*pay|balance|zahlbetrag|zu\s*zahlen|restbetrag|net\s*a\s*payer|montant\s*du|reste\s*a\s*payer|importe\s*a\s*pagar|te\s*betalen|da\s*pagare|prepayments?`],
    builtIn: { '*': ['amount_due', 'total_amount'] },
  },
  { id: 'total', kind: 'amount', labels: [], asks: [String.raw`total|grand\s*total|gross|brutto|gesamtbetrag|ttc|importe\s*total|totaal|totale`], builtIn: { '*': ['total_amount'] } },
  { id: 'subtotal', kind: 'amount', labels: [], asks: [String.raw`sub[\s-]*total|net\s*(?:amount|total)|netto|total\s*ht|base\s*imponible|imponibile`], builtIn: { '*': ['subtotal'] } },
  { id: 'tax_amount', kind: 'amount', labels: [], asks: [String.raw`(?:vat|tax|ust|mwst|tva|iva|btw)\s*(?:amount|total|sum)|steuerbetrag|montant\s*(?:de\s*)?tva|cuota`], builtIn: { '*': ['tax_amount'] } },
  { id: 'currency', kind: 'text', labels: [], asks: [String.raw`currency|wahrung|devise|moneda|valuta`], builtIn: { '*': ['currency'] } },
  {
    id: 'line_count', kind: 'count',
    labels: [],
    asks: [
      String.raw`(?:number|count|amount|how\s*many)\s*(?:of\s*)?(?:billed\s*)?(?:line\s*items?|lines|positions|items|articles|products|entries)|(?:line|item|position)s?\s*count|positions?|line\s*items?`,
      String.raw`anzahl\s*(?:der\s*)?(?:positionen|artikel|zeilen)|nombre\s*(?:de\s*)?(?:lignes|articles)|numero\s*de\s*(?:lineas|partidas|articulos)|aantal\s*(?:regels|artikelen|posten)|numero\s*(?:di\s*)?(?:righe|articoli)`,
    ],
  },
  {
    id: 'vat_exemption', kind: 'paragraph',
    labels: [String.raw`(?:vat\s*)?exemption\s*(?:reason|note|text)?|befreiungsgrund|motif\s*d'exoneration|motivo\s*de\s*(?:la\s*)?exencion|vrijstellingsgrond|motivo\s*(?:di\s*)?esenzione`],
    asks: [String.raw`exempt\w*|reverse\s*charge|no\s*vat|steuerbefrei\w*|kleinunternehmer|exoner\w*|autoliquidation|exento|exencion|vrijgesteld|verlegd|esente|esenzione`],
  },
];

export const CONCEPT_BY_ID = new Map(CONCEPTS.map((c) => [c.id, c]));

/** Words that name a party role in a field's name or description, or in a printed label. */
export const ROLE_WORDS: Record<Role, string> = {
  seller: String.raw`seller'?s?|vendor'?s?|supplier'?s?|issuer'?s?|biller|merchant|our|verkaufer[s]?|lieferant(?:en)?|rechnungssteller[s]?|leistungserbringer[s]?|auftragnehmer[s]?|unser[e]?|fournisseur|vendeur|emetteur|nos|notre|proveedor|vendedor|emisor|nuestro|leverancier|verkoper|onze|fornitore|venditore|cedente|nostro`,
  buyer: String.raw`buyer'?s?|customer'?s?|client'?s?|purchaser|recipient|your|kunde[n]?|kaufer[s]?|rechnungsempfanger[s]?|leistungsempfanger[s]?|empfanger[s]?|auftraggeber[s]?|ihr[e]?|acheteur|destinataire|vos|votre|cliente|comprador|destinatario|klant|afnemer|koper|uw|committente|cessionario|vostro|invoiced`,
  other: String.raw`ship(?:ping)?\s*to|deliver(?:y)?\s*(?:to|address)|tax\s*representative|fiscal\s*representative|representant\s*fiscal|steuervertreter`,
};

/** What may stand around a role word in a heading: "Angaben zum Verkäufer", "Seller details", "Datos del cliente". */
const HEADING_PREFIX = String.raw`(?:(?:angaben|informationen|kontakt(?:daten)?|anschrift|adresse|details|information|contact|address|datos|direccion|informations|coordonnees|gegevens|adres|dati|indirizzo)\s*(?:zum|zur|des|der|of\s*the|about\s*the|del|de\s*la|de\s*l'|du|van\s*de|dell[a']?)?\s*)?`;
const HEADING_SUFFIX = String.raw`(?:e?s|e?n)?(?:\s*(?:details|information|data|angaben|daten|informationen|datos|donnees|gegevens|dati))?\s*:?$`;

function heading(words: string): RegExp {
  return new RegExp(`^${HEADING_PREFIX}(?:${words})${HEADING_SUFFIX}`);
}

/**
 * Whole-line headings that open a party's section ("Verkäufer:", "Vos identifiants", "Bill to",
 * "Angaben zum Käufer"): what is printed under one belongs to that party.
 */
export const ROLE_HEADINGS: Record<Role, RegExp> = {
  seller: heading(String.raw`seller|vendor|supplier|from|issued\s*by|verkaufer|lieferant|rechnungssteller|leistungserbringer|fournisseur|vendeur|emetteur|proveedor|emisor|vendedor|leverancier|verkoper|fornitore|cedente(?:\s*prestatore)?|venditore|nos\s*references|our\s*(?:details|references)|unsere\s*angaben`),
  buyer: heading(String.raw`bill(?:ed)?\s*to|sold\s*to|invoice(?:d)?\s*to|facturer?\s*a|facturar\s*a|fatturare\s*a|fatturato\s*a|gefactureerd\s*aan|rechnung\s*an|customer|client|buyer|kaufer(?:\s*\/\s*leistungsempfanger)?|kunde|rechnungsempfanger|leistungsempfanger|empfanger|rechnungsadresse|destinataire|facture\s*a|acheteur|cliente|facturar\s*a|comprador|klant|afnemer|koper|destinatario|cessionario(?:\s*committente)?|committente|(?:customer|client|billing|invoice)\s*address|adresse\s*(?:du\s*client|de\s*facturation)|kundenadresse|direccion\s*(?:del\s*cliente|de\s*facturacion)|indirizzo\s*(?:del\s*)?cliente|factuuradres|vos\s*(?:identifiants|references)|your\s*(?:details|references)|ihre\s*angaben`),
  other: heading(String.raw`ship\s*to|deliver(?:y)?\s*(?:to|address)|lieferadresse|lieferanschrift|(?:abweichender\s*)?warenempfanger|livraison\b.*|adresse\s*de\s*livraison|representant\s*fiscal|(?:tax|fiscal)\s*representative|steuervertreter|direccion\s*de\s*entrega|afleveradres|indirizzo\s*di\s*(?:consegna|spedizione)`),
};
