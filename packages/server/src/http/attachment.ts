/** Stored files (evidence) go out as downloads only: never rendered by the browser, never able to run anything. */
import type { FastifyReply } from 'fastify';

/** Send a file as an attachment with a file name safe to quote and a sandboxing Content-Security-Policy. */
export function sendAttachment(reply: FastifyReply, file: { filename: string; mediaType: string }, bytes: Uint8Array, cacheControl: string): FastifyReply {
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', `attachment; filename="${file.filename.replace(/[^\w.() -]/g, '_')}"`)
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', cacheControl)
    .send(Buffer.from(bytes));
}
