import { describe, expect, it } from 'vitest';
import { ADDRESS_START, ADDRESS_WORD, END_OF_ADDRESS, POSTCODE_TOWN, REGION_OR_COUNTRY, STREET_WORD } from './address-lexicon.js';

describe('the address lexicon', () => {
  it('knows street lines in the languages of the label lexicon, compounds included', () => {
    for (const line of ['NO 12, JALAN SS 2/72', '2001 Point West Way', '158 Kensington High St', 'Hauptstraße 12', 'Kerkstraat 4', '25 Rue de Rivoli', 'Calle Mayor 5', 'Via Roma 10', 'Am Marktplatz 3', '12 Av. des Champs']) {
      expect(ADDRESS_START.test(line) && ADDRESS_WORD.test(line), line).toBe(true);
    }
    for (const line of ['JALAN AMPANG', 'Rue de la Paix', 'Hauptstraße 12', 'Sunset Boulevard']) expect(STREET_WORD.test(line), line).toBe(true);
  });

  it('takes words that also name shops as address words only beside a number', () => {
    for (const name of ['FOOD COURT', 'PIZZA PLACE', 'DRIVE THRU', 'CATERING 2 GO', 'STREET FOOD']) {
      const street = STREET_WORD.test(name);
      expect(street && !/street/i.test(name), name).toBe(false);
    }
    expect(STREET_WORD.test('CATERING 2')).toBe(false);
    expect(ADDRESS_WORD.test('12 Court Road')).toBe(true);
  });

  it('reads postcodes with their town in the orders countries print them, not lot numbers', () => {
    for (const line of ['47400 PETALING JAYA', '10115 Berlin', 'D-10115 Berlin', '75004 Paris', 'Sacramento, CA 95815', 'New York, NY 10001-2345', 'London W8 7RL', '1012 AB Amsterdam', 'Ottawa ON K1A 0B6', 'Sydney NSW 2000']) {
      expect(POSTCODE_TOWN.test(line), line).toBe(true);
    }
    for (const line of ['LOT 12345 JALAN', 'NO. 12345 TAMAN', 'TOTAL 12.50', 'Tel 0123456789']) expect(POSTCODE_TOWN.test(line), line).toBe(false);
  });

  it('closes an address with a region or a country, accents included', () => {
    for (const line of ['SELANGOR DARUL EHSAN', 'MALAYSIA', 'Österreich', 'España', 'United Kingdom']) expect(REGION_OR_COUNTRY.test(line), line).toBe(true);
    expect(REGION_OR_COUNTRY.test('FRANCESCA CAFE')).toBe(false);
  });

  it('ends an address at contact and tax-id words, but not at towns that contain one', () => {
    for (const line of ['TEL: 03-1234 5678', 'TEL03-12345678', 'GST ID: 000123', 'VAT No GB 123', 'P.IVA 04916380159', 'www.shop.com', 'info@shop.com']) {
      expect(END_OF_ADDRESS.test(line), line).toBe(true);
    }
    for (const line of ['20096 Pioltello (MI)', 'TELUK PANGLIMA GARANG', 'PRIVATE LANE 2', 'Castel Gandolfo']) expect(END_OF_ADDRESS.test(line), line).toBe(false);
  });
});
