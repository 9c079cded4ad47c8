/** The one way the web app talks to Kefu: the public API, with the session cookie. */

export type FieldErrors = Record<string, { description: string; error: string }[]>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
    readonly details: FieldErrors,
  ) {
    super(description);
  }
}

let csrfToken: string | null = null;

export function rememberCsrf(token: string): void {
  csrfToken = token;
}

function csrfFromCookie(): string | null {
  const match = /(?:^|;\s*)kefu_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  if (method !== 'GET') {
    const token = csrfFromCookie() ?? csrfToken;
    if (token) {
      headers['x-csrf-token'] = token;
    }
  }
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status === 204) {
    return undefined as T;
  }
  const json: unknown = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = json as { error?: string; description?: string; details?: FieldErrors };
    throw new ApiError(res.status, e.error ?? 'Error', e.description ?? res.statusText, e.details ?? {});
  }
  const maybe = json as { csrf_token?: unknown };
  if (typeof maybe.csrf_token === 'string') {
    rememberCsrf(maybe.csrf_token);
  }
  return json as T;
}
