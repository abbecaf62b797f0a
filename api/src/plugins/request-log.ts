import type { FastifyRequest } from 'fastify';

/** Query parameters that carry a credential: emailed report links (`t`), Plaid OAuth and link state. */
const SECRET_QUERY_KEYS = new Set([
  't',
  'token',
  'code',
  'state',
  'public_token',
  'link_token',
  'oauth_state_id',
]);

/** The request URL with every secret query value replaced by [redacted] (the path is kept as is). */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      let name = key;
      try {
        name = decodeURIComponent(key);
      } catch {
        // Keep the raw key.
      }
      return eq >= 0 && SECRET_QUERY_KEYS.has(name.toLowerCase()) ? `${key}=[redacted]` : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

/** pino serializer for `req`: Fastify's default fields, with the URL's secrets redacted. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
