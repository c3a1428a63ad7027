/** Worker thread body: parses embedded invoice XML off the server's event loop (see read-embedded.ts). */
import { parentPort } from 'node:worker_threads';
import { EInvoiceXmlError, parseCii } from './cii.js';
import type { CiiRequest, CiiResponse } from './read-embedded.js';

parentPort?.on('message', (req: CiiRequest) => {
  let res: CiiResponse;
  try {
    res = { id: req.id, invoice: parseCii(req.xml), refused: null };
  } catch (err) {
    if (!(err instanceof EInvoiceXmlError)) res = { id: req.id, invoice: null, refused: `The embedded invoice XML could not be read (${String(err)}).` };
    else res = { id: req.id, invoice: null, refused: err.message };
  }
  parentPort?.postMessage(res);
});
