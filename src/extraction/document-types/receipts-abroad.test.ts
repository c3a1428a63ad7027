import { describe, expect, it } from 'vitest';
import { runPipeline } from '../pipeline.js';

// Receipts as shops outside Malaysia print them (written for this test, not from any data set): the
// address lexicon (normalize/address-lexicon.ts) has to know their street words and postcodes for the
// name and address readers to find the header's structure.
const receipts: Record<string, string[]> = {
  us: [
    `TRADER JOE'S`,
    `2001 Point West Way`,
    `Sacramento, CA 95815`,
    `Store #175 - (916) 920-9541`,
    ``,
    `BANANAS                          0.87`,
    `ORGANIC MILK 1 GAL               5.49`,
    `SOURDOUGH BREAD                  3.99`,
    `SUBTOTAL                        10.35`,
    `TAX                              0.00`,
    `TOTAL                          $10.35`,
    `VISA                           $10.35`,
    `12/03/2024  14:22`,
    `THANK YOU FOR SHOPPING AT TRADER JOE'S`,
  ],
  de: [
    `REWE Markt GmbH`,
    `Hauptstraße 12`,
    `10115 Berlin`,
    `UID Nr.: DE812706034`,
    ``,
    `Bananen              1,29 A`,
    `Vollmilch 3,5%       1,15 A`,
    `Brot                 2,49 A`,
    `--------------------------`,
    `SUMME EUR            4,93`,
    `Geg. BAR             10,00`,
    `Rückgeld EUR          5,07`,
    ``,
    `Steuer  %   Netto  Steuer  Brutto`,
    `A=  7,0%    4,61    0,32    4,93`,
    `Datum: 05.11.2024  Uhrzeit: 18:41:07`,
    `Bon-Nr.: 4711`,
  ],
  fr: [
    `CARREFOUR CITY`,
    `25 Rue de Rivoli`,
    `75004 Paris`,
    `Tel : 01 42 72 00 00`,
    ``,
    `PAIN AU CHOCOLAT x2        2,40 €`,
    `CAFE EXPRESSO              1,90 €`,
    `EAU MINERALE 1,5L          0,85 €`,
    `TOTAL TTC                  5,15 €`,
    `dont TVA 5,5%              0,27 €`,
    `CB                         5,15 €`,
    `Le 14/09/2024 à 08:12`,
    `Merci de votre visite`,
  ],
  uk: [
    `Tesco Stores Ltd`,
    `Express Kensington`,
    `158 Kensington High St, London W8 7RL`,
    `VAT No: GB 220 4302 31`,
    ``,
    `MEAL DEAL              £3.50`,
    `SPARKLING WATER        £1.10`,
    `BALANCE DUE            £4.60`,
    `CONTACTLESS            £4.60`,
    `CHANGE DUE             £0.00`,
    `21 Jan 2025 12:58`,
  ],
  es: [
    `MERCADONA, S.A.`,
    `C/ Gran Vía 28`,
    `28013 Madrid`,
    `NIF: A-46103834`,
    `FACTURA SIMPLIFICADA`,
    `Fecha: 03/10/2024 19:22`,
    `LECHE ENTERA          0,89`,
    `PAN BARRA             0,45`,
    `ACEITE OLIVA 1L       8,95`,
    `TOTAL (€)            10,29`,
    `TARJETA BANCARIA     10,29`,
    `IVA 10%  BASE 9,35  CUOTA 0,94`,
  ],
  it: [
    `ESSELUNGA S.p.A.`,
    `Via Giambologna 1`,
    `20096 Pioltello (MI)`,
    `P.IVA 04916380159`,
    `DOCUMENTO COMMERCIALE`,
    `ACQUA NATURALE        0,39`,
    `CAFFE MACINATO        3,49`,
    `TOTALE COMPLESSIVO    3,88`,
    `PAGAMENTO ELETTRONICO 3,88`,
    `12-10-2024 10:15`,
  ],
  nl: [
    `Albert Heijn`,
    `Kerkstraat 4`,
    `1017 GA Amsterdam`,
    `Tel. 020-1234567`,
    `KAAS JONG BEL      4,29`,
    `APPELS ELSTAR      2,19`,
    `TOTAAL             6,48`,
    `PINNEN             6,48`,
    `BTW 9%  over 5,95  0,53`,
    `Datum 18-11-2024 17:03`,
  ],
  au: [
    `Woolworths Metro`,
    `Shop 3, 100 George Street`,
    `Sydney NSW 2000`,
    `ABN 88 000 014 675`,
    `Milk 2L               3.10`,
    `Bread                 4.50`,
    `TOTAL                $7.60`,
    `EFTPOS               $7.60`,
    `GST included in total $0.69`,
    `21/08/2024 09:14`,
  ],
};

async function read(name: string) {
  const bytes = Buffer.from(receipts[name]!.join('\n'), 'utf8');
  return (await runPipeline({ bytes, mediaType: 'text/plain', filename: `${name}.txt`, detectionType: 'receipt' })).data;
}

