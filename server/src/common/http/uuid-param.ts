import { ParseUUIDPipe } from '@nestjs/common';
import { validationError } from '../errors/app-error';

/** Validates a path id as a UUID, answering a problem that names the parameter. */
export const UUID_PARAM = new ParseUUIDPipe({
  exceptionFactory: () => validationError([{ field: 'id', message: 'must be a UUID' }]),
});
