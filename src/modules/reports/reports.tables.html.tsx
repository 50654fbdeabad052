// The report's tables as HTML (preact SSR, which escapes every text): a real <table> with a
// caption, <th scope> headers and the national formats' spans (reports.grid.ts), inside a wrapper
// that scrolls sideways on a narrow screen so the page itself never does.
import type { GridCell, ReportGrid } from './reports.grid.js';

/** Turns a figure's ref (`table3.received.total`) into the address of the records behind it. */
export type CellHref = (ref: string) => string | undefined;

function Cell({ cell, cellHref }: { cell: GridCell; cellHref?: CellHref | undefined }) {
  const spans = { colspan: cell.colSpan, rowspan: cell.rowSpan };
  if (cell.header) {
    return (
      <th scope={cell.header} {...spans}>
        {cell.text}
      </th>
    );
  }
  const href = cell.ref ? cellHref?.(cell.ref) : undefined;
  return (
    <td class={cell.ref ? 'num' : 'note'} data-ref={cell.ref} {...spans}>
      {href ? <a href={href}>{cell.text}</a> : cell.text}
    </td>
  );
}

const Rows = ({ rows, cellHref }: { rows: GridCell[][]; cellHref?: CellHref | undefined }) => (
  <>
    {rows.map((row) => (
      <tr>
        {row.map((cell) => (
          <Cell cell={cell} cellHref={cellHref} />
        ))}
      </tr>
    ))}
  </>
);

/** One table of the report; its caption (统计表) is for screen readers only, the section heading shows. */
export function GridTable({ grid, idPrefix, cellHref }: { grid: ReportGrid; idPrefix: string; cellHref?: CellHref }) {
  const captionId = `${idPrefix}-${grid.key}-caption`;
  return (
    <section class="report-table-wrap" aria-labelledby={captionId} tabindex={0}>
      <table class={`report-table report-${grid.key}`} id={`${idPrefix}-${grid.key}`}>
        <caption id={captionId}>
          <span class="visually-hidden">{grid.caption}</span>
        </caption>
        {grid.head.length ? (
          <thead>
            <Rows rows={grid.head} cellHref={cellHref} />
          </thead>
        ) : null}
        {grid.bodies.map((rows) => (
          <tbody>
            <Rows rows={rows} cellHref={cellHref} />
          </tbody>
        ))}
      </table>
    </section>
  );
}

/** A named figure of the pre-2019 narrative report's annex table (the 2014 statistics form). */
export interface ReportStatistic {
  label: string;
  value: number | string | null;
}

/** 附表: the named figures of a pre-2019 report, one row each (no value printed as —). */
export function StatisticsTable({ rows, idPrefix }: { rows: ReportStatistic[]; idPrefix: string }) {
  const captionId = `${idPrefix}-statistics-caption`;
  return (
    <section class="report-table-wrap" aria-labelledby={captionId} tabindex={0}>
      <table class="report-table report-statistics" id={`${idPrefix}-statistics`}>
        <caption id={captionId}>政府信息公开情况统计表</caption>
        <thead>
          <tr>
            <th scope="col">统计指标</th>
            <th scope="col">数值</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td class="num">{r.value === null || r.value === '' ? '—' : String(r.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
