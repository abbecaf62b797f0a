/** A titled list of named amounts, or a sentence when there is none. */
export function MoneyList({
  title,
  empty,
  rows,
}: {
  title: string;
  empty: string;
  rows: { key: string; label: string; detail?: string; value: string }[];
}) {
  const id = `list-${title.toLowerCase().replaceAll(/[^a-z]+/g, '-')}`;
  return (
    <section className="card stack" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="plain">
          {rows.map((r) => (
            <li key={r.key}>
              <span>
                {r.label}
                {r.detail ? <span className="muted small"> · {r.detail}</span> : null}
              </span>
              <span className="amount">{r.value}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
