/** Recovery codes shown the one time they exist in the clear, with what they are for. */
export function RecoveryCodesNotice({ codes, standsInFor }: { codes: string[]; standsInFor: string }) {
  return (
    <div className="stack" role="status">
      <p>
        <strong>Save these recovery codes now.</strong> Each one signs you in once if you lose {standsInFor}:
        they are not shown again, and any codes you had before no longer work.
      </p>
      <ul aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
