/**
 * What invoices print, per language, for the training generator (`synthetic-invoice-layouts.ts`):
 * several wordings of each label (the label lexicon's and others it does not know, so that a scorer
 * trained on them also learns from position and arithmetic), names, streets and months.
 */
export type TrainLang = 'en' | 'de' | 'fr' | 'es' | 'nl' | 'it';

export interface TrainVocabulary {
  title: string[];
  number: string[];
  date: string[];
  due: string[];
  /** Other dates an invoice prints: delivery, order, service period start. */
  otherDate: string[];
  customerNo: string[];
  orderNo: string[];
  billTo: string[];
  shipTo: string[];
  desc: string[];
  qty: string[];
  unitPrice: string[];
  /** Header of the line amount column: "Total" here is a distractor for the document total. */
  lineAmount: string[];
  vatCol: string[];
  itemsTotal: string[];
  subtotal: string[];
  tax: string[];
  totalTax: string[];
  total: string[];
  discount: string[];
  shipping: string[];
  paid: string[];
  balanceDue: string[];
  previousBalance: string[];
  carried: string[];
  page: string;
  terms: string[];
  thanks: string[];
  months: string[];
}

const MONTHS = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  it: ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
};

export const TRAIN_VOCAB: Record<TrainLang, TrainVocabulary> = {
  en: {
    title: ['INVOICE', 'Invoice', 'TAX INVOICE', 'Sales Invoice', 'Commercial Invoice'],
    number: ['Invoice No.', 'Invoice #', 'Invoice Number', 'Number', 'Inv. No.', 'Document No.'],
    date: ['Invoice Date', 'Date', 'Date of issue', 'Issue date', 'Invoice date', 'Dated'],
    due: ['Due Date', 'Payment due', 'Due', 'Pay by', 'Due date'],
    otherDate: ['Delivery date', 'Order date', 'Ship date', 'Service date', 'Date of supply'],
    customerNo: ['Customer No.', 'Account', 'Customer ID', 'Client ref.'],
    orderNo: ['PO Number', 'Your order', 'Order No.', 'Reference'],
    billTo: ['Bill To:', 'Billed to', 'Invoice to:', 'Customer', 'Sold to:'],
    shipTo: ['Ship To:', 'Deliver to:', 'Delivery address'],
    desc: ['Description', 'Item', 'Product / Service', 'Details'],
    qty: ['Qty', 'Quantity', 'Hours', 'Units'],
    unitPrice: ['Unit Price', 'Rate', 'Price', 'Unit cost'],
    lineAmount: ['Amount', 'Total', 'Line Total', 'Net'],
    vatCol: ['VAT', 'Tax', 'VAT %'],
    itemsTotal: ['Total items', 'Gross amount', 'Items'],
    subtotal: ['Subtotal', 'Sub-total', 'Net amount', 'Total excl. VAT', 'Net total', 'Total before tax'],
    tax: ['VAT', 'Tax', 'Sales Tax', 'GST', 'VAT amount'],
    totalTax: ['Total VAT', 'Total tax', 'Tax total'],
    total: ['Total', 'TOTAL', 'Grand Total', 'Invoice Total', 'Total incl. VAT', 'Total amount', 'Amount'],
    discount: ['Discount', 'Less discount', 'Rebate'],
    shipping: ['Shipping', 'Delivery', 'Freight', 'Shipping & handling'],
    paid: ['Amount paid', 'Paid', 'Payment received', 'Deposit', 'Less payments'],
    balanceDue: ['Balance due', 'Amount due', 'Balance', 'Please pay'],
    previousBalance: ['Previous balance', 'Balance brought forward', 'Outstanding from last invoice'],
    carried: ['Carried forward', 'Page total', 'Subtotal this page'],
    page: 'Page',
    terms: ['Payment terms: 30 days net', 'Terms: due on receipt', 'Please pay within 14 days', 'Payment by bank transfer'],
    thanks: ['Thank you for your business!', 'Thank you for your order.', 'Questions? Contact accounts@example.com'],
    months: MONTHS.en,
  },
  de: {
    title: ['RECHNUNG', 'Rechnung', 'Beitragsrechnung', 'Rechnung Nr.'],
    number: ['Rechnungsnummer', 'Rechnungs-Nr.', 'Rechnung Nr.', 'Beleg-Nr.', 'Nummer'],
    date: ['Rechnungsdatum', 'Datum', 'Belegdatum', 'Ausstellungsdatum'],
    due: ['Fällig am', 'Zahlbar bis', 'Fälligkeitsdatum', 'Zahlungsziel'],
    otherDate: ['Lieferdatum', 'Leistungsdatum', 'Bestelldatum', 'Auftragsdatum'],
    customerNo: ['Kundennummer', 'Kunden-Nr.', 'Ihre Kundennummer'],
    orderNo: ['Bestellnummer', 'Ihre Bestellung', 'Auftrag'],
    billTo: ['Rechnungsempfänger:', 'Rechnungsadresse', 'Kunde:', 'An:'],
    shipTo: ['Lieferadresse:', 'Lieferanschrift'],
    desc: ['Bezeichnung', 'Beschreibung', 'Artikel', 'Leistung'],
    qty: ['Menge', 'Anzahl', 'Stk.'],
    unitPrice: ['Einzelpreis', 'E-Preis', 'Preis'],
    lineAmount: ['Betrag', 'Gesamt', 'Gesamtpreis', 'Summe'],
    vatCol: ['MwSt.', 'USt.', 'MwSt. %'],
    itemsTotal: ['Warenwert', 'Summe Positionen'],
    subtotal: ['Nettobetrag', 'Zwischensumme', 'Summe netto', 'Gesamt netto', 'Netto'],
    tax: ['MwSt.', 'Umsatzsteuer', 'USt.', 'zzgl. MwSt.', 'Mehrwertsteuer'],
    totalTax: ['Summe MwSt.', 'Umsatzsteuer gesamt'],
    total: ['Gesamtbetrag', 'Rechnungsbetrag', 'Summe brutto', 'Endbetrag', 'Gesamt', 'Bruttobetrag'],
    discount: ['Rabatt', 'Nachlass', 'abzgl. Rabatt'],
    shipping: ['Versandkosten', 'Fracht', 'Porto und Verpackung'],
    paid: ['Anzahlung', 'bereits bezahlt', 'Zahlung erhalten', 'abzgl. Anzahlung'],
    balanceDue: ['Zahlbetrag', 'Offener Betrag', 'Restbetrag', 'Zu zahlen'],
    previousBalance: ['Alter Saldo', 'Offener Saldo Vormonat'],
    carried: ['Übertrag', 'Zwischensumme Seite'],
    page: 'Seite',
    terms: ['Zahlbar innerhalb von 14 Tagen ohne Abzug.', 'Zahlungsbedingungen: 30 Tage netto', 'Bitte überweisen Sie den Betrag auf unser Konto.'],
    thanks: ['Vielen Dank für Ihren Auftrag!', 'Wir danken für Ihr Vertrauen.'],
    months: MONTHS.de,
  },
  fr: {
    title: ['FACTURE', 'Facture', 'Facture N°'],
    number: ['Facture N°', 'N° de facture', 'Numéro', 'Référence'],
    date: ['Date de facture', 'Date', "Date d'émission", 'Émise le'],
    due: ["Date d'échéance", 'Échéance', 'À payer avant le', 'Date limite de paiement'],
    otherDate: ['Date de livraison', 'Date de commande', 'Date de prestation'],
    customerNo: ['N° client', 'Code client', 'Réf. client'],
    orderNo: ['Bon de commande', 'Votre commande', 'N° commande'],
    billTo: ['Client :', 'Facturer à :', 'Adresse de facturation', 'Destinataire'],
    shipTo: ['Livrer à :', 'Adresse de livraison'],
    desc: ['Désignation', 'Description', 'Libellé'],
    qty: ['Qté', 'Quantité'],
    unitPrice: ['Prix unitaire', 'P.U. HT', 'Prix'],
    lineAmount: ['Montant', 'Total HT', 'Montant HT', 'Total'],
    vatCol: ['TVA', 'TVA %'],
    itemsTotal: ['Total brut', 'Total articles'],
    subtotal: ['Total HT', 'Montant HT', 'Sous-total', 'Total hors taxes', 'Net HT'],
    tax: ['TVA', 'Montant TVA', 'Total TVA'],
    totalTax: ['Total TVA', 'Montant total TVA'],
    total: ['Total TTC', 'Montant TTC', 'Net à payer', 'Montant total', 'Total'],
    discount: ['Remise', 'Escompte'],
    shipping: ['Frais de port', 'Livraison', 'Frais d’expédition'],
    paid: ['Acompte versé', 'Déjà payé', 'Acompte'],
    balanceDue: ['Reste à payer', 'Solde dû', 'Montant dû'],
    previousBalance: ['Solde antérieur', 'Report solde précédent'],
    carried: ['À reporter', 'Report', 'Total page'],
    page: 'Page',
    terms: ['Paiement à 30 jours fin de mois.', 'Conditions de paiement : à réception', 'Pas d’escompte pour paiement anticipé.'],
    thanks: ['Merci de votre confiance.', 'Merci pour votre commande.'],
    months: MONTHS.fr,
  },
  es: {
    title: ['FACTURA', 'Factura', 'Factura N°'],
    number: ['Factura N°', 'Número de factura', 'Nº factura', 'Número'],
    date: ['Fecha de factura', 'Fecha', 'Fecha de emisión', 'Fecha expedición'],
    due: ['Fecha de vencimiento', 'Vencimiento', 'Pagar antes de'],
    otherDate: ['Fecha de entrega', 'Fecha de pedido', 'Fecha de servicio'],
    customerNo: ['Nº cliente', 'Código cliente'],
    orderNo: ['Nº pedido', 'Su pedido', 'Orden de compra'],
    billTo: ['Facturar a:', 'Cliente:', 'Datos del cliente'],
    shipTo: ['Enviar a:', 'Dirección de entrega'],
    desc: ['Descripción', 'Concepto', 'Artículo'],
    qty: ['Cantidad', 'Cant.', 'Uds.'],
    unitPrice: ['Precio unitario', 'Precio', 'P. unit.'],
    lineAmount: ['Importe', 'Total', 'Subtotal'],
    vatCol: ['IVA', 'IVA %'],
    itemsTotal: ['Suma', 'Total bruto'],
    subtotal: ['Base imponible', 'Subtotal', 'Importe neto', 'Total sin IVA'],
    tax: ['IVA', 'Cuota IVA', 'Impuestos'],
    totalTax: ['Total IVA', 'Total impuestos'],
    total: ['Importe total', 'Total factura', 'Total a pagar', 'TOTAL', 'Total'],
    discount: ['Descuento', 'Dto.'],
    shipping: ['Gastos de envío', 'Transporte', 'Portes'],
    paid: ['Pagado', 'Anticipo', 'A cuenta'],
    balanceDue: ['Saldo pendiente', 'Importe adeudado', 'Pendiente de pago'],
    previousBalance: ['Saldo anterior'],
    carried: ['Suma y sigue', 'Total página'],
    page: 'Página',
    terms: ['Forma de pago: transferencia bancaria', 'Pago a 30 días', 'Condiciones: contado'],
    thanks: ['Gracias por su confianza.', 'Gracias por su compra.'],
    months: MONTHS.es,
  },
  nl: {
    title: ['FACTUUR', 'Factuur', 'Verkoopfactuur'],
    number: ['Factuurnummer', 'Factuur nr.', 'Nummer', 'Factuur'],
    date: ['Factuurdatum', 'Datum', 'Datum factuur'],
    due: ['Vervaldatum', 'Uiterste betaaldatum', 'Te betalen voor'],
    otherDate: ['Leverdatum', 'Orderdatum', 'Afleverdatum'],
    customerNo: ['Klantnummer', 'Debiteurnummer'],
    orderNo: ['Ordernummer', 'Uw referentie', 'Bestelnummer'],
    billTo: ['Klant:', 'Factuuradres', 'Aan:'],
    shipTo: ['Afleveradres:', 'Leveradres'],
    desc: ['Omschrijving', 'Artikel', 'Product'],
    qty: ['Aantal', 'Stuks'],
    unitPrice: ['Prijs', 'Stukprijs', 'Eenheidsprijs'],
    lineAmount: ['Bedrag', 'Totaal', 'Regeltotaal'],
    vatCol: ['BTW', 'BTW %'],
    itemsTotal: ['Totaal artikelen', 'Bruto'],
    subtotal: ['Subtotaal', 'Totaal excl. BTW', 'Netto bedrag', 'Totaal exclusief btw'],
    tax: ['BTW', 'BTW-bedrag', 'Btw'],
    totalTax: ['Totaal BTW', 'Totaal btw'],
    total: ['Totaalbedrag', 'Totaal incl. BTW', 'Totaal', 'Te betalen', 'Factuurbedrag'],
    discount: ['Korting'],
    shipping: ['Verzendkosten', 'Vracht'],
    paid: ['Reeds betaald', 'Aanbetaling', 'Betaald'],
    balanceDue: ['Openstaand bedrag', 'Nog te betalen', 'Saldo'],
    previousBalance: ['Vorig saldo', 'Oud saldo'],
    carried: ['Transport', 'Subtotaal pagina'],
    page: 'Pagina',
    terms: ['Betaling binnen 30 dagen na factuurdatum.', 'Gelieve te betalen binnen 14 dagen.'],
    thanks: ['Bedankt voor uw bestelling.', 'Met vriendelijke groet.'],
    months: MONTHS.nl,
  },
  it: {
    title: ['FATTURA', 'Fattura', 'Fattura n.'],
    number: ['Fattura n.', 'Numero fattura', 'N. documento', 'Numero'],
    date: ['Data fattura', 'Data', 'Data emissione', 'Data documento'],
    due: ['Scadenza', 'Data scadenza', 'Scadenza pagamento'],
    otherDate: ['Data consegna', 'Data ordine', 'Data DDT'],
    customerNo: ['Codice cliente', 'Cod. cliente'],
    orderNo: ['Numero ordine', 'Vs. ordine', 'Rif. ordine'],
    billTo: ['Cliente:', 'Destinatario', 'Spett.le'],
    shipTo: ['Destinazione merce:', 'Luogo di consegna'],
    desc: ['Descrizione', 'Articolo', 'Prodotto'],
    qty: ['Quantità', 'Q.tà', 'Qta'],
    unitPrice: ['Prezzo unitario', 'Prezzo', 'Prezzo un.'],
    lineAmount: ['Importo', 'Totale', 'Imponibile'],
    vatCol: ['IVA', 'Aliquota'],
    itemsTotal: ['Totale merce', 'Totale righe'],
    subtotal: ['Imponibile', 'Totale imponibile', 'Totale netto', 'Subtotale'],
    tax: ['IVA', 'Imposta', 'Totale IVA'],
    totalTax: ['Totale IVA', 'Totale imposta'],
    total: ['Totale documento', 'Totale fattura', 'Totale da pagare', 'TOTALE', 'Totale'],
    discount: ['Sconto'],
    shipping: ['Spese di trasporto', 'Spese di spedizione', 'Trasporto'],
    paid: ['Acconto', 'Già pagato', 'Anticipo'],
    balanceDue: ['Netto a pagare', 'Saldo da pagare', 'Residuo'],
    previousBalance: ['Saldo precedente'],
    carried: ['Riporto', 'Totale pagina'],
    page: 'Pagina',
    terms: ['Pagamento: bonifico bancario 30 gg d.f.', 'Condizioni di pagamento: rimessa diretta'],
    thanks: ['Grazie per la preferenza.', 'Cordiali saluti.'],
    months: MONTHS.it,
  },
};

