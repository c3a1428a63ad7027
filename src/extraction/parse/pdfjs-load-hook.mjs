// A module-loading hook (node:module register) that loads pdfjs-dist's own files exactly as Node
// would, ahead of tsx's hooks, and without their source maps. Registered by pdfjs.ts; see there why.
import { readFile } from 'node:fs/promises';

const PDFJS_FILE = /\/node_modules\/pdfjs-dist\/[^?#]*\.mjs$/;
const SOURCE_MAP_COMMENT = /\n\/\/# sourceMappingURL=[^\n]*\s*$/;

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !PDFJS_FILE.test(url)) return nextLoad(url, context);
  const source = (await readFile(new URL(url), 'utf8')).replace(SOURCE_MAP_COMMENT, '\n');
  return { format: 'module', source, shortCircuit: true };
}
