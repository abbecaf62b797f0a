import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

export interface ServedSpa {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the built SPA (index.html for unknown paths) and forwards /api to the API, as nginx does in production.
 * `apiUrl` may be a function: the API's config needs the SPA's URL (APP_URL) before the API listens.
 */
export async function serveSpa(distDir: string, apiUrl: string | (() => string)): Promise<ServedSpa> {
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/api/')) {
      const api = new URL(typeof apiUrl === 'function' ? apiUrl() : apiUrl);
      const upstream = httpRequest(
        { host: api.hostname, port: api.port, path: url, method: req.method, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
      return;
    }
    const path = normalize(join(distDir, decodeURIComponent(url.split('?')[0]!)));
    const file =
      path.startsWith(distDir) && existsSync(path) && statSync(path).isFile()
        ? path
        : join(distDir, 'index.html');
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
