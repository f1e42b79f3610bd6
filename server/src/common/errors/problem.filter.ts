import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ErrorCode, FieldError } from './app-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

const problemType = (code: string): string => `urn:crm:problem:${code}`;

function describe(code: ErrorCode): { status: number; title: string } {
  switch (code) {
    case ErrorCode.Validation:
      return { status: 400, title: 'The request is not valid' };
    case ErrorCode.Unauthenticated:
      return { status: 401, title: 'Authentication is required' };
    case ErrorCode.InvalidCredentials:
      return { status: 401, title: 'Wrong login or password' };
    case ErrorCode.PasswordChangeRequired:
      return { status: 403, title: 'The password must be changed first' };
    case ErrorCode.Forbidden:
      return { status: 403, title: 'Not allowed' };
    case ErrorCode.NotFound:
      return { status: 404, title: 'Not found' };
    case ErrorCode.Conflict:
      return { status: 409, title: 'Conflict' };
    case ErrorCode.VersionMismatch:
      return { status: 412, title: 'Someone else changed this record' };
    case ErrorCode.VersionRequired:
      return { status: 428, title: 'The record version is required' };
    case ErrorCode.IdempotencyKeyReused:
      return { status: 422, title: 'The Idempotency-Key was used for a different request' };
    case ErrorCode.TooManyRequests:
      return { status: 429, title: 'Too many attempts' };
    case ErrorCode.Gone:
      return { status: 410, title: 'No longer kept' };
    case ErrorCode.Unavailable:
      return { status: 503, title: 'Service unavailable' };
  }
}

/** Answers every error as RFC 9457 problem+json; unknown errors are logged and become 500. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const problem = this.toProblem(exception);
    problem.instance = request.url;
    if (exception instanceof AppError && exception.extras.retryAfterSeconds !== undefined) {
      void reply.header('Retry-After', String(exception.extras.retryAfterSeconds));
    }
    void reply.status(problem.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof AppError) {
      const { status, title } = describe(exception.code);
      return { type: problemType(exception.code), title, status, detail: exception.detail, errors: exception.extras.errors };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
      const code = status === 404 ? 'not-found' : status === 413 ? 'payload-too-large' : status === 415 ? 'unsupported-media-type' : `http-${status}`;
      return { type: problemType(code), title: exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'), status, detail };
    }
    if (isFastifyClientError(exception)) {
      return { type: problemType('bad-request'), title: 'The request is not valid', status: exception.statusCode, detail: exception.message };
    }
    this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    return {
      type: problemType('internal'),
      title: 'Internal server error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'The server could not complete the request; the error was logged.',
    };
  }
}

function isFastifyClientError(error: unknown): error is { statusCode: number; message: string } {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
