import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentPath } from '../../../test/fixtures/documents.js';
import { runExtractCommand } from './extract-command.js';

const invoice = documentPath('data/extractthinker/invoice.pdf');

describe('docsift extract', () => {
  it('writes one result per file and keeps going past an unreadable one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'docsift-cli-'));
    const broken = path.join(dir, 'broken.pdf');
    writeFileSync(broken, 'not a pdf');
    const errors: string[] = [];
    const code = await runExtractCommand([broken, invoice, '--out', path.join(dir, 'out')], { stdout: () => {}, stderr: (l) => errors.push(l) });
    expect(code).toBe(1);
    expect(errors.join('\n')).toMatch(/broken\.pdf: PROCESSING_ERROR \(FILE_CORRUPT\): /);
    const result = JSON.parse(readFileSync(path.join(dir, 'out', 'invoice.json'), 'utf8'));
    expect(result).toMatchObject({ filename: 'invoice.pdf', status: 'completed', pages: 1, document_type: 'invoice' });
    expect(result.data.invoice_number).toBe('00012');
  });

  it('prints to stdout and honours --type', async () => {
    const out: string[] = [];
    const code = await runExtractCommand([invoice, '--type', 'receipt'], { stdout: (l) => out.push(l), stderr: () => {} });
    expect(code).toBe(0);
    expect(JSON.parse(out[0]).document_type).toBe('receipt');
  });
});
