/**
 * Polls a URL until it answers with a status below 500 (or `accept` says yes), or fails after `timeoutMs`
 * with the last error, so a service that never comes up names itself.
 */
export async function waitForUrl(
  url: string,
  options: {
    timeoutMs?: number;
    intervalMs?: number;
    accept?: (response: Response) => boolean;
    signal?: AbortSignal;
  } = {},
): Promise<Response> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const accept = options.accept ?? ((r: Response) => r.status < 500);
  let last = 'no answer';
  while (Date.now() < deadline) {
    options.signal?.throwIfAborted();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (accept(response)) return response;
      last = `HTTP ${response.status}`;
      await response.body?.cancel();
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
  throw new Error(`${url} did not answer within ${options.timeoutMs ?? 60_000} ms (${last})`);
}
