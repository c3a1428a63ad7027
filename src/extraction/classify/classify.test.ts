import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../pipeline.js';

const typeOf = async (text: string) => (await runPipeline({ bytes: Buffer.from(text), mediaType: 'text/plain', filename: 'x.txt' })).document_type;

describe('classify', () => {
  it('does not read version numbers and decimals as the dated rows of a bank statement', async () => {
    // A package manifest: dozens of "20.9", "^1.9.3" and the word "bank" once, no statement cue.
    const manifest = fs.readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8');
    expect(await typeOf(manifest)).toBe('other');
    const versions = Array.from({ length: 30 }, (_, i) => `lib-${i} ^${(i % 28) + 1}.${(i % 12) + 1}.${i % 10}  mirror  ${i + 10}.${i + 40}`).join('\n');
    expect(await typeOf(versions)).toBe('other');
  });

  it('still counts dated rows in every common form', async () => {
    const forms = ['03.01.2024', '3/1/24', '03-01', '03 Jan', '3 mars', '03. Okt', '12 dic'];
    const rows = Array.from({ length: 18 }, (_, i) => `${forms[i % forms.length]}  Card payment ${i}   ${(i + 1) * 3}.50`).join('\n');
    expect(await typeOf(`Bank\n${rows}`)).toBe('bank_statement');
  });
});
