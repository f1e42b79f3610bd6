import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, validationError } from './app-error';

/** Flattens nested class-validator errors into `{field, message}` with dotted paths. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: message.replace(/^property /, '') }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/** Rejects unknown fields, converts types, and answers problem+json naming each field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => validationError(toFieldErrors(errors)),
  });
}
