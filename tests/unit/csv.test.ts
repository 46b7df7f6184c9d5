// The one CSV writer behind every export: numbers stay numbers, text that a spreadsheet would run
// as a formula is neutralised (OWASP), and the provenance lines come first.
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/lib/format/csv';
import { tableToCsv } from '../../src/lib/charts/table';
import { resultCsv } from '../../src/views/console/cells';

describe('one CSV cell', () => {
  it.each([
    ['a number', 42, '42'],
    ['a negative number', -2, '-2'],
    ['a negative number written as text', '-2', '-2'],
    ['a percentage as text', '12.5%', '12.5%'],
    ['a formula', '=1+1', "'=1+1"],
    ['a plus formula', '+cmd', "'+cmd"],
    ['the classic DDE payload', "-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"],
    ['a sum that starts with a minus', '-2+3', "'-2+3"],
    ['an at-sign', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab', '\tx', "'\tx"],
    ['a leading carriage return', '\rx', `"'\rx"`],
    ['a comma', 'a,b', '"a,b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['Chinese text', '汽车电子', '汽车电子'],
    ['null', null, ''],
    ['a boolean', true, 'true'],
  ] as const)('%s', (_n, v, want) => {
    expect(csvCell(v)).toBe(want);
  });
});

describe('a CSV document', () => {
  it('starts with a BOM, then the preamble lines and a blank line, then the header', () => {
    const csv = toCsv(['a', 'b'], [[1, 'x']], ['Source: Jiangmen Daily, 7 July 2023', 'Modelled data: not real']);
    expect(csv).toBe('\ufeff"Source: Jiangmen Daily, 7 July 2023"\r\nModelled data: not real\r\n\r\na,b\r\n1,x\r\n');
  });
  it('is the same for a chart table and a console result', () => {
    const chart = tableToCsv({
      columns: [
        { key: 'k', label: '名称' },
        { key: 'n', label: 'n', numeric: true },
      ],
      rows: [{ k: '=HYPERLINK("x")', n: -2 }],
    });
    expect(chart).toBe(resultCsv(['名称', 'n'], [['=HYPERLINK("x")', -2]]));
    expect(chart).toContain(`"'=HYPERLINK(""x"")",-2`);
  });
});
