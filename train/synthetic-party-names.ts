import type { TrainLang } from './synthetic-invoice-vocabulary.js';

/**
 * Party names for the training generator, built from parts rather than drawn from a short list: a
 * trade and a surname in the order each language prints them, partners, brand words, a person with a
 * trade, institutions, people with and without a salutation; a legal form or none, sometimes in
 * capitals. With two dozen listed names the party scorers learned what those names look like (most
 * carry a legal form); real senders are as often "Bäckerei Schulte" or "Jane Doe Photography".
 * The parts share nothing with the rendered-invoice measure's names (rendered-invoice-vocabulary.ts).
 */
type Rand = () => number;
const pickOf = (r: Rand) => <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const SURNAMES: Record<TrainLang, string[]> = {
  en: ['Walker', 'Hughes', 'Bennett', 'Collins', 'Porter', 'Fletcher', 'Reid', 'Dawson', 'Ellis', 'Turner'],
  de: ['Schulte', 'Fischer', 'Bauer', 'Lehmann', 'Vogel', 'Brandt', 'Keller', 'Seidel', 'Kuhn', 'Winkler'],
  fr: ['Lambert', 'Girard', 'Fontaine', 'Rousseau', 'Mercier', 'Blanc', 'Chevalier', 'Perrin', 'Roux', 'Faure'],
  es: ['Navarro', 'Molina', 'Castillo', 'Delgado', 'Herrera', 'Vidal', 'Serrano', 'Rubio', 'Medina', 'Prieto'],
  nl: ['Visser', 'Smit', 'Mulder', 'Bos', 'Dekker', 'Brouwer', 'Kok', 'Hendriks', 'Peters', 'Verbeek'],
  it: ['Ricci', 'Marino', 'Greco', 'Galli', 'Costa', 'Fabbri', 'Leone', 'Barbieri', 'Mancini', 'Colombo'],
};
const FIRST_NAMES: Record<TrainLang, string[]> = {
  en: ['Jane', 'Oliver', 'Grace', 'Henry', 'Chloe'],
  de: ['Katrin', 'Jonas', 'Sabine', 'Felix', 'Monika'],
  fr: ['Julien', 'Élodie', 'Nicolas', 'Manon', 'Luc'],
  es: ['Carmen', 'Diego', 'Elena', 'Pablo', 'Irene'],
  nl: ['Femke', 'Bram', 'Lotte', 'Daan', 'Ilse'],
  it: ['Chiara', 'Luca', 'Francesca', 'Matteo', 'Sara'],
};
/** Trade words: the first set goes before the surname ("Bäckerei Schulte"), the second after it ("Walker Plumbing"). */
const TRADES: Record<TrainLang, [string[], string[]]> = {
  en: [['Studio'], ['Plumbing', 'Electrical', 'Joinery', 'Bakery', 'Photography', 'Landscaping', 'Print Shop', 'Dental Care', 'Logistics', 'Catering']],
  de: [['Bäckerei', 'Malerbetrieb', 'Steuerkanzlei', 'Autohaus', 'Gartenbau', 'Metallbau', 'Druckerei', 'Elektro'], ['Elektrotechnik', 'Haustechnik', 'Bedachungen', 'Transporte', 'Immobilien']],
  fr: [['Boulangerie', 'Plomberie', 'Imprimerie', 'Garage', 'Menuiserie', 'Pharmacie', 'Transports'], ['Frères', 'et Fils', 'Conseil', 'Rénovation']],
  es: [['Talleres', 'Asesoría', 'Panadería', 'Transportes', 'Carpintería', 'Reformas', 'Clínica Dental'], ['Hermanos', 'Asociados', 'Abogados']],
  nl: [['Bouwbedrijf', 'Schildersbedrijf', 'Drukkerij', 'Hoveniersbedrijf', 'Installatiebedrijf', 'Bakkerij'], ['Techniek', 'Advies', 'Transport', 'Schilderwerken']],
  it: [['Autofficina', 'Panificio', 'Tipografia', 'Impianti', 'Falegnameria', 'Studio Legale', 'Farmacia'], ['Costruzioni', 'Impianti', 'Trasporti', '& Figli']],
};
/** Brand words (any language) for invented company names: "Brightwave Systems", "Kastanje Media". */
const BRANDS = ['Brightwave', 'Kestrel', 'Bluestone', 'Falcon', 'Lindgren', 'Aurora', 'Kastanje', 'Solano', 'Vireo', 'Granite', 'Orbis', 'Helix', 'Tidewater', 'Larch'];
const BRAND_TAILS = ['Systems', 'Media', 'Solutions', 'Partners', 'Labs', 'Group', 'Energy', 'Foods', 'Digital', 'Consulting', 'Trading', 'Services'];
const LEGAL: Record<TrainLang, string[]> = {
  en: ['Ltd', 'Ltd.', 'LLC', 'Inc.', 'Limited', 'PLC', 'Co.'],
  de: ['GmbH', 'GmbH & Co. KG', 'e.K.', 'UG (haftungsbeschränkt)', 'AG', 'OHG'],
  fr: ['SARL', 'SAS', 'SA', 'EURL'],
  es: ['S.L.', 'S.A.', 'S.L.U.', 'SL'],
  nl: ['B.V.', 'BV', 'V.O.F.', 'N.V.'],
  it: ['S.r.l.', 'S.p.A.', 'S.a.s.', 'S.n.c.', 'srl'],
};
const INSTITUTIONS: Record<TrainLang, string[]> = {
  en: ['County Council of', 'St. Mary School', 'University of'],
  de: ['Gemeinde', 'Stadtwerke', 'Gymnasium am'],
  fr: ['Mairie de', 'Lycée', 'Université de'],
  es: ['Ayuntamiento de', 'Colegio', 'Universidad de'],
  nl: ['Gemeente', 'Stichting', 'Hogeschool'],
  it: ['Comune di', 'Istituto', 'Università di'],
};
const PLACES = ['Ashford', 'Lindenberg', 'Valmont', 'Almería', 'Zeewolde', 'Ravello', 'Brookfield', 'Steinach'];
const SALUTATIONS: Record<TrainLang, string[]> = { en: ['Mr', 'Ms', 'Dr.'], de: ['Herrn', 'Frau', 'Dr.'], fr: ['M.', 'Mme', 'Dr'], es: ['Sr.', 'Sra.', 'Dr.'], nl: ['Dhr.', 'Mevr.', 'Dr.'], it: ['Sig.', 'Sig.ra', 'Dott.'] };

