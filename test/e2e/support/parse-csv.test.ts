import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv.ts';

describe('parseCsv (the e2e tests’ reader of exports)', () => {
  it('reads quoted commas, doubled quotes and line breaks inside fields, CRLF or LF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\r\n"line\nbreak",\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['line\nbreak', ''],
    ]);
  });

  it('refuses a file cut inside a quote', () => {
    expect(() => parseCsv('a\n"open')).toThrow('ends inside a quoted field');
  });
});
