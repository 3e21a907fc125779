/**
 * The one place errors become HTTP answers, all shaped `{error:{code,message,details?}}`
 * (contracts/submission.ts ApiErrorBody). Express 5 forwards rejected promises
 * from async handlers here, so routes simply throw.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiErrorBody } from '../contracts/submission.ts';
import { HttpError } from './http-error.ts';

/** body-parser's errors carry `type` and `status` (https://github.com/expressjs/body-parser#errors). */
interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
  charset?: string;
  encoding?: string;
}

export function toHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  const parserError = error as BodyParserError;
  switch (parserError?.type) {
    case 'entity.parse.failed':
      return new HttpError(400, 'malformed_json', `The body is not valid JSON: ${parserError.message}`);
    case 'entity.too.large':
      return new HttpError(413, 'payload_too_large', `The body is larger than the limit of ${parserError.limit} bytes`);
    case 'charset.unsupported':
      return new HttpError(415, 'unsupported_media_type', `Unsupported charset ${JSON.stringify(parserError.charset)}; send UTF-8 JSON`);
    case 'encoding.unsupported':
      return new HttpError(415, 'unsupported_media_type', `Unsupported content encoding ${JSON.stringify(parserError.encoding)}`);
    case 'request.aborted':
      return new HttpError(400, 'request_aborted', 'The request was aborted before its body arrived');
    default:
      // The router's decodeURIComponent of a path parameter (e.g. /api/surveys/%ff): a URIError
      // given status 400 but not `expose` (node_modules/router/lib/layer.js decodeParam).
      if (error instanceof URIError && isClientStatus(parserError.status)) {
        return new HttpError(400, 'malformed_path', 'The path contains a malformed %-escape');
      }
      // Other client errors from Express itself (http-errors with expose, e.g. a malformed %-escape in the path).
      if (parserError instanceof Error && (parserError as { expose?: boolean }).expose && isClientStatus(parserError.status)) {
        return new HttpError(parserError.status!, 'bad_request', parserError.message);
      }
      return undefined;
  }
}

function isClientStatus(status: unknown): boolean {
  return typeof status === 'number' && status >= 400 && status < 500;
}

export const errorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error); // let Express close the connection
  let httpError = toHttpError(error);
  if (!httpError) {
    // Unexpected: log everything for us, tell the client nothing internal.
    // The URL goes in as an argument, never as the format string: a "%s" or "%o" in it
    // would otherwise consume the error (https://nodejs.org/api/util.html#utilformatformat-args).
    console.error('%s %s failed:', req.method, req.originalUrl, error);
    httpError = new HttpError(500, 'internal_error', 'The server failed to handle this request; it has been logged');
  }
  const body: ApiErrorBody = { error: { code: httpError.code, message: httpError.message } };
  if (httpError.details) body.error.details = httpError.details;
  if (httpError.retryAfter !== undefined) res.set('Retry-After', String(httpError.retryAfter));
  res.status(httpError.status).json(body);
};

/** For /api paths no route matched. */
export const apiNotFound: RequestHandler = (req) => {
  throw new HttpError(404, 'not_found', `No API route for ${req.method} ${JSON.stringify(req.originalUrl)}`);
};
