/**
 * What the rendered invoices (`rendered-invoices.ts`) print, per language: the wordings of
 * accounting software and word-processor templates (QuickBooks, Xero, Stripe, Zoho, DIN letters…),
 * on purpose many that the training generator's vocabulary (`synthetic-invoice-vocabulary.ts`) and
 * the label lexicon do not hold ("Amount before tax", "Taxable amount", "Warenwert netto", "Base HT",
 * "Suma neta", "Importo netto"), and tax labels that carry the rate ("Tax (8.25%)", "zzgl. 19 % USt.").
 * Senders, customers and items are other names than the training generator's: these invoices
 * stand in for senders docsift never saw.
 */
export type RenderLang = 'en' | 'de' | 'fr' | 'es' | 'nl' | 'it';

export interface RenderVocabulary {
  title: string[];
  number: string[];
  date: string[];
  due: string[];
  from: string[];
  billTo: string[];
  shipTo: string[];
  /** Item table header: description, quantity, unit price, line amount. */
  columns: [string[], string[], string[], string[]];
  subtotal: string[];
  /** A tax label; `{r}` is the rate as printed ("8.25%"), the ones without it print no rate. */
  tax: string[];
  total: string[];
  discount: string[];
  shipping: string[];
  paid: string[];
  balance: string[];
  terms: string[];
  thanks: string[];
  items: string[];
}

