import { describe, expect, it } from 'vitest';
import { workbookProblemRows } from './workbook-problems.ts';

describe('workbookProblemRows', () => {
  it('reads the row and the column header of a cell, a whole column, and a named setting', () => {
    const rows = workbookProblemRows([
      { sheet: 'Responses', cell: 'D5', value: 'Maybe', message: 'not an option of item 1d' },
      { sheet: 'Responses', cell: 'E12', value: '=1+1', message: 'formulas are not accepted in comments' },
      { sheet: 'Responses', cell: 'B:B', value: '', message: 'the row of item 6e is missing' },
      { sheet: 'migov', cell: 'lockVersion', value: '', message: 'the template has lost its lock version' },
      { sheet: '', cell: '', value: '', message: 'the file is not an Excel workbook (.xlsx)' },
    ]);
    expect(rows.map(({ row, field, cell }) => [row, field, cell])).toEqual([
      [5, 'Answer', 'D5'],
      [12, 'Comment', 'E12'],
      [undefined, 'Item', 'B:B'],
      [undefined, 'lockVersion', ''],
      [undefined, undefined, ''],
    ]);
  });
});
