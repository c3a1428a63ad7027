import type { TrainLang } from './synthetic-invoice-vocabulary.js';

/**
 * What invoices print for the custom-field details (train/synthetic-custom-invoices.ts), per
 * language: several wordings of each label, written the way producers print them, not taken from
 * the concept lexicon. The LAST wording of every list is held out: only held-out seeds print it,
 * so the held-out figure also measures labels the development seeds never showed.
 */
export interface CustomVocabulary {
  vatId: string[];
  /** The buyer's VAT id under a label that says it is the buyer's. */
  buyerVatId: string[];
  buyerRef: string[];
  customerNo: string[];
  orderNo: string[];
  contract: string[];
  deliveryDate: string[];
  period: string[];
  /** Labels of the two ends of a period printed on two lines. */
  periodFrom: string[];
  periodTo: string[];
  /** The word between two dates of a range ("bis", "au"). */
  rangeWord: string;
  terms: string[];
  termsText: string[];
  contact: string[];
  email: string[];
  phone: string[];
  bank: string[];
  register: string[];
  /** "Pos." column headers of the item table. */
  pos: string[];
}

export const CUSTOM_VOCAB: Record<TrainLang, CustomVocabulary> = {
  en: {
    vatId: ['VAT No.', 'VAT Reg. No.', 'VAT ID', 'VAT number', 'VAT Registration'],
    buyerVatId: ['Customer VAT ID', 'Your VAT No.', 'Buyer VAT number', "Client's VAT Reg. No."],
    buyerRef: ['Buyer reference', 'Your reference', 'Your ref.', 'Customer reference'],
    customerNo: ['Customer No.', 'Customer ID', 'Account No.', 'Client number', 'Customer account'],
    orderNo: ['PO Number', 'Purchase order', 'Your order No.', 'P.O. #'],
    contract: ['Contract No.', 'Contract', 'Agreement No.', 'Contract ref.'],
    deliveryDate: ['Delivery date', 'Date of supply', 'Ship date', 'Delivered on', 'Supply date'],
    period: ['Service period', 'Billing period', 'Period', 'Invoice period', 'Period of service'],
    periodFrom: ['Period from', 'Service start', 'Billing period start'],
    periodTo: ['Period to', 'Service end', 'Billing period end'],
    rangeWord: 'to',
    terms: ['Payment terms', 'Terms', 'Terms of payment', 'Payment conditions'],
    termsText: ['30 days net', 'Net 14 days', 'Payable within 30 days without deduction', 'Due on receipt', '2% 10 days, net 30'],
    contact: ['Contact', 'Your contact', 'Contact person', 'Sales rep', 'Account manager'],
    email: ['E-mail', 'Email', 'Mail', 'E-mail address'],
    phone: ['Phone', 'Tel.', 'Telephone', 'Tel', 'Phone No.'],
    bank: ['Bank', 'Bank name', 'Bank details', 'Banking details'],
    register: ['Company No.', 'Company registration No.', 'Reg. No.', 'Registered in England No.'],
    pos: ['#', 'Line', 'No.', 'Item'],
  },
  de: {
    vatId: ['USt-IdNr.', 'USt-ID', 'Umsatzsteuer-ID', 'UStIdNr', 'USt.-Id.-Nr.'],
    buyerVatId: ['Ihre USt-IdNr.', 'USt-IdNr. des Kunden', 'Kunden-USt-ID', 'USt-IdNr. Leistungsempfänger'],
    buyerRef: ['Leitweg-ID', 'Ihr Zeichen', 'Käuferreferenz', 'Ihre Referenz', 'Ihr Bezug'],
    customerNo: ['Kundennummer', 'Kunden-Nr.', 'Kd.-Nr.', 'Debitor', 'Kundennr.'],
    orderNo: ['Bestellnummer', 'Ihre Bestellung', 'Bestell-Nr.', 'Ihre Bestellnr.'],
    contract: ['Vertragsnummer', 'Vertrag', 'Vertrags-Nr.', 'Rahmenvertrag'],
    deliveryDate: ['Lieferdatum', 'Leistungsdatum', 'Liefertag', 'Lieferung am', 'Tag der Lieferung'],
    period: ['Leistungszeitraum', 'Abrechnungszeitraum', 'Zeitraum', 'Leistungsperiode'],
    periodFrom: ['Leistung von', 'Zeitraum von', 'Beginn Leistungszeitraum'],
    periodTo: ['Leistung bis', 'Zeitraum bis', 'Ende Leistungszeitraum'],
    rangeWord: 'bis',
    terms: ['Zahlungsbedingungen', 'Zahlungsziel', 'Zahlungskonditionen', 'Zahlungsweise'],
    termsText: ['30 Tage netto', 'Zahlbar innerhalb 14 Tagen ohne Abzug', '14 Tage 2% Skonto, 30 Tage netto', 'Sofort ohne Abzug'],
    contact: ['Ansprechpartner', 'Ihr Ansprechpartner', 'Sachbearbeiter', 'Kontakt', 'Bearbeiter'],
    email: ['E-Mail', 'Mail', 'E-Mail-Adresse', 'eMail'],
    phone: ['Tel.', 'Telefon', 'Fon', 'Tel', 'Telefonnummer'],
    bank: ['Bank', 'Bankverbindung', 'Kreditinstitut', 'Geldinstitut'],
    register: ['Handelsregister', 'Registernummer', 'HR-Nr.', 'Registereintrag'],
    pos: ['Pos.', 'Pos', 'Nr.', 'Position'],
  },
  fr: {
    vatId: ['N° TVA', 'TVA intracom.', 'N° TVA intracommunautaire', 'Identifiant TVA', 'TVA Intra'],
    buyerVatId: ['N° TVA client', 'TVA intracom. client', 'Votre N° TVA', 'TVA acheteur'],
    buyerRef: ['Référence acheteur', 'Votre référence', 'Service exécutant', 'Vos réf.'],
    customerNo: ['N° client', 'Code client', 'Numéro client', 'Compte client'],
    orderNo: ['Bon de commande', 'N° commande', 'Votre commande', 'Commande n°'],
    contract: ['Contrat', 'N° contrat', 'Référence contrat', 'Contrat n°'],
    deliveryDate: ['Date de livraison', 'Livré le', 'Date d’expédition', 'Livraison le'],
    period: ['Période de facturation', 'Période', 'Période de prestation', 'Période facturée'],
    periodFrom: ['Début de période', 'Période du', 'Date de début'],
    periodTo: ['Fin de période', 'Période au', 'Date de fin'],
    rangeWord: 'au',
    terms: ['Conditions de paiement', 'Modalités de paiement', 'Conditions de règlement', 'Règlement'],
    termsText: ['30 jours net', 'Paiement à réception', '45 jours fin de mois', 'À 30 jours date de facture'],
    contact: ['Contact', 'Votre interlocuteur', 'Interlocuteur', 'Dossier suivi par'],
    email: ['Courriel', 'E-mail', 'Mél.', 'Email'],
    phone: ['Tél.', 'Téléphone', 'Tel', 'Tél'],
    bank: ['Banque', 'Domiciliation', 'Établissement', 'Domiciliation bancaire'],
    register: ['SIRET', 'N° SIRET', 'Siret', 'SIRET n°'],
    pos: ['N°', 'Réf.', 'Ligne', 'No'],
  },
  es: {
    vatId: ['NIF', 'CIF', 'NIF-IVA', 'N.º IVA', 'NIF/CIF'],
    buyerVatId: ['NIF cliente', 'CIF del cliente', 'NIF del comprador', 'Su NIF'],
    buyerRef: ['Su referencia', 'Referencia cliente', 'Ref. comprador', 'Referencia del comprador'],
    customerNo: ['N.º cliente', 'Código cliente', 'Número de cliente', 'Cliente n.º'],
    orderNo: ['Pedido', 'N.º pedido', 'Orden de compra', 'Su pedido'],
    contract: ['Contrato', 'N.º contrato', 'Contrato n.º'],
    deliveryDate: ['Fecha de entrega', 'Entregado el', 'Fecha de envío', 'Fecha entrega'],
    period: ['Periodo de facturación', 'Periodo', 'Periodo de servicio', 'Período facturado'],
    periodFrom: ['Periodo desde', 'Inicio del periodo', 'Desde'],
    periodTo: ['Periodo hasta', 'Fin del periodo', 'Hasta'],
    rangeWord: 'al',
    terms: ['Condiciones de pago', 'Forma de pago', 'Plazo de pago', 'Vencimiento'],
    termsText: ['30 días netos', 'Pago a 60 días', 'Transferencia a 30 días', 'Contado'],
    contact: ['Contacto', 'Persona de contacto', 'Atendido por', 'Comercial'],
    email: ['Correo', 'Email', 'Correo electrónico', 'E-mail'],
    phone: ['Tel.', 'Teléfono', 'Tlf.', 'Telf.'],
    bank: ['Banco', 'Entidad', 'Entidad bancaria', 'Datos bancarios'],
    register: ['Registro Mercantil', 'Reg. Mercantil', 'Inscripción Registro Mercantil'],
    pos: ['N.º', 'Línea', 'Ref.', 'Pos.'],
  },
  nl: {
    vatId: ['BTW-nr.', 'BTW-nummer', 'BTW-id', 'Btw nr', 'BTW nr.'],
    buyerVatId: ['BTW-nr. klant', 'Uw BTW-nummer', 'BTW-nummer afnemer', 'Klant BTW-nr.'],
    buyerRef: ['Uw referentie', 'Referentie koper', 'Uw kenmerk', 'Klantreferentie'],
    customerNo: ['Klantnummer', 'Klantnr.', 'Debiteurnummer', 'Debiteurnr.'],
    orderNo: ['Inkoopordernummer', 'Bestelnummer', 'Uw order', 'Ordernummer'],
    contract: ['Contractnummer', 'Contract', 'Overeenkomst'],
    deliveryDate: ['Leverdatum', 'Afleverdatum', 'Geleverd op', 'Leveringsdatum'],
    period: ['Factuurperiode', 'Periode', 'Looptijd', 'Facturatieperiode'],
    periodFrom: ['Periode van', 'Begindatum', 'Vanaf'],
    periodTo: ['Periode tot', 'Einddatum', 'Tot en met'],
    rangeWord: 'tot',
    terms: ['Betalingsvoorwaarden', 'Betalingstermijn', 'Betalingscondities', 'Betaling'],
    termsText: ['30 dagen netto', 'Binnen 14 dagen', 'Betaling binnen 30 dagen', 'Direct bij ontvangst'],
    contact: ['Contactpersoon', 'Contact', 'Behandeld door', 'Uw contactpersoon'],
    email: ['E-mail', 'Mail', 'E-mailadres', 'Email'],
    phone: ['Tel.', 'Telefoon', 'T', 'Tel'],
    bank: ['Bank', 'Banknaam', 'Bankgegevens'],
    register: ['KvK', 'KvK-nummer', 'KvK nr.', 'Handelsregister'],
    pos: ['Nr.', 'Regel', '#', 'Pos.'],
  },
  it: {
    vatId: ['P.IVA', 'Partita IVA', 'P. IVA', 'Cod. IVA', 'Part. IVA'],
    buyerVatId: ['P.IVA cliente', 'Partita IVA cliente', 'Vs. P.IVA', 'P.IVA committente'],
    buyerRef: ['Vostro riferimento', 'Rif. cliente', 'Riferimento acquirente', 'Vs. riferimento'],
    customerNo: ['Codice cliente', 'Cod. cliente', 'N. cliente', 'Cliente n.'],
    orderNo: ['Ordine', 'N. ordine', 'Vs. ordine', 'Ordine d’acquisto'],
    contract: ['Contratto', 'N. contratto', 'Rif. contratto'],
    deliveryDate: ['Data consegna', 'Data di consegna', 'Consegnato il', 'Data spedizione'],
    period: ['Periodo di fatturazione', 'Periodo', 'Periodo di competenza', 'Periodo di riferimento'],
    periodFrom: ['Periodo dal', 'Inizio periodo', 'Dal'],
    periodTo: ['Periodo al', 'Fine periodo', 'Al'],
    rangeWord: 'al',
    terms: ['Condizioni di pagamento', 'Termini di pagamento', 'Pagamento', 'Modalità di pagamento'],
    termsText: ['30 giorni data fattura', 'Bonifico a 60 giorni', 'Rimessa diretta', '30 gg f.m.'],
    contact: ['Referente', 'Contatto', 'Persona di riferimento', 'Vs. referente'],
    email: ['E-mail', 'Email', 'PEC', 'Posta elettronica'],
    phone: ['Tel.', 'Telefono', 'Tel', 'Cell.'],
    bank: ['Banca', 'Istituto', 'Appoggio bancario', 'Coordinate bancarie'],
    register: ['REA', 'N. REA', 'R.E.A.', 'Registro Imprese'],
    pos: ['N.', 'Riga', 'Pos.', '#'],
  },
};

