/** A placeholder of the final size, so the layout does not move when the data arrives. */
export function Skeleton({
  height,
  width = '100%',
  label,
}: {
  height: number | string;
  width?: number | string;
  label?: string;
}) {
  return (
    <>
      <div className="skeleton" style={{ height, width }} aria-hidden="true" />
      {label ? (
        <span className="visually-hidden" role="status">
          {label}
        </span>
      ) : null}
    </>
  );
}
