/** The server's refusal in the words it gave, for a form or a button that sent something. */
export function refusalMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'something went wrong';
}

/**
 * Why a form did not go through, under it: what the user typed that cannot be sent (found before sending),
 * and, announced to screen readers, what the server refused.
 */
export function FormErrors({ invalid, refused }: { invalid?: string | null | undefined; refused?: unknown }) {
  return (
    <>
      {invalid ? <div className="field-error">{invalid}</div> : null}
      {refused ? (
        <div className="field-error" role="alert">
          {refusalMessage(refused)}
        </div>
      ) : null}
    </>
  );
}
