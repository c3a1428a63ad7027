/**
 * The one place custom-field candidates are scored. Every candidate carries a features object; the
 * score is a logistic function of their weighted sum. The weights are set by hand today (not fitted
 * to devdata's custom gold); a learned scorer takes them over by replacing `scoreFeatures` with a
 * model trained on the same features.
 */
export type Relation = 'inline' | 'right' | 'below' | 'paragraph' | 'cue' | 'shape' | 'range' | 'builtin' | 'aggregate';

export interface CandidateFeatures {
  /** The label names what the field asks for (1), or there is no label (0: shapes, cues, ranges). */
  concept: number;
  /** The label also names a second concept the field asks for ("CONTACT: …" for a contact's email). */
  extraConcept: number;
  /** Party of the value against the party asked for: 1 agree, 0 unknown, -1 conflict; `roleAsked` says whether it mattered. */
  role: number;
  /** A buyer's attribute was asked and nothing says the value is the buyer's. */
  buyerUnknown: number;
  relation: Relation;
  /** Rows between label and value (a header over its cell). */
  rowsAway: number;
  /** A colon follows the label. */
  colon: number;
  /** The label opens its line. */
  atStart: number;
  /** The label is a generic key ("Nummer") read by the section it is in. */
  viaSection: number;
  /** How well the text fits the kind (parser's fit, or the built-in field's confidence). */
  fit: number;
  /** 0 at the top of the document, 1 at its end. */
  position: number;
  /** Other candidates that found the same value elsewhere. */
  repeats: number;
  /** The label names the period's end the field asks for (1), the other end (-1), or neither (0). */
  part: number;
}

const RELATION_WEIGHT: Record<Relation, number> = {
  inline: 0.9, right: 0.7, below: 0.35, paragraph: 0.5, cue: -0.2, shape: -0.6, range: -0.4, builtin: 1.0, aggregate: 0.8,
};

const W = {
  bias: -1.6,
  concept: 2.0,
  extraConcept: 0.9,
  role: 1.1,
  buyerUnknown: -1.2,
  rowsAway: -0.25,
  colon: 0.4,
  atStart: 0.3,
  viaSection: -0.3,
  fit: 1.4,
  position: -0.4,
  repeats: 0.25,
  part: 2.0,
};

export function scoreFeatures(f: CandidateFeatures): number {
  const z =
    W.bias +
    RELATION_WEIGHT[f.relation] +
    W.concept * f.concept +
    W.extraConcept * f.extraConcept +
    W.role * f.role +
    // A value of the other party is wrong however well it is labelled.
    (f.role < 0 ? -3 : 0) +
    W.buyerUnknown * f.buyerUnknown +
    W.rowsAway * Math.max(0, f.rowsAway - 1) +
    W.colon * f.colon +
    W.atStart * f.atStart +
    W.viaSection * f.viaSection +
    W.fit * f.fit +
    W.position * f.position +
    W.repeats * Math.min(3, f.repeats) +
    W.part * f.part;
  return 1 / (1 + Math.exp(-z));
}