export const TRAIN_VENDORS = [
  'Nordwind Elektrotechnik GmbH', 'Brightline Consulting Ltd', 'Maison Leclerc SARL', 'Grupo Levante S.L.', 'Bakker & Zonen B.V.', 'Officine Moretti S.r.l.',
  'Redwood Analytics Inc.', 'Alpenblick Software AG', 'Harbourside Print Co.', 'Atelier Moreau SAS', 'Distribuciones Sur S.A.', 'De Vries Logistiek BV',
  'Tessuti Bianchi S.p.A.', 'Kessler & Partner KG', 'Summit Office Supplies LLC', 'Quantum Labs Limited', 'Studio Verde', 'Hoffmann Bau GmbH & Co. KG',
  'Clearwater Plumbing', 'Lumen Design Studio', 'Papeterie du Centre', 'Ferretería Central', 'Groothandel Jansen', 'Elettrica Rossi',
];
export const TRAIN_CUSTOMERS = [
  'Globex Corporation', 'Stadtwerke Lindenau', 'Boulangerie Petit', 'Hotel Costa Azul', 'Fietsenwinkel De Ring', 'Ristorante Da Mario', 'Initech LLC', 'Weber Maschinenbau GmbH',
  'Cabinet Durand', 'Clínica San Rafael', 'Van den Berg Advocaten', 'Farmacia Centrale', 'Northwind Traders', 'Herrn Thomas Becker', 'Mme Claire Martin', 'Ms Olivia Hart',
];
export const TRAIN_STREETS = ['12 Harbour Street', 'Hauptstraße 5', '3 rue de la Paix', 'Calle Mayor 8', 'Kerkstraat 21', 'Via Roma 14', '450 Market Ave, Suite 200', 'Industriestraße 17a', '27 avenue Jean Jaurès', 'Gran Vía 41, 3º', 'Stationsweg 9', 'Corso Italia 102'];
export const TRAIN_CITIES = ['London EC1A 1BB', '80331 München', '75002 Paris', '28013 Madrid', '1012 AB Amsterdam', '20121 Milano', 'Denver, CO 80202', '8001 Zürich', '1000 Bruxelles', '4051 Basel'];
export const TRAIN_ITEMS = [
  'Consulting hours', 'Installation service', 'Office chair, ergonomic', 'Software licence (annual)', 'Maintenance contract Q3', 'Network cable set 5m', 'Printer paper A4, 5 reams', 'Training session',
  'Website hosting', 'Design work', 'Spare parts kit', 'On-site support', 'Laptop stand', 'Travel expenses', 'Cleaning service', 'LED panel 60x60',
];
