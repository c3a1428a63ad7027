import type { TrainLang } from './synthetic-invoice-vocabulary.js';

/**
 * Lines printed above everything else that name no party: the heading a viewer or portal prints over
 * a rendered e-invoice, a print view's banner, a copy note, a software stamp. Real invoices carry them
 * (an e-invoice shown by a viewer, a web invoice printed from a portal); without them in training, the
 * party scorers learn that the first name-like line of a page is the seller. Worded here for the
 * generator, not taken from any document.
 */
const HEADS: Record<TrainLang, string[]> = {
  en: [
    'Visual representation of the electronic invoice',
    'Printable view of your invoice',
    'Human-readable rendering of the invoice data',
    'This document was generated automatically',
    'Copy for your records',
    'Customer portal - print version',
  ],
  de: [
    'Darstellung der elektronischen Rechnung',
    'Druckansicht Ihrer Rechnung',
    'Visualisierung der Rechnungsdaten im Format EN 16931',
    'Dieses Dokument wurde maschinell erstellt',
    'Kopie für Ihre Unterlagen',
    'Kundenportal - Druckversion',
  ],
  fr: [
    'Représentation visuelle de la facture électronique',
    'Version imprimable de votre facture',
    'Affichage lisible des données de facturation',
    'Document généré automatiquement',
    'Copie client',
  ],
  es: [
    'Representación impresa de la factura electrónica',
    'Versión imprimible de su factura',
    'Visualización de los datos de la factura',
    'Documento generado automáticamente',
    'Copia para el cliente',
  ],
  nl: [
    'Weergave van de elektronische factuur',
    'Afdrukversie van uw factuur',
    'Leesbare weergave van de factuurgegevens',
    'Automatisch gegenereerd document',
    'Kopie voor uw administratie',
  ],
  it: [
    'Rappresentazione della fattura elettronica',
    'Versione stampabile della fattura',
    'Visualizzazione dei dati della fattura',
    'Documento generato automaticamente',
    'Copia di cortesia',
  ],
};
/** The share of training invoices with such a line on top. */
const SHARE = 0.12;

/** The line (or none) a training invoice prints above its header, from its own random stream. */
export function pageHead(r: () => number, lang: TrainLang): string | null {
  if (r() >= SHARE) return null;
  const heads = HEADS[lang];
  return heads[Math.floor(r() * heads.length)];
}
