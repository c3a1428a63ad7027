/**
 * The vocabulary of printed postal addresses, one place for every reader of receipt headers (the
 * merchant-name candidates' features, the address block, the rule that finds a name line): street
 * types, address words, postcodes and the regions and countries that close an address. It covers
 * the languages of the label lexicon (EN, DE, FR, ES, NL, IT, MS) and the postcode shapes of the
 * countries that print them, not the shops of one dataset: the trained scorers learn what a street
 * word or a postcode says about a row, so a word added here carries that weight to receipts from
 * places the training data never saw.
 */

/** Street types that mark an address line on their own, with or without a house number. */
const STREET_TYPES = [
  // Malay
  'jalan', 'jln', 'lorong', 'lrg', 'taman', 'tmn', 'lebuh', 'persiaran', 'lengkok',
  // English
  'street', 'road', 'avenue', 'boulevard', 'blvd', 'lane', 'highway', 'hwy', 'parkway', 'pkwy',
  // German (also as the end of a compound: "Hauptstraße", "Am Marktplatz")
  'straße', 'strasse', 'allee', 'gasse', 'chaussee',
  // French
  'rue', 'chemin', 'allée', 'impasse', 'quai',
  // Spanish
  'calle', 'avenida', 'avda', 'paseo', 'carretera', 'camino',
  // Dutch
  'straat', 'laan', 'gracht',
  // Italian
  'via', 'viale', 'piazza', 'corso', 'vicolo',
];

/**
 * Words that also name other things ("FOOD COURT", "DRIVE THRU", "PIZZA PLACE"): an address word
 * only on a line with a number.
 */
const AMBIGUOUS_STREET_TYPES = [
  'st', 'rd', 'ave', 'dr', 'drive', 'way', 'court', 'ct', 'place', 'pl', 'square', 'sq', 'terrace', 'crescent',
  'weg', 'platz', 'ring', 'damm', 'ufer', 'str', 'bd', 'route', 'plaza', 'plein', 'kade', 'dijk', 'largo', 'av',
];

/** Building, unit and area words that sit in an address line beside a number. */
const PREMISES = [
  'lot', 'no', 'floor', 'flr', 'level', 'unit', 'suite', 'block', 'blk', 'blok', 'ground', 'building', 'bldg',
  'kuala', 'selangor', 'johor', 'bandar', 'kawasan', 'perindustrian', 'kampung', 'kg', 'batu', 'pusat', 'mall',
  'centre', 'center', 'complex', 'kompleks', 'wisma', 'menara', 'bangunan',
  'etage', 'étage', 'bâtiment', 'piso', 'planta', 'interno',
];

/**
 * German and Dutch street names are compounds ending in the type: "Hauptstraße", "Kerkstraat".
 * "strabe": an OCR model without ß reads it as B ("HauptstraBe"; `joinAddressRows` writes it back).
 */
const COMPOUND_ENDINGS = ['straße', 'strasse', 'strabe', 'str', 'weg', 'platz', 'allee', 'gasse', 'damm', 'straat', 'laan', 'plein', 'gracht', 'kade'];

const words = (list: readonly string[]) => list.map((w) => w.replace('.', '\\.')).join('|');
const compound = `\\p{L}{3,}(?:${words(COMPOUND_ENDINGS)})\\.?(?=\\s*\\d)`;
/** Spanish "C/ Gran Vía" (calle), "Avda." and Italian "V.le" (viale): abbreviations with a mark in them. */
const marked = `(?<!\\p{L})(?:c\\/|v\\.le)\\s?\\p{L}`;

/** A street type: the line is an address line even without a number. */
export const STREET_WORD = new RegExp(`(?<!\\p{L})(?:${words(STREET_TYPES)})(?!\\p{L})|${compound}|${marked}`, 'iu');

/** Address vocabulary: a line with a number and one of these is an address line, not a name. */
export const ADDRESS_WORD = new RegExp(`(?<!\\p{L})(?:${words([...STREET_TYPES, ...AMBIGUOUS_STREET_TYPES, ...PREMISES])})\\.?(?!\\p{L})|${compound}|${marked}`, 'iu');

/**
 * How an address's first line opens: a street word, a unit/lot/floor marker, or a house number.
 * A line under the name that opens otherwise (a branch name, "SITE: 1046", a slogan) is not it.
 */
