/**
 * Role labels of the parties (folded, EN/DE/FR/ES/NL/IT), as a whole segment or its start
 * ("Bill to: Acme Ltd"). Ship-to is a role of its own: its name is often the customer's, often not.
 * Shared by the hand-written finders (extract/parties.ts) and the party scorer (score/invoice-parties.ts).
 */
export const ROLE_WORDS = {
  seller: String.raw`seller|vendor|supplier|from|issued\s*by|remit\s*to|pay(?:able)?\s*to|payee|sender|verkaufer|lieferant|rechnungssteller|leistungserbringer|auftragnehmer|absender|fournisseur|vendeur|emetteur|prestataire|proveedor|emisor|vendedor|prestador|leverancier|verkoper|afzender|fornitore|cedente|venditore|prestatore|mittente|von|van|de|da`,
  buyer: String.raw`bill(?:ed)?\s*to|sold\s*to|invoice\s*to|customer|client|buyer|to|an|kaufer(?:\s*\/\s*leistungsempfanger)?|kunde|rechnungsempfanger|leistungsempfanger|auftraggeber|rechnungsadresse|rechnungsanschrift|destinataire|facture\s*a|facture\s*au\s*nom\s*de|acheteur|adresse\s*du\s*client|adresse\s*de\s*facturation|cliente|facturar\s*a|comprador|direccion\s*de\s*facturacion|klant|afnemer|koper|factuuradres|committente|cessionario|destinatario|intestatario|rechnung\s*an|factuur\s*aan|gefactureerd\s*aan|adresse\s*a|factura(?:do|r)\s*a|intestat[ao]\s*a|para|(?:customer|client|billing|invoice)\s*address`,
  ship: String.raw`ship(?:ped)?\s*to|deliver(?:ed|y)?\s*(?:to|address)|consignee|lieferadresse|lieferanschrift|warenempfanger|abweichender\s*warenempfanger|adresse\s*de\s*livraison|livraison|livre\s*a|direccion\s*de\s*entrega|enviar\s*a|afleveradres|leveradres|indirizzo\s*di\s*consegna|destinazione|consegna\s*a|leveren\s*aan|lieferung\s*an|direccion\s*de\s*envio`,
} as const;
export type Role = keyof typeof ROLE_WORDS;
export const ROLES = Object.keys(ROLE_WORDS) as Role[];
const WHOLE = Object.fromEntries(ROLES.map((r) => [r, new RegExp(`^(?:${ROLE_WORDS[r]})\\s*:?$`)])) as Record<Role, RegExp>;
const PREFIX = Object.fromEntries(ROLES.map((r) => [r, new RegExp(`^(?:${ROLE_WORDS[r]})\\s*:\\s*(?=\\S)`)])) as Record<Role, RegExp>;

/**
 * A two- to four-letter preposition alone on its line ("Von", "De", "Para") is a role label as printed
 * in text case; in capitals and without a colon it is as likely a monogram or a country code ("DE").
 */
const SHORT_ROLE = /^(?:von|van|de|da|para)$/;

/** The role a segment's text labels, as a whole ("Verkäufer") or as its start ("Bill to: Acme"). */
export function roleOf(folded: string, text: string): { role: Role; whole: boolean; rest: number } | null {
  const t = folded.trim();
  if (SHORT_ROLE.test(t) && !/\p{Ll}/u.test(text)) return null;
  for (const role of ROLES) if (WHOLE[role].test(t)) return { role, whole: true, rest: t.length };
  for (const role of ROLES) {
    const m = PREFIX[role].exec(t);
    if (m) return { role, whole: false, rest: m[0].length + (folded.length - folded.trimStart().length) };
  }
  return null;
}
