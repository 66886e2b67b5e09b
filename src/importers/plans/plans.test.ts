import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { parseActionRows, isActionHeader } from './actions.js';
import { keyActionsCell, parseUkDate, scoreCell, splitDeadline } from './cells.js';
import { isRiskHeader, parseRiskRows } from './risks.js';
import { readTable } from './table.js';

const header =
  'ID,Theme,Risk Description,Risk Owner,Existing Key Controls and Sources of Assurance,Risk Score (current) impact x likelihood,Areas for Key Actions and Deadlines';
const csv = (lines: string[]) => Buffer.from([header, ...lines].join('\n'));

test('cells: UK dates, deadlines at the end of a key action, scores as registers write them', () => {
  assert.equal(parseUkDate('31/03/2020'), '2020-03-31');
  assert.equal(parseUkDate('1/4/19'), '2019-04-01');
  assert.equal(parseUkDate('30th September 2019'), '2019-09-30');
  assert.equal(parseUkDate('March 2020'), '2020-03-31');
  assert.equal(parseUkDate('31/02/2020'), undefined);
  assert.deepEqual(splitDeadline('Transition Board to be established by 30/09/2019'), {
    text: 'Transition Board to be established',
    deadline: '2019-09-30',
  });
  assert.deepEqual(splitDeadline('Review of governance arrangements (March 2020)'), {
    text: 'Review of governance arrangements',
    deadline: '2020-03-31',
  });
  assert.deepEqual(splitDeadline('Bespoke plan - 31 July 2019.'), {
    text: 'Bespoke plan',
    deadline: '2019-07-31',
  });
  assert.deepEqual(splitDeadline('Financial planning for 2020-2025'), {
    text: 'Financial planning for 2020-2025',
    deadline: null,
  });
  assert.equal(keyActionsCell('First\n- Second by 01/02/2020\n\n').length, 2);
  assert.deepEqual(scoreCell('20'), { score: 20 });
  assert.deepEqual(scoreCell('4 x 5'), { impact: 4, likelihood: 5 });
  assert.deepEqual(scoreCell('3×4 = 12'), { impact: 3, likelihood: 4, score: 12 });
  assert.deepEqual(scoreCell('12 (3x4)'), { score: 12, impact: 3, likelihood: 4 });
  assert.ok('error' in (scoreCell('high') ?? {}));
});

test('the register layout: title rows are skipped, each row is a risk or a rejection with its row and reason', async () => {
  const bytes = Buffer.from(
    [
      '5. Strategic Risk Assessment and Register,,,,,,',
      header,
      '1,Finance,Funding uncertainty,City Treasurer,Phasing,25,Financial planning',
      '2,Workforce,Recruitment,HR,Pathway,7,Recruit',
      ',Workforce,No id,HR,,4,',
      '1,Finance,Again,Someone,,4,',
      '3,Safeguarding,,Someone,,4,',
      '4,Safeguarding,DoLS backlog,AD,"Rota\nTeam",4 x 5,Capacity (March 2020)',
      '5,Safeguarding,Mismatch,AD,,3 x 4 = 16,',
    ].join('\n'),
  );
  const table = await readTable('register.csv', bytes, isRiskHeader);
  assert.deepEqual(table.fileErrors, []);
  const parsed = parseRiskRows(table.header, table.rows);
  assert.deepEqual(
    parsed.rows.map((r) => [r.row, r.reference, r.current]),
    [
      [3, '1', { impact: null, likelihood: null, score: 25 }],
      [8, '4', { impact: 4, likelihood: 5, score: 20 }],
    ],
  );
  assert.deepEqual(parsed.rows[1]!.keyActions, [{ text: 'Capacity', deadline: '2020-03-31' }]);
  assert.deepEqual(parsed.rejections, [
    {
      row: 4,
      reason:
        'Risk 2: Current score: 7 is not a possible score: impact and likelihood are each 1 to 5, so the score must be one of 1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25',
    },
    { row: 5, reason: 'The risk ID is missing' },
    { row: 6, reason: 'Risk ID 1 appears again (first on row 3)' },
    { row: 7, reason: 'Risk 3: the description is missing' },
    { row: 10, reason: 'Risk 5: Current score: The score 16 does not match impact 3 × likelihood 4 = 12' },
  ]);
  const noScore = parseRiskRows(['ID', 'Risk Description'], []);
  assert.match(noScore.fileErrors.join(), /No score column/);
  assert.equal(isRiskHeader(header.split(',')), true);
  assert.equal((await readTable('x.csv', csv([]), isRiskHeader)).rows.length, 0);
});

