// The fields of a multipart/form-data body, as the platform fakes read uploads and forms.
import type { IncomingMessage } from 'node:http';

export interface MultipartField {
  data: Buffer;
  /** Present on file parts. */
  filename?: string;
  contentType?: string;
}

/** Each field of the body by name (the first of a repeated name); empty when it is not multipart. */
export function multipartFields(req: IncomingMessage, body: Buffer): Map<string, MultipartField> {
  const fields = new Map<string, MultipartField>();
  const boundary = /boundary=([^;]+)/.exec(req.headers['content-type'] ?? '')?.[1];
  if (!boundary) return fields;
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(at + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    const name = /name="([^"]*)"/.exec(headers)?.[1];
    if (name !== undefined && !fields.has(name)) {
      const filename = /filename="([^"]*)"/.exec(headers)?.[1];
      const contentType = /content-type:\s*(\S+)/i.exec(headers)?.[1];
      fields.set(name, { data: part.subarray(split + 4), ...(filename === undefined ? {} : { filename }), ...(contentType ? { contentType } : {}) });
    }
    at = next;
  }
  return fields;
}
