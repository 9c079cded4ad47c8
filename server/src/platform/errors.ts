import type { Locale } from './i18n.js';
import { matchSentence, type Message, renderMessage } from './messages.js';

/** Every error the API can answer with: one table, one envelope. */
const errorTable = {
  BadRequest: { status: 400, description: 'The request could not be read' },
  Unauthorized: { status: 401, description: "Couldn't authenticate you" },
  Forbidden: { status: 403, description: 'You do not have access to this resource' },
  RecordNotFound: { status: 404, description: 'Not found' },
  InvalidEndpoint: { status: 404, description: 'The requested endpoint does not exist' },
  Conflict: { status: 409, description: 'The record was changed by someone else' },
  PayloadTooLarge: { status: 413, description: 'The request body is too large' },
  UnsupportedMediaType: { status: 415, description: 'Unsupported content type' },
  RecordInvalid: { status: 422, description: 'Record validation errors' },
  TooManyRequests: { status: 429, description: 'Too many attempts; try again later' },
  InternalError: { status: 500, description: 'Something went wrong on our side' },
  ServiceUnavailable: { status: 503, description: 'The service is not ready' },
} as const;

export type ErrorCode = keyof typeof errorTable;

/**
 * One complaint about a field. `description` is English (logs, the CLI, job results); `message`
 * lets the HTTP edge say it in the reader's language. Zendesk clients see `description` and
 * `error` only.
 */
export type FieldError = { description: string; error: string; message?: Message };
export type FieldErrors = Record<string, FieldError[]>;
export type PublicFieldErrors = Record<string, { description: string; error: string }[]>;

/** A field error from the catalogue; `error` is a Zendesk-style code such as DuplicateValue. */
export function fieldError(message: Message, error = 'InvalidValue'): FieldError {
  return { description: renderMessage('en', message), error, message };
}

/** The details as the reader should read them; English text the catalogue knows is translated too. */
export function localizeDetails(details: FieldErrors, locale: Locale): PublicFieldErrors {
  const say = (e: FieldError): string => {
    if (locale === 'en') {
      return e.description;
    }
    const message = e.message ?? matchSentence(e.description);
    return message ? renderMessage(locale, message) : e.description;
  };
  return Object.fromEntries(Object.entries(details).map(([field, list]) => [field, list.map((e) => ({ description: say(e), error: e.error }))]));
}

export class KefuError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly description: string;
  readonly details: FieldErrors | undefined;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    options: { description?: string; details?: FieldErrors; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    const entry = errorTable[code];
    super(options.description ?? entry.description, { cause: options.cause });
    this.name = 'KefuError';
    this.code = code;
    this.status = entry.status;
    this.description = options.description ?? entry.description;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }

  /** The response body; field messages in `locale` (English when none is given). */
  toBody(locale: Locale = 'en'): { error: ErrorCode; description: string; details?: PublicFieldErrors } {
    return this.details
      ? { error: this.code, description: this.description, details: localizeDetails(this.details, locale) }
      : { error: this.code, description: this.description };
  }
}

export const notFound = (): KefuError => new KefuError('RecordNotFound');
export const forbidden = (description?: string): KefuError =>
  new KefuError('Forbidden', description ? { description } : {});

/**
 * A 422 naming one field; `error` is a Zendesk-style code such as DuplicateValue. Give a
 * catalogue message (`msg(...)`); an English string is still taken from modules not yet moved,
 * and is translated only when it is word for word a catalogue sentence.
 */
export function invalidField(field: string, message: Message | string, error = 'InvalidValue'): KefuError {
  const entry = typeof message === 'string' ? { description: message, error } : fieldError(message, error);
  return new KefuError('RecordInvalid', { details: { [field]: [entry] } });
}

export function invalidFields(details: FieldErrors): KefuError {
  return new KefuError('RecordInvalid', { details });
}