export const RENDER_VOCAB: Record<RenderLang, RenderVocabulary> = {
  en: {
    title: ['INVOICE', 'Invoice', 'TAX INVOICE', 'Bill'],
    number: ['Invoice #', 'Invoice number', 'INVOICE NO.', 'Invoice No', 'Reference'],
    date: ['Date', 'Invoice date', 'Date of issue', 'Issued', 'Issue date'],
    due: ['Due date', 'Due', 'Payment due', 'Date due', 'Due by'],
    from: ['FROM', 'From', 'Issued by', 'Sender'],
    billTo: ['BILL TO', 'Bill to', 'Billed to', 'Invoice to', 'Customer', 'To'],
    shipTo: ['SHIP TO', 'Ship to', 'Deliver to'],
    columns: [['Description', 'Item', 'Activity', 'Service'], ['Qty', 'Quantity', 'Hours'], ['Rate', 'Unit price', 'Price'], ['Amount', 'Total', 'Line total']],
    subtotal: ['Subtotal', 'Sub Total', 'Net', 'Amount before tax', 'Total excl. tax', 'Taxable amount', 'Net amount'],
    tax: ['Tax ({r})', 'VAT {r}', 'Sales tax', 'Sales Tax ({r})', 'GST', 'VAT @ {r}', 'Tax', 'Tax {r}'],
    total: ['Total', 'Invoice total', 'TOTAL', 'Grand total', 'Total due', 'Amount due', 'Balance due', 'Total amount'],
    discount: ['Discount', 'Less discount', 'Promotion'],
    shipping: ['Shipping', 'Delivery', 'Postage & packing', 'Freight'],
    paid: ['Payments', 'Amount paid', 'Less payment', 'Paid to date', 'Deposit received'],
    balance: ['Balance due', 'Amount due', 'Balance', 'Amount remaining'],
    terms: ['Terms: Net 30', 'Payment is due within 30 days.', 'Please pay by bank transfer.'],
    thanks: ['Thank you for your business.', 'We appreciate your prompt payment.'],
    items: ['Website redesign', 'Monthly retainer', 'Copywriting (per page)', 'Catering for 40 guests', 'Bookkeeping services', 'Cloud backup plan', 'Photography session', 'Freight handling'],
  },
  de: {
    title: ['RECHNUNG', 'Rechnung', 'Honorarrechnung'],
    number: ['Rechnungsnummer', 'Rechnungs-Nr.', 'Rechnung Nr.', 'Beleg-Nr.'],
    date: ['Rechnungsdatum', 'Datum', 'Ausgestellt am', 'Belegdatum'],
    due: ['Fällig am', 'Zahlbar bis', 'Fälligkeit', 'Zahlungsziel'],
    from: ['Absender', 'Von', 'Rechnungssteller'],
    billTo: ['Rechnungsempfänger', 'Rechnung an', 'Kunde', 'An'],
    shipTo: ['Lieferadresse', 'Lieferung an'],
    columns: [['Beschreibung', 'Leistung', 'Artikel'], ['Menge', 'Anzahl', 'Std.'], ['Einzelpreis', 'Preis', 'Satz'], ['Betrag', 'Gesamt', 'Summe']],
    subtotal: ['Zwischensumme', 'Nettobetrag', 'Summe netto', 'Netto', 'Gesamtsumme netto', 'Warenwert netto', 'Rechnungsbetrag netto'],
    tax: ['MwSt. {r}', 'zzgl. {r} USt.', 'Umsatzsteuer {r}', '{r} MwSt.', 'USt. ({r})', 'Mehrwertsteuer'],
    total: ['Gesamtbetrag', 'Rechnungsbetrag', 'Gesamt', 'Endsumme', 'Summe brutto', 'Zu zahlender Betrag', 'Gesamtsumme'],
    discount: ['Rabatt', 'abzgl. Nachlass', 'Skonto'],
    shipping: ['Versandkosten', 'Versand', 'Fracht und Verpackung'],
    paid: ['Anzahlung', 'bereits bezahlt', 'abzgl. Zahlungen'],
    balance: ['Offener Betrag', 'Restbetrag', 'Zahlbetrag', 'Noch zu zahlen'],
    terms: ['Zahlbar innerhalb von 14 Tagen ohne Abzug.', 'Bitte überweisen Sie den Betrag unter Angabe der Rechnungsnummer.'],
    thanks: ['Vielen Dank für Ihren Auftrag.', 'Mit freundlichen Grüßen'],
    items: ['Wartung Heizungsanlage', 'Montage vor Ort', 'Beratung (Stunden)', 'Druck Flyer A5', 'Hosting Paket Pro', 'Fahrtkosten pauschal', 'Fliesenarbeiten Bad'],
  },
  fr: {
    title: ['FACTURE', 'Facture', "Facture d'honoraires"],
    number: ['Facture n°', 'N° de facture', 'Numéro', 'Réf.'],
    date: ['Date', 'Date de facturation', "Date d'émission", 'Émise le'],
    due: ["Date d'échéance", 'Échéance', 'À régler avant le', 'Payable le'],
    from: ['Émetteur', 'De', 'Prestataire'],
    billTo: ['Facturé à', 'Client', 'Adressé à', 'Destinataire'],
    shipTo: ['Livré à', 'Adresse de livraison'],
    columns: [['Désignation', 'Description', 'Prestation'], ['Qté', 'Quantité'], ['Prix unitaire', 'P.U. HT', 'Tarif'], ['Montant', 'Total HT', 'Montant HT']],
    subtotal: ['Sous-total', 'Total HT', 'Montant HT', 'Total hors TVA', 'Base HT', 'Montant net HT'],
    tax: ['TVA {r}', 'TVA ({r})', 'Montant TVA {r}', 'TVA', 'Taxe {r}'],
    total: ['Total TTC', 'Montant TTC', 'Net à payer', 'Total à payer', 'Montant total', 'Total'],
    discount: ['Remise', 'Rabais'],
    shipping: ['Frais de port', 'Livraison', "Frais d'envoi"],
    paid: ['Acompte versé', 'Déjà réglé', 'Paiements reçus'],
    balance: ['Reste à payer', 'Solde dû', 'Montant restant dû'],
    terms: ['Paiement à 30 jours.', 'Règlement par virement bancaire.'],
    thanks: ['Merci pour votre confiance.', 'Cordialement'],
    items: ['Création de logo', 'Séance photo', 'Traiteur (40 couverts)', 'Maintenance informatique', 'Cours particuliers', 'Nettoyage des locaux'],
  },
  es: {
    title: ['FACTURA', 'Factura', 'Factura simplificada'],
    number: ['Factura nº', 'Número de factura', 'Nº', 'Referencia'],
    date: ['Fecha', 'Fecha de emisión', 'Fecha factura', 'Emitida el'],
    due: ['Vencimiento', 'Fecha de vencimiento', 'Pagar antes del', 'Fecha límite'],
    from: ['Emisor', 'De', 'Datos del proveedor'],
    billTo: ['Facturar a', 'Cliente', 'Datos del cliente', 'Para'],
    shipTo: ['Enviar a', 'Dirección de envío'],
    columns: [['Concepto', 'Descripción', 'Servicio'], ['Cant.', 'Cantidad', 'Uds.'], ['Precio', 'Precio unitario', 'Tarifa'], ['Importe', 'Total', 'Subtotal']],
    subtotal: ['Subtotal', 'Base imponible', 'Importe neto', 'Suma neta', 'Total sin impuestos', 'Base'],
    tax: ['IVA {r}', 'IVA ({r})', 'Cuota IVA {r}', 'IVA', 'Impuestos ({r})'],
    total: ['Total', 'Total factura', 'Importe total', 'Total a pagar', 'TOTAL', 'Total (IVA incl.)'],
    discount: ['Descuento', 'Dto. comercial'],
    shipping: ['Gastos de envío', 'Portes', 'Envío'],
    paid: ['Pagado', 'Anticipo recibido', 'Pagos a cuenta'],
    balance: ['Saldo pendiente', 'Importe pendiente', 'Pendiente de pago'],
    terms: ['Forma de pago: transferencia a 30 días.', 'Pago al contado.'],
    thanks: ['Gracias por su confianza.', 'Atentamente'],
    items: ['Diseño web', 'Reparación de fontanería', 'Clases de inglés', 'Alquiler de equipo', 'Asesoría fiscal', 'Mantenimiento mensual'],
  },
  nl: {
    title: ['FACTUUR', 'Factuur', 'Verkoopfactuur'],
    number: ['Factuurnummer', 'Factuurnr.', 'Nummer', 'Kenmerk'],
    date: ['Factuurdatum', 'Datum', 'Uitgegeven op'],
    due: ['Vervaldatum', 'Betalen voor', 'Uiterste betaaldatum', 'Te voldoen voor'],
    from: ['Van', 'Afzender', 'Leverancier'],
    billTo: ['Factuur aan', 'Klant', 'Aan', 'Gefactureerd aan'],
    shipTo: ['Afleveradres', 'Leveren aan'],
    columns: [['Omschrijving', 'Dienst', 'Product'], ['Aantal', 'Uren'], ['Prijs', 'Tarief', 'Stukprijs'], ['Bedrag', 'Totaal']],
    subtotal: ['Subtotaal', 'Totaal excl. btw', 'Netto', 'Bedrag excl. btw', 'Totaal exclusief BTW', 'Nettobedrag'],
    tax: ['BTW {r}', 'Btw {r}', '{r} btw', 'BTW ({r})', 'Btw-bedrag'],
    total: ['Totaal', 'Totaal incl. btw', 'Te betalen', 'Totaalbedrag', 'Eindtotaal', 'Factuurbedrag'],
    discount: ['Korting'],
    shipping: ['Verzendkosten', 'Bezorging'],
    paid: ['Reeds betaald', 'Aanbetaling', 'Ontvangen betalingen'],
    balance: ['Openstaand bedrag', 'Nog te betalen', 'Resterend'],
    terms: ['Gelieve binnen 14 dagen te betalen.', 'Betaling binnen 30 dagen na factuurdatum.'],
    thanks: ['Bedankt voor de opdracht.', 'Met vriendelijke groet'],
    items: ['Tuinonderhoud', 'Installatie zonnepanelen', 'Vertaalwerk', 'Advieswerkzaamheden', 'Schoonmaak kantoor', 'Licentie software'],
  },
  it: {
    title: ['FATTURA', 'Fattura', 'Fattura di vendita'],
    number: ['Fattura n.', 'Numero fattura', 'N. documento', 'Numero'],
    date: ['Data', 'Data fattura', 'Data emissione', 'Emessa il'],
    due: ['Scadenza', 'Data scadenza', 'Da pagare entro', 'Scadenza pagamento'],
    from: ['Mittente', 'Da', 'Cedente'],
    billTo: ['Intestata a', 'Cliente', 'Destinatario', 'Spett.le'],
    shipTo: ['Destinazione merce', 'Consegna a'],
    columns: [['Descrizione', 'Articolo', 'Servizio'], ['Q.tà', 'Quantità'], ['Prezzo', 'Prezzo unitario'], ['Importo', 'Totale']],
    subtotal: ['Imponibile', 'Subtotale', 'Totale imponibile', 'Totale netto', 'Importo netto', 'Totale merce'],
    tax: ['IVA {r}', 'IVA al {r}', 'Imposta {r}', 'IVA', 'IVA ({r})'],
    total: ['Totale', 'Totale fattura', 'Totale documento', 'Totale da pagare', 'Importo totale', 'TOTALE'],
    discount: ['Sconto', 'Abbuono'],
    shipping: ['Spese di spedizione', 'Trasporto', 'Spese di consegna'],
    paid: ['Acconto', 'Già pagato', 'Pagamenti ricevuti'],
    balance: ['Saldo da pagare', 'Residuo', 'Netto a pagare', 'Importo residuo'],
    terms: ['Pagamento: bonifico bancario a 30 giorni.', 'Pagamento alla consegna.'],
    thanks: ['Grazie per la preferenza.', 'Cordiali saluti'],
    items: ['Consulenza tecnica', 'Manutenzione impianto', 'Servizio fotografico', 'Traduzione documenti', 'Noleggio attrezzatura', 'Pulizia uffici'],
  },
};

