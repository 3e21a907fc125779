/**
 * The margins CSV parser shared by `report --weights` and the server's margins (issue 30): pure, it names the file
 * and the line in a MarginsCsvError; the CLI's wording of each message is test/cli/report.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { MarginsCsvError, parseMarginsCsv } from '../../../analysis/weighting/parse-margins-csv.ts';

describe('parseMarginsCsv', () => {
  it('reads the margins in any column order, with quotes, a BOM, CRLF and blank lines, keeping each line', () => {
    const parsed = parseMarginsCsv('\uFEFFpopulation,question,value\r\n\r\n"1000",ward,chuo\r\n2e3,"ward","ki""ta"\r\n', 'm.csv');
    expect(parsed.margins[0]).toEqual({ question: 'ward', value: 'chuo', population: 1000 });
    expect(parsed.lines).toEqual([3, 4]);
    expect(parsed.margins[1]).toEqual({ question: 'ward', value: 'ki"ta', population: 2000 });
  });

  it('throws MarginsCsvError naming FILE:LINE, with the line', () => {
    const cases: Array<[string, string, number | undefined]> = [
      ['question,value,population\nward,chuo,-1\n', 'm.csv:2: population must be a number > 0, got "-1"', 2],
      ['question,value\nward,chuo\n', 'm.csv:1: the header must name the columns question,value,population; got "question,value"', 1],
      ['question,value,population\nward,chuo\n', 'm.csv:2: expected 3 fields like the header, got 2: "ward,chuo"', 2],
      ['question,value,population\n,chuo,1\n', 'm.csv:2: question and value must not be empty: ",chuo,1"', 2],
      ['\n\n', 'm.csv: empty; expected a header question,value,population and one line per margin', undefined],
    ];
    for (const [text, message, line] of cases) {
      let error: unknown;
      try {
        parseMarginsCsv(text, 'm.csv');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(MarginsCsvError);
      expect((error as MarginsCsvError).message).toBe(message);
      expect((error as MarginsCsvError).line).toBe(line);
    }
  });
});
