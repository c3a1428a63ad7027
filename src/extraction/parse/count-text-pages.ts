import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { LINES_PER_PAGE } from './plain-text.js';

/**
 * The number of pages `layoutPlainText` makes of a text file, counted as the file streams past
 * instead of decoding it whole and laying out every word (a 20 MB text file is millions of words):
 * a page per 60 lines, a new one at each form feed, trailing pages with nothing on them dropped.
 * Decoded as decodeText does: UTF-16 LE with its byte-order mark, UTF-8 otherwise.
 */
export async function countTextFilePages(file: string): Promise<number> {
  const counter = new TextPageCounter();
  let decoder: StringDecoder | undefined;
  for await (const chunk of fs.createReadStream(file)) {
    let bytes = chunk as Buffer;
    if (!decoder) {
      const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
      decoder = new StringDecoder(utf16 ? 'utf16le' : 'utf8');
      if (utf16) bytes = bytes.subarray(2);
    }
    counter.add(decoder.write(bytes));
  }
  if (decoder) counter.add(decoder.end());
  return counter.finish();
}

/** Counts pages over text given in pieces; '\r\n' and a lone '\r' are line breaks, as in layoutPlainText. */
export class TextPageCounter {
  private pages = 0;
  private trailingEmpty = 0;
  private line = 0;
  private pageHasWords = false;
  private afterCr = false;

  add(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 && this.afterCr) {
        this.afterCr = false;
        continue;
      }
      this.afterCr = c === 13;
      if (c === 10 || c === 13) {
        this.line++;
        if (this.line % LINES_PER_PAGE === 0) this.closePage();
      } else if (c === 12) {
        this.line = 0;
        this.closePage();
      } else if (!this.pageHasWords && !isWhitespace(c)) {
        this.pageHasWords = true;
      }
    }
  }

  finish(): number {
    this.closePage();
    return this.pages - Math.min(this.trailingEmpty, this.pages - 1);
  }

  private closePage(): void {
    this.pages++;
    this.trailingEmpty = this.pageHasWords ? 0 : this.trailingEmpty + 1;
    this.pageHasWords = false;
  }
}

/** What `\s` matches in a JavaScript regular expression (layoutPlainText's words are `\S+`). */
function isWhitespace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
