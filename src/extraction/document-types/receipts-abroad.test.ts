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
  ])('%s: finds the merchant and stops the address before the store number and the items', async (name, merchant, address) => {
    const data = await read(name);
    expect(data.merchant_name).toBe(merchant);
    expect(data.merchant_address).toBe(address);
  });
});
