import { type ReactNode, useId } from 'react';

/** A column of a chart's table: its header, whether it holds figures, and its cell for one row. */
export interface ChartTableColumn<Row> {
  header: string;
  numeric?: boolean;
  cell(row: Row, index: number): ReactNode;
}

interface ChartFigureProps<Row> {
  /** Stable name, used by tests and the load benchmark. */
  name: string;
  title: string;
  /** One sentence saying what the chart shows, read by screen readers in place of the canvas. */
  summary: string;
  columns: readonly ChartTableColumn<Row>[];
  rows: readonly Row[];
  /** A sentence shown above the chart (a figure the chart alone does not say). */
  lead?: ReactNode;
  /** A legend written out in full under the chart (it wraps instead of being cut off inside the canvas). */
  legend?: { label: string; color: string; value?: string }[];
  children: ReactNode;
}

/** A chart with its text alternative: a summary for screen readers and the same figures as a table. */
export function ChartFigure<Row>({
  name,
  title,
  summary,
  columns,
  rows,
  lead,
  legend,
  children,
}: ChartFigureProps<Row>) {
  const id = useId();
  return (
    <figure className="card stack" data-chart={name} aria-labelledby={`${id}-title`} style={{ margin: 0 }}>
      <h2 id={`${id}-title`}>{title}</h2>
      {lead}
      <div className="chart-box" role="img" aria-label={summary}>
        {children}
      </div>
      {legend ? (
        <ul className="chart-legend" aria-label={`${title}: legend`}>
          {legend.map((item) => (
            <li key={item.label}>
              <span className="swatch" style={{ background: item.color }} aria-hidden="true" />
              <span>{item.label}</span>
              {item.value ? <span className="amount muted">{item.value}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <details>
        <summary>Show as table</summary>
        <table className="data">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col" className={c.numeric ? 'amount' : undefined}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c.header} className={c.numeric ? 'amount' : undefined}>
                    {c.cell(row, i)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
