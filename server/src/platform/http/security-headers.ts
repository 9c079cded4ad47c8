import type { FastifyReply, FastifyRequest } from 'fastify';

// antd styles with CSS-in-JS, hence inline styles; scripts only from the app itself.
const appCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

export async function securityHeaders(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('referrer-policy', 'strict-origin-when-cross-origin');
  const type = String(reply.getHeader('content-type') ?? '');
  if (type.startsWith('text/html') && !req.url.startsWith('/api/docs')) {
    void reply.header('content-security-policy', appCsp);
    void reply.header('x-frame-options', 'SAMEORIGIN');
  }
}