export const FIRST_NAMES = ['Anna', 'Jonas', 'Claire', 'Marco', 'Lucía', 'Pieter', 'Sophie', 'Thomas', 'Giulia', 'Emma', 'David', 'Julien'];
export const LAST_NAMES = ['Becker', 'Martin', 'Rossi', 'García', 'de Vries', 'Schmidt', 'Dubois', 'Bianchi', 'Jansen', 'Wright', 'Moreau', 'Fernández'];
export const BANKS = ['Commerzbank', 'Deutsche Bank', 'BNP Paribas', 'ING Bank', 'Rabobank', 'Banco Santander', 'UniCredit', 'Sparkasse Köln', 'Société Générale', 'CaixaBank', 'ABN AMRO', 'Intesa Sanpaolo'];
export const BICS = ['COBADEFFXXX', 'DEUTDEDBFRA', 'BNPAFRPPXXX', 'INGBNL2A', 'RABONL2U', 'BSCHESMMXXX', 'UNCRITMMXXX', 'COLSDE33XXX', 'SOGEFRPP', 'CAIXESBBXXX', 'ABNANL2A', 'BCITITMM'];
export const DOMAINS = ['example.com', 'example.de', 'example.fr', 'example.es', 'example.nl', 'example.it'];
/** Country of each language's documents: VAT id, IBAN and phone prefix. */
export const COUNTRY: Record<TrainLang, { cc: string; dial: string; ibanLength: number }> = {
  en: { cc: 'GB', dial: '44', ibanLength: 22 },
  de: { cc: 'DE', dial: '49', ibanLength: 22 },
  fr: { cc: 'FR', dial: '33', ibanLength: 27 },
  es: { cc: 'ES', dial: '34', ibanLength: 24 },
  nl: { cc: 'NL', dial: '31', ibanLength: 18 },
  it: { cc: 'IT', dial: '39', ibanLength: 27 },
};