test('an Excel register reads like the CSV, with sheet rows as row numbers', async () => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Risk register');
  sheet.addRow(['Adult Social Care strategic risk register']);
  sheet.addRow(header.split(','));
  sheet.addRow([
    17,
    'Finance',
    'Long term funding uncertainty',
    'City Treasurer, Head of Finance',
    'Phasing',
    25,
    'Plan',
  ]);
  sheet.addRow([
    6,
    'Statutory and compliance',
    'S75 arrangements',
    'AD',
    'S75 agreement',
    6,
    new Date(Date.UTC(2020, 2, 31)),
  ]);
  const bytes = new Uint8Array(await book.xlsx.writeBuffer());
  const table = await readTable('register.xlsx', bytes, isRiskHeader);
  assert.equal(table.sheet, 'Risk register');
  const parsed = parseRiskRows(table.header, table.rows);
  assert.deepEqual(
    parsed.rows.map((r) => [r.row, r.reference, r.current.score, r.owners]),
    [
      [3, '17', 25, ['City Treasurer', 'Head of Finance']],
      [4, '6', 6, ['AD']],
    ],
  );
  const old = await readTable('register.xls', bytes, isRiskHeader);
  assert.match(old.fileErrors.join(), /save the sheet as .xlsx or CSV/);
});

test('an action plan: statuses and RAG as people write them, with row-level rejections', () => {
  const head = [
    'Ref',
    'Workstream',
    'Action',
    'Owner',
    'Start date',
    'Due date',
    'Status',
    'RAG',
    '% complete',
    'Risks',
    'Measures',
  ];
  assert.equal(isActionHeader(head), true);
  const parsed = parseActionRows(head, [
    {
      line: 2,
      cells: [
        'A1',
        'Assessment',
        'Reduce waiting list',
        'AD',
        '01/04/2019',
        '31/03/2020',
        'On track',
        'G',
        '40%',
        '2',
        '2A2',
      ],
    },
    {
      line: 3,
      cells: ['A2', 'Assessment', 'Go live', 'AD', '', '30/09/2019', 'Completed', 'Blue', '', '', ''],
    },
    { line: 4, cells: ['A3', 'Assessment', 'Bad status', 'AD', '', '', 'Maybe', '', '', '', ''] },
    { line: 5, cells: ['A4', '', 'No workstream', '', '', '', '', '', '', '', ''] },
    {
      line: 6,
      cells: ['A5', 'Workforce', 'Red without reason', '', '', '', 'In progress', 'Red', '10', '', ''],
    },
    { line: 7, cells: ['A6', 'Workforce', 'Backwards', '', '31/03/2020', '01/03/2020', '', '', '', '', ''] },
  ]);
  assert.deepEqual(
    parsed.rows.map((r) => [
      r.reference,
      r.status,
      r.rag,
      r.percentComplete,
      r.riskReferences,
      r.measureCodes,
    ]),
    [
      ['A1', 'in-progress', 'green', 40, ['2'], ['2A2']],
      ['A2', 'complete', 'green', 100, [], []],
    ],
  );
  assert.deepEqual(
    parsed.rejections.map((r) => r.row),
    [4, 5, 6, 7],
  );
  assert.match(parsed.rejections[0]!.reason, /^Action A3: Status "Maybe" is not one of/);
  assert.equal(parsed.rejections[2]!.reason, 'Action A5: Say why the action is red');
});