export const ADDRESS_START = new RegExp(
  `(?<!\\p{L})(?:${words([...STREET_TYPES, 'lot', 'floor', 'flr', 'level', 'unit', 'block', 'blk', 'suite'])})(?!\\p{L})|${compound}|${marked}|^\\W{0,2}(?:no\\.?\\s*:?\\s*|[a-z]{1,2}[-.\\s]?)?\\d`,
  'iu',
);

/**
 * A street type that also names other things ("PLAZA", "ST", "PLACE") opens an address as well when
 * the line has a number: "Plaza España 7", "Shop 7, 4 Queen St".
 */
export const STREET_WITH_NUMBER = new RegExp(`^(?=.*\\d).*(?<!\\p{L})(?:${words(AMBIGUOUS_STREET_TYPES)})(?!\\p{L})`, 'iu');

/**
 * A postcode with its town, in the orders countries print them: "47400 PETALING JAYA", "10115
 * Berlin", "75004 Paris", "D-10115 Berlin" (town after a five-digit code); "Sacramento, CA 95815"
 * (a US state and ZIP; "Sydney NSW 2000", an Australian state and postcode); "London W8 7RL" (a UK postcode); "1012 AB Amsterdam" (Dutch); "K1A 0B6"
 * (Canadian). Not "LOT 12345" or "NO. 12345".
 */
export const POSTCODE_TOWN = new RegExp(
  [
    `(?<!\\b(?:[Ll][Oo][Tt]|[Nn][Oo])\\.?\\s*)(?:\\b[A-Z]{1,2}-)?\\b\\d{5}\\s*,?\\s*\\p{L}{2,}`,
    `\\p{L}{2,},?\\s+[A-Z]{2}\\.?\\s+\\d{5}(?:-\\d{4})?\\b`,
    `\\p{L}{2,},?\\s+(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\\s+\\d{4}\\b`,
    `(?<![\\p{L}\\d])[A-Z]{1,2}\\d[A-Z\\d]?\\s+\\d[A-Z]{2}(?![\\p{L}\\d])`,
    `(?<![\\p{L}\\d])\\d{4}\\s?[A-Z]{2}\\s+\\p{Lu}\\p{L}+`,
    `(?<![\\p{L}\\d])[A-Z]\\d[A-Z]\\s?\\d[A-Z]\\d(?![\\p{L}\\d])`,
  ].join('|'),
  'u',
);

/** Regions that close an address (Malaysia's and Singapore's states), and countries. */
export const REGION_OR_COUNTRY =
  /(?<!\p{L})(?:selangor|johor|kuala\s*lumpur|kl|wilayah|persekutuan|pulau\s*pinang|penang|perak|pahang|kedah|kelantan|terengganu|melaka|malacca|negeri\s*sembilan|sabah|sarawak|perlis|putrajaya|labuan|darul\s*(?:ehsan|takzim|makmur|aman|naim|khusus)|malaysia|singapore|usa|united\s*states|canada|united\s*kingdom|england|scotland|wales|ireland|deutschland|germany|österreich|austria|schweiz|suisse|svizzera|switzerland|france|belgique|belgië|belgium|nederland|netherlands|españa|spain|italia|italy|portugal|australia|new\s*zealand)(?!\p{L})/iu;

/**
 * Where an address ends: contact details, tax and company ids, document data. Whole words ("TEL",
 * "TEL:03", "GST"), so that a town or street that contains one ("Pioltello", "Castel", "TELUK")
 * does not end it.
 */
export const END_OF_ADDRESS =
  /(?<!\p{L})(?:tel(?:no)?|telephone|phone|fax|h\/p|hp\s*:|e-?mail|gst|sst|tax|vat|abn|acn|tva|iva|btw|ust|uid|nif|cif|siret|siren|invoice|receipt|bill|date|cashier|table|order|doc(?:ument)?\s*no|website|guest|check)(?!\p{L})|www\.|@/iu;

/** Header lines that are not the merchant: document titles, greetings, contact and tax lines. */
export const NOT_MERCHANT =
  /^(?:tax\s*invoice|invoice|receipt|official\s*receipt|cash\s*(?:bill|sales?)|simplified|welcome|thank|copy|reprint|duplicate|tel|fax|phone|gst|sst|reg|co\.?\s*reg|company\s*(?:no|reg)|date|time|cashier|table|no\.?\s*\d)/i;
