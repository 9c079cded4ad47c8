import i18n from 'i18next';
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

/** The header every write carries, for the few calls that cannot go through api() (uploads with progress). */
export function csrfHeader(): Record<string, string> {
  const token = csrfFromCookie() ?? csrfToken;
  return token ? { 'x-csrf-token': token } : {};
}

async function parse<T>(res: Response): Promise<T> {
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

/** Uploads one file (its bytes as the body, as Zendesk takes them); several share one token. */
/** The server words its refusals in the language the app shows, not the browser's. */
function languageHeader(): Record<string, string> {
  return i18n.language ? { 'accept-language': i18n.language } : {};
}

export async function uploadFile(file: File, token?: string): Promise<{ upload: { token: string; attachments: { id: number; file_name: string }[] } }> {
  const query = new URLSearchParams({ filename: file.name, ...(token ? { token } : {}) });
  const res = await fetch(`/api/v2/uploads?${query.toString()}`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': file.type || 'application/octet-stream', ...languageHeader(), ...csrfHeader() },
    credentials: 'same-origin',
    body: file,
  });
  return parse(res);
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...languageHeader() };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(path, {
    method,
    headers: { ...headers, ...(method === 'GET' ? {} : csrfHeader()) },
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return parse<T>(res);
}
