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

export type FieldError = { description: string; error: string };
export type FieldErrors = Record<string, FieldError[]>;

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

  toBody(): { error: ErrorCode; description: string; details?: FieldErrors } {
    return this.details
      ? { error: this.code, description: this.description, details: this.details }
      : { error: this.code, description: this.description };
  }
}

export const notFound = (): KefuError => new KefuError('RecordNotFound');
export const forbidden = (description?: string): KefuError =>
  new KefuError('Forbidden', description ? { description } : {});

/** A 422 naming one field; `error` is a Zendesk-style code such as DuplicateValue. */
export function invalidField(field: string, description: string, error = 'InvalidValue'): KefuError {
  return new KefuError('RecordInvalid', { details: { [field]: [{ description, error }] } });
}

export function invalidFields(details: FieldErrors): KefuError {
  return new KefuError('RecordInvalid', { details });
}
