/**
 * What receipts print in each country the rendered receipt set covers (train/rendered-receipts.ts):
 * shop names, streets and postcode lines, tax and contact lines, the wordings of the totals box and
 * the date styles. Written for this set from how such receipts look, not from any data set; the
 * names are invented (a chain name may resemble a real one, no address is a real shop's).
 */
export type Country = 'us' | 'uk' | 'de' | 'fr' | 'es' | 'it' | 'nl' | 'au' | 'ca' | 'sg' | 'jp';
export const COUNTRIES: readonly Country[] = ['us', 'uk', 'de', 'fr', 'es', 'it', 'nl', 'au', 'ca', 'sg', 'jp'];

export interface CountryStyle {
  locale: string;
  currency: string;
  /** Decimal places of the currency (yen: none). */
  decimals: 0 | 2;
  /** How a money amount prints; several styles, picked per receipt. */
  money: ((n: string) => string)[];
  shops: string[];
  branches: string[];
  /** Street lines: `#` is replaced by a house number. */
  streets: string[];
  /** Postcode-and-town lines as printed. */
  towns: string[];
  /** Contact and registration lines under the address (`#` → digits). */
  ids: string[];
  items: string[];
  subtotal: string[];
  /** Tax wording; `%` is replaced by the rate. Added on top (US, CA) or included in the prices. */
  tax: string[];
  rates: number[];
  taxAdded: boolean;
  total: string[];
  cash: string[];
  change: string[];
  card: string[];
  tip: string[];
  /** Date styles: `d`, `m`, `y` (4 digits), `yy`, `mon` (short month name), `HH:MM` after. */
  dates: string[];
  dateLabel: string[];
  thanks: string[];
}

const digits = (n: string) => n;
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const MONTH_NAMES: Record<string, string[]> = {
  en: EN_MONTHS,
  de: ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'],
  fr: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
  es: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic'],
  it: ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
  nl: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
};

const EN_ITEMS = ['BANANAS', 'WHOLE MILK 1GAL', 'SOURDOUGH LOAF', 'EGGS LARGE 12CT', 'COFFEE LATTE', 'CHICKEN WRAP', 'ORANGE JUICE', 'PAPER TOWELS', 'AA BATTERIES 4PK', 'GREEK YOGURT', 'CHEDDAR CHEESE', 'SPARKLING WATER', 'BURGER COMBO', 'CAESAR SALAD', 'FRIES LARGE', 'ICED TEA'];
const EUR = (sym: 'after' | 'before') => (n: string) => (sym === 'after' ? `${n} €` : `€${n}`);