/** Senders and customers none of the training generator's lists hold. */
export const RENDER_VENDORS = [
  'Pinecrest Web Services LLC', 'Bluebird Catering', 'Krüger Haustechnik GmbH', 'Ateliers Dubois', 'Soluciones Norte S.L.', 'Van Leeuwen Installatietechniek B.V.',
  'Studio Grafico Lanza', 'Meridian Freight Ltd', 'Oakhill Accounting', 'Sonnenschein Events GmbH', 'Boulangerie Lemaire', 'Copperleaf Media',
  'Tandem Robotics Inc.', 'Hausverwaltung Adler', 'Marlow & Finch LLP', 'Iberia Textil S.A.', 'Fratelli Conti S.n.c.', 'Nordlicht Medien UG', 'Pixel Harbor Studio', 'Groenveld Tuinen',
];
export const RENDER_CUSTOMERS = [
  'Acme Widgets Inc.', 'Bergmann Immobilien GmbH', 'Café des Arts', 'Hostal Miramar', 'Bakkerij Vermeer', 'Trattoria Il Portico', 'Silverline Dental Group', 'Greenfield School District',
  'Dr. Julia Neumann', 'Lefèvre & Associés', 'Construcciones Ortega', 'Stichting Het Anker', 'Ottica Ferri', 'Northstar Fitness', 'Mr. Daniel Brooks', 'Kanzlei Wagner',
];
export const RENDER_STREETS = ['1200 Pine Street, Suite 4', 'Lindenallee 23', '14 boulevard Voltaire', 'Avenida de la Constitución 55', 'Prinsengracht 310', 'Via Garibaldi 7', '88 Kingsway', 'Am Markt 2', '5 place Bellecour', 'Carrer de Balmes 120', 'Oudegracht 45', 'Piazza Duomo 3'];
export const RENDER_CITIES = ['Portland, OR 97205', '50667 Köln', '69002 Lyon', '41001 Sevilla', '3511 AB Utrecht', '10121 Torino', 'Manchester M1 4BT', '1010 Wien', '1201 Genève', '08008 Barcelona', '2000 Antwerpen', '37121 Verona'];
export const RENDER_PERSONS = ['Emily Carter', 'Lukas Hoffmann', 'Camille Bernard', 'Javier Romero', 'Sanne Visser', 'Giulia Esposito'];
