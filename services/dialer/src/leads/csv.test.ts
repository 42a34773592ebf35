import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser } from './csv.ts';

function parseAll(chunks: string[]): string[][] {
  const p = new CsvParser();
  const out: string[][] = [];
  for (const c of chunks) out.push(...p.push(c));
  out.push(...p.end());
  return out;
}

describe('CsvParser', () => {
  it('parses quoted fields with commas, quotes and newlines, CRLF and LF', () => {
    expect(parseAll(['a,b,c\r\n"x, y","say ""hi""","two\nlines"\n1,,3'])).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      ['1', '', '3'],
    ]);
  });
  it('keeps an empty quoted field and a trailing empty field', () => {
    expect(parseAll(['"",a,\n'])).toEqual([['', 'a', '']]);
  });
  it('skips blank lines', () => {
    expect(parseAll(['a\n\n\nb\n'])).toEqual([['a'], ['b']]);
  });
  it('rejects an unterminated quote at the end', () => {
    expect(() => parseAll(['a,"b'])).toThrow(/unterminated/);
  });
  it('gives the same records however the text is chunked', () => {
    const field = fc.oneof(fc.stringMatching(/^[a-z0-9 ]{0,6}$/), fc.string({ maxLength: 6 }).map((s) => `"${s.replace(/"/g, '""')}"`));
    const csv = fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }).map((rows) => rows.map((r) => r.join(',')).join('\n'));
    fc.assert(
      fc.property(csv, fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let prev = 0;
        for (const p of points) {
          chunks.push(text.slice(prev, p));
          prev = p;
        }
        chunks.push(text.slice(prev));
        expect(parseAll(chunks)).toEqual(parseAll([text]));
      }),
    );
  });
});
