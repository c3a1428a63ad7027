/**
 * pdfjs, loaded once for the process with the JavaScript built-ins left as they were.
 *
 * pdfjs-dist's legacy build (the one that runs on Node 20) bundles core-js, which replaces a few
 * built-ins process-wide when it loads: JSON.stringify and JSON.parse (to add JSON.rawJSON),
 * Array.prototype.push and Function.prototype.toString. Its JSON.stringify is about five times
 * slower, and the whole server uses it: pino writes every log line with it. pdfjs needs none of what
 * the replacements add, so pdfjs and its worker code (which would otherwise be imported, and replace
 * them again, on the first document) are loaded here and the built-ins put back right after.
 * Every use of pdfjs goes through this module.
 *
 * Its two files (3.3 MB of JavaScript) are loaded as they are, by `pdfjs-load-hook.mjs`, registered
 * here ahead of whatever loader the process runs under. Under tsx (`npm start`, bin/docsift.mjs),
 * tsx rewrites every dynamic `import(` in an ES module and hands Node the result with an inline
 * source map made at word granularity, and enables source maps process-wide, so Node also parses
 * pdfjs's own 8 MB of .map files: importing pdfjs took a process from 73 to 432 MB RSS (plain node:
 * 41 to 92 MB). pdfjs needs neither: none of its dynamic imports run (its worker is handed over
 * below), and stack traces into pdf.mjs are readable without a map.
 */
import { register } from 'node:module';

register('./pdfjs-load-hook.mjs', import.meta.url);

const builtIns = {
  push: Array.prototype.push,
  parse: JSON.parse,
  stringify: JSON.stringify,
  toString: Function.prototype.toString,
};

export const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
// pdfjs runs its "worker" on this thread in Node; handing it the module means it never imports it
// itself. (The module ships no type declarations: imported by a name held in a variable.)
const workerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import(workerModule);

Array.prototype.push = builtIns.push;
JSON.parse = builtIns.parse;
JSON.stringify = builtIns.stringify;
Function.prototype.toString = builtIns.toString;
