/**
 * Whether a trained weights file says the same as the committed one. Training is deterministic, but
 * its inputs are not bit for bit across machines: OCR confidences from onnxruntime differ in the 7th
 * digit between processors, and means and weights follow them there. So numbers count as equal
 * within `tolerance` (relative to the larger, or absolute near zero); everything else (task, feature
 * names and order, model shape, thresholds' structure) must match exactly.
 */
export function sameWeights(committed: string, produced: string, tolerance = 1e-4): boolean {
  if (committed === produced) return true;
  try {
    return same(JSON.parse(committed), JSON.parse(produced), tolerance);
  } catch {
    return false;
  }
}

function same(a: unknown, b: unknown, tolerance: number): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i], tolerance));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    return ka.length === kb.length && ka.every((k) => k in rb && same(ra[k], rb[k], tolerance));
  }
  return a === b;
}