export const STYLES: Record<Country, CountryStyle> = {
  us: {
    locale: 'en-US', currency: 'USD', decimals: 2, money: [(n) => `$${n}`, digits, digits],
    shops: ['MAPLE LEAF MARKET', 'Sunrise Diner', 'QUICKSTOP #2291', 'GREEN VALLEY GROCERY', 'Blue Door Coffee', 'Hilltop Hardware', 'Pacific Pharmacy', "Tony's Pizzeria"],
    branches: ['Store #175', 'Midtown', 'Store 0412', 'Riverside Plaza'],
    streets: ['# Point West Way', '# Main Street', '# N Broadway Ave', '# Elm St', '# Sunset Blvd, Suite 4', '# Oak Ridge Rd'],
    towns: ['Sacramento, CA 95815', 'Austin, TX 78701', 'Portland, OR 97205', 'Columbus, OH 43215', 'Denver, CO 80202', 'Raleigh NC 27601'],
    ids: ['(916) 920-####', 'Tel: (512) 555-####', 'Phone 503-555-####'],
    items: EN_ITEMS, subtotal: ['SUBTOTAL', 'Sub Total', 'SUB-TOTAL'], tax: ['TAX', 'SALES TAX %', 'Tax %'], rates: [8.25, 7, 6.5, 5], taxAdded: true,
    total: ['TOTAL', 'AMOUNT DUE', 'BALANCE DUE', 'Total', 'TOTAL DUE'], cash: ['CASH', 'Cash Tendered'], change: ['CHANGE', 'Change Due'], card: ['VISA ****', 'MASTERCARD ************', 'AMEX xxxx', 'DEBIT CARD ****'], tip: ['TIP', 'Gratuity'],
    dates: ['m/d/y HH:MM', 'm/d/yy HH:MM', 'mon d, y HH:MM', 'm/d/y'], dateLabel: ['', 'Date: ', ''], thanks: ['THANK YOU FOR SHOPPING WITH US', 'Thank you! Come again', 'Have a nice day'],
  },
  uk: {
    locale: 'en-GB', currency: 'GBP', decimals: 2, money: [(n) => `£${n}`, digits],
    shops: ['Corner Shop Ltd', 'THE GREEN GROCER', 'Harbour Fish & Chips', 'Pennywise Pharmacy', 'HIGH STREET BAKERY', 'The Crown Inn', 'Brooks & Sons Hardware'],
    branches: ['Express Kensington', 'Leeds Central', 'Store 2231'],
    streets: ['# High Street', '# Church Road', '# Victoria Avenue', 'Unit #, Riverside Retail Park', '# Market Place'],
    towns: ['London W8 7RL', 'Leeds LS1 4AP', 'Manchester M1 1AE', 'Bristol BS1 5TR', 'Edinburgh EH1 1YZ', 'York YO1 7HH'],
    ids: ['VAT No: GB 2## #### ##', 'Tel: 020 7946 ####', 'VAT Reg No. 71# #### ##', 'Tel 0113 496 ####'],
    items: EN_ITEMS, subtotal: ['SUBTOTAL', 'Sub-total'], tax: ['VAT %', 'Incl. VAT %'], rates: [20], taxAdded: false,
    total: ['TOTAL', 'BALANCE DUE', 'TOTAL TO PAY', 'Total', 'AMOUNT DUE'], cash: ['CASH', 'Cash'], change: ['CHANGE', 'Change due'], card: ['VISA DEBIT ****', 'CONTACTLESS ****', 'MASTERCARD ****'], tip: ['Service charge', 'Tip'],
    dates: ['d/m/y HH:MM', 'd/m/yy HH:MM', 'd mon y HH:MM', 'd-m-y'], dateLabel: ['', 'Date: '], thanks: ['Thank you for shopping with us', 'Please retain your receipt', 'Cheers!'],
  },
  de: {
    locale: 'de-DE', currency: 'EUR', decimals: 2, money: [digits, EUR('after'), (n) => `EUR ${n}`],
    shops: ['Bäckerei Schmidt', 'FRISCHMARKT', 'Apotheke am Dom', 'Café Lindenblatt', 'GETRÄNKE HOFFMANN', 'Metzgerei Bauer', 'Drogerie Weiß'],
    branches: ['Filiale 0231', 'Markt Nord', 'Fil. 112'],
    streets: ['Hauptstraße #', 'Bahnhofstr. #', 'Am Marktplatz #', 'Lindenallee #', 'Schillerweg #', 'Goethestraße #a'],
    towns: ['10115 Berlin', '80331 München', '50667 Köln', '20095 Hamburg', '04109 Leipzig', '70173 Stuttgart'],
    ids: ['Tel.: 030 ######', 'USt-IdNr.: DE#########', 'St.-Nr. ##/###/#####', 'Tel. 089 / ######'],
    items: ['Vollkornbrot', 'Brötchen 6 St.', 'Milch 3,5%', 'Kaffee Crema', 'Butter 250g', 'Äpfel lose', 'Mineralwasser', 'Käse Gouda', 'Bio Eier 10er', 'Apfelschorle', 'Brezel', 'Zahnpasta'],
    subtotal: ['Zwischensumme', 'Summe netto'], tax: ['MwSt %', 'enth. MwSt %', 'davon USt %'], rates: [19, 7], taxAdded: false,
    total: ['SUMME', 'Summe EUR', 'Gesamt', 'Zu zahlen', 'Gesamtbetrag', 'SUMME EUR'], cash: ['Gegeben BAR', 'Bar', 'Geg. Bar'], change: ['Rückgeld', 'Zurück'], card: ['EC-Karte', 'Girocard', 'Kartenzahlung'], tip: ['Trinkgeld'],
    dates: ['d.m.y HH:MM', 'd.m.yy HH:MM', 'd.m.y'], dateLabel: ['', 'Datum: ', 'Datum '], thanks: ['Vielen Dank für Ihren Einkauf', 'Danke und bis bald!', 'Wir danken für Ihren Besuch'],
  },
  fr: {
    locale: 'fr-FR', currency: 'EUR', decimals: 2, money: [EUR('after'), digits, (n) => `${n} EUR`],
    shops: ['Boulangerie du Marché', 'PHARMACIE CENTRALE', 'Café des Arts', 'EPICERIE FINE LOUIS', 'Le Petit Bistrot', 'Fromagerie Dubois', 'PRIMEUR DES HALLES'],
    branches: ['Magasin 0452', 'Paris Bastille', 'Caisse 3'],
    streets: ['# rue de Rivoli', '# avenue Jean Jaurès', '# boulevard Voltaire', '# place de la République', '#, rue du Commerce', '# quai des Chartrons'],
    towns: ['75004 Paris', '69002 Lyon', '13001 Marseille', '33000 Bordeaux', '31000 Toulouse', '44000 Nantes'],
    ids: ['Tél : 01 42 ## ## ##', 'SIRET ### ### ### #####', 'TVA FR## #########', 'Tel. 04 78 ## ## ##'],
    items: ['BAGUETTE TRADITION', 'CROISSANT', 'CAFE EXPRESSO', 'EAU MINERALE 1,5L', 'PAIN AU CHOCOLAT', 'COMTE AOP', 'JAMBON BLANC', 'YAOURT NATURE', 'TARTE AUX POMMES', 'JUS D ORANGE', 'SALADE NICOISE'],
    subtotal: ['SOUS-TOTAL', 'Total HT'], tax: ['dont TVA %', 'TVA %'], rates: [5.5, 10, 20], taxAdded: false,
    total: ['TOTAL TTC', 'TOTAL', 'NET A PAYER', 'Total à payer', 'MONTANT TTC'], cash: ['ESPECES', 'Espèces'], change: ['RENDU', 'Monnaie rendue'], card: ['CB', 'Carte bancaire', 'CB SANS CONTACT'], tip: ['Pourboire'],
    dates: ['d/m/y HH:MM', 'd/m/yy HH:MM', 'd mon y HH:MM', 'Le d/m/y à HH:MM'], dateLabel: ['', 'Date : '], thanks: ['Merci de votre visite', 'A bientôt !', 'Merci et bonne journée'],
  },
  es: {
    locale: 'es-ES', currency: 'EUR', decimals: 2, money: [EUR('after'), digits],
    shops: ['PANADERIA LA ESPIGA', 'Farmacia Central', 'Bar Restaurante El Puerto', 'FRUTERIA LOPEZ', 'Cafetería Sol', 'SUPERMERCADO DIA A DIA'],
    branches: ['Tienda 0087', 'Centro', 'Local 12'],
    streets: ['C/ Gran Vía, #', 'Calle Mayor #', 'Avda. de la Constitución #', 'Paseo de Gracia #', 'Plaza España #'],
    towns: ['28013 Madrid', '08007 Barcelona', '41001 Sevilla', '46002 Valencia', '29015 Málaga', '48001 Bilbao'],
    ids: ['NIF: B########', 'CIF B-########', 'Tel. 91 ### ## ##', 'Tlf: 93 ### ####'],
    items: ['PAN BARRA', 'CAFE CON LECHE', 'AGUA MINERAL', 'TOSTADA TOMATE', 'CROISSANT', 'ZUMO NARANJA', 'JAMON SERRANO', 'QUESO MANCHEGO', 'TORTILLA', 'CAÑA CERVEZA', 'ACEITE OLIVA'],
    subtotal: ['SUBTOTAL', 'Base imponible'], tax: ['IVA %', 'IVA % incluido'], rates: [10, 21, 4], taxAdded: false,
    total: ['TOTAL', 'TOTAL A PAGAR', 'Importe', 'TOTAL EUROS', 'IMPORTE TOTAL'], cash: ['EFECTIVO', 'Entregado'], change: ['CAMBIO', 'Cambio'], card: ['TARJETA', 'VISA ****'], tip: ['Propina'],
    dates: ['d/m/y HH:MM', 'd-m-y HH:MM', 'd/m/yy', 'd mon y HH:MM'], dateLabel: ['', 'Fecha: '], thanks: ['GRACIAS POR SU VISITA', 'Gracias y hasta pronto'],
  },
  it: {
    locale: 'it-IT', currency: 'EUR', decimals: 2, money: [digits, EUR('before'), EUR('after')],
    shops: ['PANIFICIO ROSSI', 'Farmacia San Marco', 'Bar Pasticceria Milano', 'ALIMENTARI BIANCHI', 'Trattoria da Gino', 'CARTOLERIA VERDI'],
    branches: ['Punto vendita 204', 'Cassa 2'],
    streets: ['Via Roma #', 'V.le Europa #', 'Piazza Garibaldi #', 'Corso Vittorio Emanuele #', 'Via dei Mille #/B'],
    towns: ['20096 Pioltello (MI)', '00184 Roma', '50123 Firenze', '40121 Bologna', '10121 Torino', '80133 Napoli'],
    ids: ['P.IVA 0##########', 'P. IVA IT0##########', 'Tel. 02 ### ####', 'C.F. 0##########'],
    items: ['PANE INTEGRALE', 'CAFFE', 'CAPPUCCINO', 'CORNETTO', 'ACQUA NATURALE', 'PARMIGIANO', 'PROSCIUTTO', 'MOZZARELLA', 'PASTA 500G', 'POMODORI', 'TRAMEZZINO'],
    subtotal: ['SUBTOTALE', 'Subtotale'], tax: ['di cui IVA %', 'IVA %'], rates: [22, 10, 4], taxAdded: false,
    total: ['TOTALE', 'TOTALE COMPLESSIVO', 'TOTALE EURO', 'Importo pagato', 'Totale'], cash: ['CONTANTI', 'Contante'], change: ['RESTO', 'Resto'], card: ['PAGAMENTO ELETTRONICO', 'BANCOMAT', 'CARTA'], tip: ['Mancia'],
    dates: ['d/m/y HH:MM', 'd-m-y HH:MM', 'd/m/yy HH:MM'], dateLabel: ['', 'Data: '], thanks: ['GRAZIE E ARRIVEDERCI', 'Grazie per la visita'],
  },
  nl: {
    locale: 'nl-NL', currency: 'EUR', decimals: 2, money: [digits, EUR('before'), (n) => `€ ${n}`],
    shops: ['Bakkerij de Molen', 'DROGISTERIJ VAN DIJK', 'Eetcafé De Hoek', 'GROENTEBOER JANSEN', 'Koffiebar Bonen', 'Slagerij Visser'],
    branches: ['Filiaal 1420', 'Centrum'],
    streets: ['Kalverstraat #', 'Dorpsstraat #', 'Kerkweg #', 'Marktplein #', 'Oudegracht #', 'Stationslaan #'],
    towns: ['1012 PH Amsterdam', '3511 AA Utrecht', '2511 BT Den Haag', '3011 AD Rotterdam', '9711 LM Groningen'],
    ids: ['BTW NL#########B01', 'KvK ########', 'Tel. 020 ### ####', 'Tel: 030-#######'],
    items: ['VOLKORENBROOD', 'KOFFIE', 'MELK HALFVOL', 'KAAS JONG BELEGEN', 'APPELS', 'STROOPWAFELS', 'CROISSANT', 'JUS D ORANGE', 'TOSTI', 'APPELTAART'],
    subtotal: ['Subtotaal', 'SUBTOTAAL'], tax: ['BTW %', 'waarvan BTW %'], rates: [9, 21], taxAdded: false,
    total: ['TOTAAL', 'Totaal', 'Te betalen', 'TE BETALEN', 'Totaal EUR'], cash: ['Contant', 'CONTANT'], change: ['Wisselgeld', 'Terug'], card: ['PIN', 'Pinbetaling', 'Maestro'], tip: ['Fooi'],
    dates: ['d-m-y HH:MM', 'd-m-yy HH:MM', 'd mon y HH:MM', 'd/m/y'], dateLabel: ['', 'Datum: '], thanks: ['Bedankt voor uw bezoek', 'Tot ziens!'],
  },
  au: {
    locale: 'en-AU', currency: 'AUD', decimals: 2, money: [(n) => `$${n}`, digits],
    shops: ['BONDI BAKEHOUSE', 'Harbour Pharmacy', 'Coastline Cafe', 'OUTBACK HARDWARE', 'Fresh Fields Grocer', 'The Corner Pub'],
    branches: ['Store 4021', 'Westfield Parramatta'],
    streets: ['# George St', '# Collins Street', 'Shop #, # Queen St', '# Beach Road', '# Hay Street'],
    towns: ['Sydney NSW 2000', 'Melbourne VIC 3000', 'Brisbane QLD 4000', 'Perth WA 6000', 'Adelaide SA 5000', 'Hobart TAS 7000'],
    ids: ['ABN ## ### ### ###', 'Ph: (02) 9### ####', 'ABN: ## ### ### ###', 'Tel 03 9### ####'],
    items: EN_ITEMS, subtotal: ['SUBTOTAL', 'Subtotal'], tax: ['GST INCLUDED', 'Includes GST', 'GST'], rates: [10], taxAdded: false,
    total: ['TOTAL', 'Total (incl GST)', 'TOTAL AUD', 'AMOUNT DUE', 'Total'], cash: ['CASH', 'Cash'], change: ['CHANGE', 'Change'], card: ['EFTPOS', 'VISA ****', 'MASTERCARD ****'], tip: ['Tip', 'Surcharge'],
    dates: ['d/m/y HH:MM', 'd/m/yy HH:MM', 'd mon y HH:MM'], dateLabel: ['', 'Date: '], thanks: ['Thanks for shopping with us', 'Cheers, see you soon'],
  },
  ca: {
    locale: 'en-CA', currency: 'CAD', decimals: 2, money: [(n) => `$${n}`, digits, (n) => `${n} $`],
    shops: ['NORTHERN GROCERS', 'Maple Street Cafe', 'Lakeshore Pharmacy', 'TRUE NORTH HARDWARE', 'Poutine Palace', 'Bayview Market'],
    branches: ['Store #318', 'Yonge & Bloor'],
    streets: ['# King St W', '# Yonge Street', '# Rue Sainte-Catherine', '# Granville St', '# Jasper Ave'],
    towns: ['Toronto, ON M5H 1J9', 'Vancouver, BC V6B 1A1', 'Montréal, QC H3B 2Y5', 'Calgary AB T2P 1J9', 'Ottawa, ON K1P 5G8'],
    ids: ['GST/HST # 8#### #### RT0001', 'Tel: (416) 555-####', 'GST# 1######## RT0001', '(604) 555-####'],
    items: EN_ITEMS, subtotal: ['SUBTOTAL', 'Sub Total'], tax: ['HST %', 'GST %', 'GST/HST %'], rates: [13, 5, 15], taxAdded: true,
    total: ['TOTAL', 'TOTAL DUE', 'AMOUNT DUE', 'Total'], cash: ['CASH', 'Cash'], change: ['CHANGE', 'Change'], card: ['INTERAC ****', 'VISA ****', 'DEBIT'], tip: ['TIP', 'Gratuity'],
    dates: ['y-m-d HH:MM', 'm/d/y HH:MM', 'd/m/y HH:MM', 'mon d, y'], dateLabel: ['', 'Date: '], thanks: ['THANK YOU / MERCI', 'Thanks for visiting'],
  },
  sg: {
    locale: 'en-SG', currency: 'SGD', decimals: 2, money: [(n) => `$${n}`, digits, (n) => `S$${n}`],
    shops: ['KOPI CORNER', 'Lion City Minimart', 'GOLDEN WOK RESTAURANT', 'Orchard Pharmacy', 'HAWKER DELIGHTS PTE LTD', 'Marina Bakery'],
    branches: ['Tampines Outlet', 'Jurong Point'],
    streets: ['# Orchard Road @02-1#', 'Blk # Tampines St 21', '# Raffles Place @01-2#', '# North Bridge Road'],
    towns: ['Singapore 238801', 'Singapore 048616', 'Singapore 520201', 'SINGAPORE 179097'],
    ids: ['GST Reg No: M2-######-#', 'Tel: 6###-####', 'UEN: 2015#####K', 'Tel 6### ####'],
    items: ['KOPI O', 'TEH TARIK', 'KAYA TOAST', 'CHICKEN RICE', 'LAKSA', 'MILO ICE', 'FRIED RICE', 'MINERAL WATER', 'CURRY PUFF', 'NASI LEMAK'],
    subtotal: ['SUBTOTAL', 'Sub-Total'], tax: ['GST %', 'GST % incl.'], rates: [9], taxAdded: true,
    total: ['TOTAL', 'NETT TOTAL', 'Grand Total', 'TOTAL (SGD)'], cash: ['CASH', 'Cash'], change: ['CHANGE', 'Change'], card: ['NETS', 'VISA ****', 'PAYNOW'], tip: ['Service Charge 10%'],
    dates: ['d/m/y HH:MM', 'd-m-y HH:MM', 'd mon y HH:MM'], dateLabel: ['', 'Date: '], thanks: ['THANK YOU. PLEASE COME AGAIN', 'Thank you!'],
  },
  jp: {
    locale: 'en-JP', currency: 'JPY', decimals: 0, money: [(n) => `¥${n}`, digits, (n) => `${n} JPY`],
    shops: ['SAKURA MART', 'Tokyo Coffee Stand', 'KAMIYA BOOKS', 'Ramen Ichiban', 'GINZA DRUGSTORE', 'Hikari Bakery'],
    branches: ['Shibuya Branch', 'Umeda Store'],
    streets: ['#-2-3 Shibuya, Shibuya-ku', '#-5-1 Ginza, Chuo-ku', '#-1-8 Umeda, Kita-ku'],
    towns: ['Tokyo 150-0002', 'Tokyo 104-0061', 'Osaka 530-0001'],
    ids: ['TEL 03-####-####', 'Registration No. T#############', 'TEL: 06-####-####'],
    items: ['GREEN TEA', 'ONIGIRI SALMON', 'BENTO BOX', 'MELON PAN', 'CANNED COFFEE', 'RAMEN SHOYU', 'GYOZA', 'NOTEBOOK A5', 'UMBRELLA', 'MATCHA LATTE'],
    subtotal: ['SUBTOTAL', 'Subtotal'], tax: ['(Tax % incl.)', 'Consumption Tax %'], rates: [10, 8], taxAdded: false,
    total: ['TOTAL', 'Total', 'AMOUNT', 'TOTAL (tax incl.)'], cash: ['CASH', 'Cash'], change: ['CHANGE', 'Change'], card: ['CREDIT ****', 'IC CARD'], tip: [],
    dates: ['y/m/d HH:MM', 'y-m-d HH:MM', 'y.m.d HH:MM'], dateLabel: ['', 'Date '], thanks: ['THANK YOU VERY MUCH', 'Please come again'],
  },
};

/** The language a country's months print in. */
export const MONTH_LANG: Record<Country, string> = { us: 'en', uk: 'en', de: 'de', fr: 'fr', es: 'es', it: 'it', nl: 'nl', au: 'en', ca: 'en', sg: 'en', jp: 'en' };
