import { createHash, randomBytes } from 'node:crypto';
import type { Reply } from './http.ts';

// A minimal Azure Blob Storage, enough for what @azure/storage-blob's BlockBlobClient.uploadStream sends
// (@actions/artifact's blob-upload.ts): Put Block (`PUT ?comp=block&blockid=<base64>`) for each chunk, then
// Put Block List (`PUT ?comp=blocklist` with `<BlockList><Latest>id</Latest>…</BlockList>`), and Get Blob for
// downloads. URLs are path-style (`/<account>/<container>/<blob>`), which the SDK uses for IP hosts, and carry a
// SAS-like `sig` that must match the one handed out (a wrong or missing signature is AuthenticationFailed).

const API_VERSION = '2026-02-06';

function azureError(status: number, code: string, message: string): Reply {
  const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return { status, headers: { 'content-type': 'application/xml', 'x-ms-error-code': code }, body: Buffer.from(xml) };
}

function commonHeaders(): Record<string, string> {
  return {
    'x-ms-request-id': randomBytes(16).toString('hex'),
    'x-ms-version': API_VERSION,
    date: new Date().toUTCString(),
  };
}

/** Blob storage on the stand-in's second origin: signed upload targets and signed downloads. */
export class BlobStore {
  private readonly origin: () => string;
  private readonly signatures = new Map<string, string>();
  private readonly staged = new Map<string, Map<string, Buffer>>();
  private readonly committed = new Map<string, Buffer>();
  private readonly sources = new Map<string, () => Buffer | undefined>();

  /** `origin` is read when a URL is signed: the server's port is known only once it listens. */
  constructor(origin: () => string) {
    this.origin = origin;
  }

  private sign(path: string, permissions: string): string {
    const sig = this.signatures.get(path) ?? randomBytes(24).toString('base64');
    this.signatures.set(path, sig);
    const expires = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const query = new URLSearchParams({ sv: '2025-05-05', se: expires, sr: 'b', sp: permissions, sig });
    return `${this.origin()}${path}?${query.toString()}`;
  }

  /** A signed URL a client may upload a block blob to. */
  uploadUrl(path: string): string {
    return this.sign(path, 'cw');
  }

  /** A signed URL serving `content()` (read when the URL is fetched). */
  downloadUrl(path: string, content: () => Buffer | undefined): string {
    this.sources.set(path, content);
    return this.sign(path, 'r');
  }

  /** The committed content of an uploaded blob. */
  uploaded(path: string): Buffer | undefined {
    return this.committed.get(path);
  }

  /** Answers a blob request; undefined when the path is not a blob this store knows. */
  handle(method: string, url: URL, body: Buffer): Reply | undefined {
    const path = url.pathname;
    const expected = this.signatures.get(path);
    if (expected === undefined) return undefined;
    if (url.searchParams.get('sig') !== expected) {
      return azureError(
        403,
        'AuthenticationFailed',
        'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.',
      );
    }
    const comp = url.searchParams.get('comp');
    if (method === 'PUT' && comp === 'block') {
      const blockId = url.searchParams.get('blockid');
      if (!blockId) return azureError(400, 'MissingRequiredQueryParameter', 'blockid is required');
      const blocks = this.staged.get(path) ?? new Map<string, Buffer>();
      blocks.set(blockId, body);
      this.staged.set(path, blocks);
      const md5 = createHash('md5').update(body).digest('base64');
      return {
        status: 201,
        headers: { ...commonHeaders(), 'content-md5': md5, 'x-ms-request-server-encrypted': 'true' },
        body: Buffer.alloc(0),
      };
    }
    if (method === 'PUT' && comp === 'blocklist') {
      const blocks = this.staged.get(path) ?? new Map<string, Buffer>();
      const parts: Buffer[] = [];
      for (const match of body.toString('utf8').matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)) {
        const block = blocks.get(match[2] ?? '');
        if (!block) return azureError(400, 'InvalidBlockList', 'The specified block list is invalid.');
        parts.push(block);
      }
      this.committed.set(path, Buffer.concat(parts));
      this.staged.delete(path);
      const etag = `"0x${randomBytes(8).toString('hex').toUpperCase()}"`;
      return {
        status: 201,
        headers: {
          ...commonHeaders(),
          etag,
          'last-modified': new Date().toUTCString(),
          'x-ms-request-server-encrypted': 'true',
        },
        body: Buffer.alloc(0),
      };
    }
    if (method === 'GET' || method === 'HEAD') {
      const content = this.sources.get(path)?.() ?? this.committed.get(path);
      if (!content) return azureError(404, 'BlobNotFound', 'The specified blob does not exist.');
      return {
        status: 200,
        headers: {
          ...commonHeaders(),
          'content-type': 'application/zip',
          'x-ms-blob-type': 'BlockBlob',
          'content-disposition': `attachment; filename="${path.split('/').pop() ?? 'artifact.zip'}"`,
        },
        body: method === 'HEAD' ? Buffer.alloc(0) : content,
      };
    }
    return azureError(405, 'UnsupportedHttpVerb', `The resource doesn't support the specified HTTP verb ${method}.`);
  }
}
