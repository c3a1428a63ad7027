/**
 * Rows of a statement table that are not transactions, named in English, German, French, Spanish,
 * Dutch and Italian (folded text): the balance a statement or a page starts from, the balance it
 * ends or carries over at, and totals. A balance row is a checkpoint for the running balance; the
 * first opening row before any transaction is the opening balance, the last closing row after the
 * last transaction the closing balance.
 */
const B = '(?<![a-z])';
const E = '(?![a-z])';

const OPENING = new RegExp(
  `${B}(?:${[
    String.raw`balance\s*(?:brought|b\/?)\s*(?:forward|fwd|f)`,
    String.raw`brought\s*forward`,
    String.raw`previous\s*(?:statement\s*)?balance`,
    String.raw`last\s*(?:month'?s?|statement'?s?|period'?s?)\s*balance`,
    String.raw`(?:opening|beginning|starting|start)\s*balance`,
    String.raw`balance\s*(?:forward|at\s*start|from\s*last\s*statement)`,
    String.raw`u(?:e)?bertrag\s*(?:von|aus)`,
    String.raw`alter\s*(?:konto)?stand`,
    String.raw`anfangssaldo`,
    String.raw`saldo\s*(?:vormonat|alt|anterior|inicial|iniziale|precedente|vorige\s*periode|begin|vorig|vorherig)`,
    String.raw`vorig\s*saldo|beginsaldo|oud\s*saldo|saldo\s*vorige`,
    String.raw`solde\s*(?:precedent|anterieur|initial|d'ouverture|au\s*debut|reporte)|ancien\s*solde|report\s*(?:de\s*)?solde|solde\s*report`,
  ].join('|')})${E}`,
);

const CLOSING = new RegExp(
  `${B}(?:${[
    String.raw`(?:closing|new|ending|final)\s*balance`,
    String.raw`balance\s*(?:carried|c\/?)\s*(?:forward|fwd|f)`,
    String.raw`carried\s*forward`,
    String.raw`u(?:e)?bertrag\s*(?:auf|nach)`,
    String.raw`neuer\s*(?:konto)?stand|neuer\s*saldo|endsaldo`,
    String.raw`saldo\s*(?:neu|final|finale|actual|nuevo|al\s*cierre|attuale|contabile\s*finale)`,
    String.raw`nouveau\s*solde|solde\s*(?:final|de\s*cloture|nouveau)`,
    String.raw`nieuw\s*saldo|eindsaldo`,
  ].join('|')})${E}`,
);

/** A bare "Übertrag" / "report" carries a balance over a page break, whichever way. */
const CARRY = new RegExp(`${B}(?:u(?:e)?bertrag|a\\s*reporter|riporto|suma\\s*y\\s*sigue|transporte)${E}`);

const TOTAL = new RegExp(`^\\W*(?:\\S+\\s+)?(?:total(?:s|es|e)?|totaal|totaux|summe|gesamt|zwischensumme|sub[\\s-]*total|number\\s*of\\s*transactions)${E}`);

export type BalanceLabel = 'opening' | 'closing' | 'carry' | 'total';

/**
 * What a row's (folded) text says it is, when it is not a transaction. A totals row prints no date
 * and opens with its label ("Total des opérations", "Totals"): "TOTAL ENERGIES" on a dated row is a
 * purchase.
 */
export function balanceLabel(folded: string, dated: boolean): BalanceLabel | null {
  if (OPENING.test(folded)) return 'opening';
  if (CLOSING.test(folded)) return 'closing';
  if (CARRY.test(folded)) return 'carry';
  if (!dated && TOTAL.test(folded)) return 'total';
  return null;
}
