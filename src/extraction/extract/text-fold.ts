/**
 * Lower-cases and strips accents while keeping every character at its index, so a label found in
 * the folded text ("facture n°", "fällig") maps back to the same words of the original line.
 */
export function fold(text: string): string {
  // Most text is ASCII: lower-casing alone keeps every index.
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  let out = '';
  for (const ch of text) {
    const base = ch.normalize('NFD')[0] ?? ch;
    const lower = base.toLowerCase();
    // Keep one UTF-16 unit per original unit: astral characters and expanding folds stay as they are.
    out += lower.length === ch.length ? lower : ch;
  }
  return out;
}
