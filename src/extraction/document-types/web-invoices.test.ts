import { describe, expect, it } from 'vitest';
import { textToPdf } from '../../../test/fixtures/text-pdf.js';
import { runPipeline } from '../pipeline.js';

const read = async (text: string) => runPipeline({ bytes: textToPdf(text, { font: 'Helvetica' }), mediaType: 'application/pdf', filename: 'web-invoice.pdf', useEmbeddedInvoice: false });

/**
 * Invoices as accounting software and web templates print them (issue 14, rendered invoices): dates
 * as Intl prints them ("19 abr 2025", "4 nov 2026"), totals labelled in wordings the training
 * generator does not print ("Suma neta", "Impuestos (21 %)", "Bedrag excl. btw"), a letter-spaced
 * title, role labels such as "Factuur aan", and a page with one date only.
 */
describe('invoices laid out by web and accounting software', () => {
  it('reads a Spanish invoice dated "19 abr 2025" with a "Suma neta" and no due date', async () => {
    const r = await read(
      [
        'Soluciones Norte S.L.                                    FACTURA',
        'Avenida de la Constitución 55                  Nº            F2025/377',
        '41001 Sevilla                                  Fecha         19 abr 2025',
        '',
        'Facturar a',
        'Hostal Miramar',
        'Carrer de Balmes 120',
        '08008 Barcelona',
        '',
        'Concepto                         Cant.      Precio         Importe',
        'Diseño web                           2    500,00 €        1.000,00 €',
        'Asesoría fiscal                      1    250,00 €          250,00 €',
        '',
        '                                           Suma neta      1.250,00 €',
        '                                    Impuestos (21 %)        262,50 €',
        '                                               Total      1.512,50 €',
        '',
        'Pago al contado.',
      ].join('\n'),
    );
    expect(r.document_type).toBe('invoice');
    expect(r.data).toMatchObject({ invoice_date: '2025-04-19', due_date: null, subtotal: 1250, tax_amount: 262.5, total_amount: 1512.5, customer_name: 'Hostal Miramar' });
  });

  it('reads a Dutch invoice with a letter-spaced title, "Factuur aan" and a "Bedrag excl. btw"', async () => {
    const r = await read(
      [
        'Groenveld Tuinen                                   V E R K O O P F A C T U U R',
        'Oudegracht 45',
        '3511 AB Utrecht                            Kenmerk            2026-311',
        '                                           Datum              4 nov 2026',
        '                                           Te voldoen voor    18 nov 2026',
        'Factuur aan',
        'Bakkerij Vermeer',
        'Prinsengracht 310',
        '1012 AB Amsterdam',
        '',
        'Omschrijving                      Aantal       Prijs        Bedrag',
        'Tuinonderhoud                          4     €120,00       €480,00',
        '',
        '                                   Bedrag excl. btw       €480,00',
        '                                         Btw 21%          €100,80',
        '                                        Eindtotaal        €580,80',
      ].join('\n'),
    );
    expect(r.document_type).toBe('invoice');
    expect(r.data).toMatchObject({ invoice_date: '2026-11-04', due_date: '2026-11-18', subtotal: 480, tax_amount: 100.8, total_amount: 580.8, customer_name: 'Bakkerij Vermeer' });
  });

  it("never names the seller's e-mail line as the customer", async () => {
    const r = await read(
      [
        'Oakhill Accounting                                  FACTURE',
        '14 boulevard Voltaire',
        'Manchester M1 4BT                            N° de facture   65380',
        'billing@oakhill.example                      Émise le        2024-07-26',
        '+27 709 4623',
        '                                             Échéance        2024-08-10',
        '',
        'ADRESSÉ À                        LIVRÉ À',
        'Construcciones Ortega            Javier Romero',
        '1200 Pine Street, Suite 4        Am Markt 2',
        '69002 Lyon                       3511 AB Utrecht',
        '',
        'DESCRIPTION                QTÉ      TARIF     TOTAL HT (EUR)',
        'Cours particuliers         7,5      47,94             359,55',
        '',
        '                                     Sous-total       359,55',
        '                                     Montant TVA 10 %  35,96',
        '                                     Total à payer    395,51',
      ].join('\n'),
    );
    expect(r.data).toMatchObject({ vendor_name: 'Oakhill Accounting', customer_name: 'Construcciones Ortega' });
  });
});

