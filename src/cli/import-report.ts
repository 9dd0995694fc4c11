import type { ImportResponse } from '../modules/usage/imports/import.dto';

export interface CodeCount {
  readonly code: string;
  readonly outcome: string;
  readonly count: number;
  /** The first line with this code. */
  readonly firstLine: number | null;
}

/** The problems listed, counted per code, most frequent first (then by code). */
export function countProblems(problems: ImportResponse['problems']): CodeCount[] {
  const byCode = new Map<string, { outcome: string; count: number; firstLine: number | null }>();
  for (const problem of problems) {
    const line = problem.line ?? null;
    const known = byCode.get(problem.code);
    if (known === undefined) {
      byCode.set(problem.code, { outcome: problem.outcome, count: 1, firstLine: line });
      continue;
    }
    known.count++;
    if (line !== null && (known.firstLine === null || line < known.firstLine)) {
      known.firstLine = line;
    }
  }
  return [...byCode.entries()]
    .map(([code, c]) => ({ code, ...c }))
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** What the CLI prints at the end: the counts, then the problems per code. */
export function formatReport(summary: ImportResponse, importRoute: string): string[] {
  const n = (value: number) => value.toLocaleString('en-US');
  const records =
    summary.accepted +
    summary.updated +
    summary.duplicates +
    summary.conflicts +
    summary.quarantined +
    summary.excluded +
    summary.rejected;
  const outcomes = (
    [
      ['accepted', summary.accepted],
      ['updated', summary.updated],
      ['duplicates', summary.duplicates],
      ['conflicts', summary.conflicts],
      ['quarantined', summary.quarantined],
      ['excluded', summary.excluded],
      ['rejected', summary.rejected],
    ] as const
  )
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${n(count)} ${name}`);
  const lines = [
    `import ${summary.id}: ${summary.status}, ${n(records)} records in ${n(summary.lines)} lines` +
      (outcomes.length > 0 ? `: ${outcomes.join(', ')}` : ''),
  ];
  if (summary.error !== null) lines.push(`  ${summary.error}`);
  const codes = countProblems(summary.problems);
  if (codes.length > 0) {
    lines.push(
      summary.problemsTruncated
        ? `problems by code, among the first ${n(summary.problems.length)} kept (the counts above are complete):`
        : 'problems by code:',
    );
    for (const c of codes) {
      const first = c.firstLine === null ? '' : `, first at line ${c.firstLine}`;
      lines.push(`  ${c.code}: ${n(c.count)} (${c.outcome}${first})`);
    }
    lines.push(`each one, with its line and message: GET ${importRoute}/${summary.id}`);
  }
  return lines;
}
