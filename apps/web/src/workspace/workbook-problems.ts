/** The problems of an uploaded Excel template, read for people: the row and the field of each cell. */

/** One invalid cell as the server reports it (PUT /assessments/{id}/workbook, 422 invalid-workbook). */
export interface WorkbookProblem {
  sheet: string;
  cell: string;
  value: string;
  /** Why, as a stable code (absent from servers older than the code). */
  reason?: string;
  /** Why, in English with the specifics. */
  message: string;
}

export interface WorkbookProblemRow extends WorkbookProblem {
  /** The spreadsheet row (1 is the header), when the problem is in one row. */
  row?: number;
  /** The column's header on the Responses sheet (Domain, Item, Question, Answer, Comment), or the setting the cell holds. */
  field?: string;
}

/** The columns of the template's Responses sheet, as its header names them. */
const COLUMNS: Readonly<Record<string, string>> = { A: 'Domain', B: 'Item', C: 'Question', D: 'Answer', E: 'Comment' };

/** Row and field of each problem: "D5" is row 5, Answer; "B:B" is the Item column; a named cell is its own field. */
export function workbookProblemRows(problems: readonly WorkbookProblem[]): WorkbookProblemRow[] {
  return problems.map((problem) => {
    const cell = /^([A-Z]+)(\d+)$/.exec(problem.cell);
    if (cell) return { ...problem, row: Number(cell[2]), field: COLUMNS[cell[1]!] ?? cell[1]! };
    const column = /^([A-Z]+):\1$/.exec(problem.cell);
    if (column) return { ...problem, field: COLUMNS[column[1]!] ?? column[1]! };
    return problem.cell ? { ...problem, field: problem.cell, cell: '' } : problem;
  });
}
