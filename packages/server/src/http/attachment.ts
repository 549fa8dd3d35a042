/** Stored files (evidence) and downloads go out as attachments only: never rendered by the browser, never able to run anything. */
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply } from 'fastify';

/**
 * The Content-Disposition of an attachment named `filename`, encoded per RFC 6266 / RFC 8187 (the
 * `content-disposition` library, decision 0409): quotes, backslashes and control characters cannot
 * end the parameter or add another one, and a name outside ISO-8859-1 gets an ASCII `filename`
 * fallback plus `filename*` in UTF-8.
 */
export function attachmentDisposition(filename: string): string {
  return contentDisposition(filename.replace(/\p{Cc}/gu, '_'), { type: 'attachment' });
}

/** Send a file as an attachment with an encoded file name and a sandboxing Content-Security-Policy. */
export function sendAttachment(
  reply: FastifyReply,
  file: { filename: string; mediaType: string },
  bytes: Uint8Array,
  cacheControl: string,
): FastifyReply {
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', attachmentDisposition(file.filename))
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', cacheControl)
    .send(Buffer.from(bytes));
}
