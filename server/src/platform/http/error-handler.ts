import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Ctx } from '../../context.js';
import { type FieldError, type FieldErrors, fieldError, KefuError } from '../errors.js';
import { type Locale, readerLocale } from '../i18n.js';
import { issueMessage } from '../issue-messages.js';
import { msg, renderMessage } from '../messages.js';

type ValidationIssue = { instancePath: string; message?: string; keyword: string; params: Record<string, unknown> };

/** Turns zod issues into Zendesk's details: one entry per bad field, all of them. */
export function detailsFromIssues(issues: ValidationIssue[], prefix: string): FieldErrors {
  const details: FieldErrors = {};
  const add = (field: string, entry: FieldError): void => {
    (details[field] ??= []).push(entry);
  };
  for (const issue of issues) {
    const path = issue.instancePath.split('/').filter(Boolean).join('.');
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(issue.params.keys)) {
      for (const key of issue.params.keys as string[]) {
        add(path ? `${path}.${key}` : key, fieldError(msg('field.unknown', { key }), 'UnknownField'));
      }
      continue;
    }
    const field = path || prefix;
    const { message, english } = issueMessage({ code: issue.keyword, message: issue.message, params: issue.params });
    const said = { ...message, field };
    add(field, { description: english === null ? renderMessage('en', said) : `${field}: ${english}`, error: issue.keyword === 'invalid_type' ? 'InvalidType' : 'InvalidValue', message: said });
  }
  return details;
}

/** The caller's language: what the request asks for, else the signed-in user's, else the helpdesk's. */
function localeOf(request: FastifyRequest): Locale {
  // Routes without an account (setup, health) and errors before authentication have no context.
  const ctx: Ctx | undefined = request.ctx;
  const user = ctx?.actor.kind === 'user' ? ctx.actor.user.locale : null;
  return readerLocale(request.headers['accept-language'], user, ctx?.account.locale);
}

export function errorHandler(error: FastifyError | KefuError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof KefuError) {
    void reply.status(error.status).headers(error.headers).send(error.toBody(localeOf(request)));
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = (error as { validationContext?: string }).validationContext ?? 'body';
    const details = detailsFromIssues(error.validation, part);
    void reply.status(422).send(new KefuError('RecordInvalid', { details }).toBody(localeOf(request)));
    return;
  }
  const status = (error as FastifyError).statusCode;
  if (status === 413) {
    void reply.status(413).send(new KefuError('PayloadTooLarge').toBody());
    return;
  }
  if (status === 415) {
    void reply.status(415).send(new KefuError('UnsupportedMediaType').toBody());
    return;
  }
  if (status !== undefined && status >= 400 && status < 500) {
    // Fastify's own client errors: malformed JSON, empty body with a JSON type, etc.
    void reply.status(400).send(new KefuError('BadRequest', { description: error.message }).toBody());
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  void reply.status(500).send({ ...new KefuError('InternalError').toBody(), request_id: request.id });
}
