/**
 * The resolution an image is read at: the density its header declares when that is plausible
 * (72 to 1200 dpi), else 150 dpi. An image's size in PDF points follows from it, so OCR citations
 * (image-decode.ts) and the page images a client draws them on (the files API) must use this one rule.
 */
export function imageDpi(declaredDensity: number | undefined): number {
  return declaredDensity && declaredDensity >= 72 && declaredDensity <= 1200 ? declaredDensity : 150;
}
