import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Reply } from './http.ts';

/** One request as the stand-in received it. Headers are lower-cased and kept whole (authorization included),
 * so a test can check where a token was, and was not, sent. */
export interface RecordedRequest {
  /** `api` for the REST API, `actions` for the results service and blob storage (another origin). */
  service: 'api' | 'actions';
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON; undefined when it is empty or not JSON. */
  json: unknown;
  /** `METHOD /template` of the REST description the request matched. */
  operation?: string;
  /** The status the stand-in answered. */
  status: number;
}

/** Handles one received request; `url` is absolute, `body` the raw bytes. */
export type Handler = (
  request: IncomingMessage,
  url: URL,
  body: Buffer,
  record: RecordedRequest,
) => Promise<Reply> | Reply;

function flatHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A loopback server on a random port that records every request into `log` before handling it. */
export async function listen(
  service: RecordedRequest['service'],
  log: RecordedRequest[],
  handler: Handler,
): Promise<{ server: Server; origin: string }> {
  let origin = '';
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(request.url ?? '/', origin);
      const text = body.toString('utf8');
      const record: RecordedRequest = {
        service,
        method: request.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: flatHeaders(request),
        body: text,
        json: parseJson(text),
        status: 0,
      };
      log.push(record);
      Promise.resolve()
        .then(() => handler(request, url, body, record))
        .catch((error: unknown): Reply => ({
          status: 500,
          body: { message: `stand-in bug: ${error instanceof Error ? error.stack : String(error)}` },
        }))
        .then((reply) => {
          record.status = reply.status;
          const raw =
            reply.body === undefined
              ? Buffer.alloc(0)
              : Buffer.isBuffer(reply.body)
                ? reply.body
                : Buffer.from(JSON.stringify(reply.body));
          const headers: Record<string, string> = { ...reply.headers };
          if (!Buffer.isBuffer(reply.body) && reply.body !== undefined)
            headers['content-type'] ??= 'application/json; charset=utf-8';
          headers['content-length'] = String(raw.length);
          response.writeHead(reply.status, headers);
          response.end(raw);
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, origin };
}

/** Closes a server, dropping idle keep-alive connections so close() does not wait for clients. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
