import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countTextFilePages, TextPageCounter } from './count-text-pages.js';
import { decodeText, layoutPlainText } from './plain-text.js';

const lines = (n: number, text = (i: number) => `line ${i}`) => Array.from({ length: n }, (_, i) => text(i)).join('\n');

const TEXTS: Record<string, string> = {
  'one line': 'Invoice INV-1',
  'a final newline': 'a\n',
  '60 lines': lines(60),
  '60 lines and a newline': `${lines(60)}\n`,
  '61 lines': lines(61),
  '250 lines, CRLF': lines(250).replace(/\n/g, '\r\n'),
  'lone CRs': lines(130).replace(/\n/g, '\r'),
  'form feeds': `page one\fpage two\f\fpage four\f`,
  'blank pages inside, empty at the end': `${lines(70)}\f${'\n'.repeat(200)}\fx\f   \n \t\f`,
  'only whitespace': ' \n\t\n\u00a0\u3000',
  'non-breaking and other Unicode spaces only after a page': `${lines(60)}\n\u2003\u202f`,
};

describe('TextPageCounter', () => {
  for (const [name, text] of Object.entries(TEXTS)) {
    it(`counts as layoutPlainText lays out: ${name}`, () => {
      const expected = layoutPlainText(text, 'plain').length;
      const whole = new TextPageCounter();
      whole.add(text);
      expect(whole.finish()).toBe(expected);
      // Split everywhere a chunk boundary can fall (a CR and its LF apart, too).
      for (let cut = 1; cut < Math.min(text.length, 400); cut += 7) {
        const split = new TextPageCounter();
        split.add(text.slice(0, cut));
        split.add(text.slice(cut));
        expect(split.finish(), `cut at ${cut}`).toBe(expected);
      }
    });
  }
});

describe('countTextFilePages', () => {
  it('reads UTF-8 and UTF-16 files as decodeText does, across read chunks', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-text-pages-'));
    try {
      const text = `${lines(5000, (i) => `Posting ${i} ü € 12.50`)}\f${lines(30)}\n\n\f\n`;
      const files = {
        utf8: Buffer.from(text, 'utf8'),
        utf16: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      };
      for (const [name, bytes] of Object.entries(files)) {
        const file = path.join(dir, name);
        fs.writeFileSync(file, bytes);
        expect(await countTextFilePages(file), name).toBe(layoutPlainText(decodeText(bytes), 'plain').length);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