/** A seller's name: a business of one of several shapes, with or without its legal form. */
export function generatedVendorName(r: Rand, lang: TrainLang): string {
  const pick = pickOf(r);
  const surname = pick(SURNAMES[lang]);
  const [before, after] = TRADES[lang];
  const shape = r();
  let name: string;
  if (shape < 0.3) name = lang === 'en' ? `${surname} ${pick(after)}` : `${pick(before)} ${surname}`;
  else if (shape < 0.45) name = `${surname} ${pick(after)}`;
  else if (shape < 0.6) name = `${surname} & ${pick(SURNAMES[lang].filter((s) => s !== surname))}`;
  else if (shape < 0.8) name = `${pick(BRANDS)} ${pick(BRAND_TAILS)}`;
  else name = `${pick(FIRST_NAMES[lang])} ${surname} ${pick(after)}`;
  if (r() < 0.45) name = `${name} ${pick(LEGAL[lang])}`;
  return r() < 0.15 ? name.toUpperCase() : name;
}

/** A buyer's name: a business as the seller's, a person (with or without a salutation) or an institution. */
export function generatedCustomerName(r: Rand, lang: TrainLang): string {
  const pick = pickOf(r);
  const shape = r();
  if (shape < 0.5) return generatedVendorName(r, lang);
  const person = `${pick(FIRST_NAMES[lang])} ${pick(SURNAMES[lang])}`;
  if (shape < 0.7) return person;
  if (shape < 0.85) return `${pick(SALUTATIONS[lang])} ${person}`;
  return `${pick(INSTITUTIONS[lang])} ${pick(PLACES)}`;
}