describe('receipts from other countries, as text', () => {
  it.each([
    ['us', "TRADER JOE'S", '2001 Point West Way Sacramento, CA 95815'],
    ['de', 'REWE Markt GmbH', 'Hauptstraße 12 10115 Berlin'],
    ['fr', 'CARREFOUR CITY', '25 Rue de Rivoli 75004 Paris'],
    ['uk', 'Tesco Stores Ltd', '158 Kensington High St, London W8 7RL'],
    ['es', 'MERCADONA, S.A.', 'C/ Gran Vía 28 28013 Madrid'],
    ['it', 'ESSELUNGA S.p.A.', 'Via Giambologna 1 20096 Pioltello (MI)'],
    ['nl', 'Albert Heijn', 'Kerkstraat 4 1017 GA Amsterdam'],
    ['au', 'Woolworths Metro', 'Shop 3, 100 George Street Sydney NSW 2000'],
  ])('%s: finds the merchant and stops the address before the store number and the items', async (name, merchant, address) => {
    const data = await read(name);
    expect(data.merchant_name).toBe(merchant);
    expect(data.merchant_address).toBe(address);
  });
});

describe('receipts from other countries: where the address opens', () => {
  it('opens the address at a street type that also names other things when its line has a number ("Plaza", "St")', async () => {
    // Before: "Plaza" and "St" opened no address (they name squares and saints too), so the address
    // began at the postcode line or was not found.
    const lines = (head: string[]) => (['SUPERMERCADO SOL', ...head, 'Tlf: 93 861 8891', 'PAN BARRA    4,97', 'TOTAL    4,97', '1/11/25']);
    const es = (await runPipeline({ bytes: Buffer.from(lines(['Local 12', 'Plaza Mayor 7', '28013 Madrid']).join('\n'), 'utf8'), mediaType: 'text/plain', filename: 'es.txt', detectionType: 'receipt' })).data;
    expect(es.merchant_address).toBe('Plaza Mayor 7 28013 Madrid');
    const au = (await runPipeline({ bytes: Buffer.from(lines(['Shop 7, 4 Queen St', 'Brisbane QLD 4000']).join('\n'), 'utf8'), mediaType: 'text/plain', filename: 'au.txt', detectionType: 'receipt' })).data;
    expect(au.merchant_address).toBe('Shop 7, 4 Queen St Brisbane QLD 4000');
    // Without a number the word stays a name: the line under the merchant is not taken for the address.
    const name = (await runPipeline({ bytes: Buffer.from(lines(['PLAZA SERI SETIA', '47300 PETALING JAYA']).join('\n'), 'utf8'), mediaType: 'text/plain', filename: 'my.txt', detectionType: 'receipt' })).data;
    expect(name.merchant_address).toBe('47300 PETALING JAYA');
  });
});

describe('receipts from other countries: totals and dates', () => {
  const readLines = async (lines: string[]) => (await runPipeline({ bytes: Buffer.from(lines.join('\n'), 'utf8'), mediaType: 'text/plain', filename: 'r.txt', detectionType: 'receipt' })).data;

  it('reads the change a Dutch or German till gives back ("Terug", "Zurück") against the cash handed over', async () => {
    const nl = ['DROGISTERIJ VAN DIJK', 'Stationslaan 4', '3011 AD Rotterdam', 'JUS D ORANGE    16,37', 'KAAS JONG BELEGEN    10,07', 'APPELTAART    22,31', 'MELK HALFVOL', '2 x 17,39    34,78', 'APPELTAART    14,89', 'TOTAAL    98,42', 'waarvan BTW 21%    17,08', 'CONTANT    120,00', 'Terug    21,58', '01-05-2023 19:25'];
    expect((await readLines(nl)).total_amount).toBe(98.42);
  });

  it('reads a total printed with its currency ("TOTAL EUROS", "SUMME EUR") over the cash handed over', async () => {
    const es = ['Farmacia Central', 'Avda. de la Constitucion 6', '46002 Valencia', 'NIF: B24589219', 'PAN BARRA    4,97', 'AGUA MINERAL    11,99', '4 CAFE CON LECHE    47,96', '3 CANA CERVEZA    70,77', '4 TORTILLA    73,92', 'TOTAL EUROS    209,61', 'IVA 21%    36,38', 'EFECTIVO    210,00', 'Cambio', '1/11/25'];
    expect((await readLines(es)).total_amount).toBe(209.61);
  });

  it('reads a US date month first when a state and ZIP say where the shop is, with no "$" printed', async () => {
    const us = ['Pacific Pharmacy', '8 Point West Way', 'Portland OR 97205', '04/12/2023 21:51', 'ORANGE JUICE    8.49', 'SUBTOTAL    8.49', 'TAX    0.55', 'TOTAL    9.04', 'VISA    9.04'];
    expect((await readLines(us)).date).toBe('2023-04-12');
    // The state as OCR reads it at times, a 0 for its O.
    expect((await readLines(us.map((l) => l.replace('Portland OR', 'Portland, 0R')))).date).toBe('2023-04-12');
  });
});
