import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../../common/errors/app-error';
import { ProblemFilter } from '../../common/errors/problem.filter';
import type { Actor } from '../auth/actor';
import type { MergeEntity } from './merge.entities';
import { MergeService } from './merge.service';

const ENTITY_OF_PATH: Record<string, MergeEntity> = { contacts: 'contact', companies: 'company' };

/**
 * Put on the GET handler of one contact or company (`@UseFilters(FollowMergedRecords)`): when the
 * record is not found because it was merged away, answers 308 with the survivor's Location, if the
 * caller may read the survivor; every other error goes on to the problem filter.
 */
@Catch()
@Injectable()
export class FollowMergedRecords implements ExceptionFilter {
  private readonly problems = new ProblemFilter();

  constructor(private readonly merges: MergeService) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<FastifyRequest & { user?: Actor; params?: { id?: string } }>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const match = /^\/api\/v1\/(contacts|companies)\/([0-9a-f-]{36})$/i.exec(request.url.split('?')[0]);
    if (exception instanceof AppError && exception.code === ErrorCode.NotFound && match && request.user) {
      const survivorId = await this.merges.resolveMerged(request.user, ENTITY_OF_PATH[match[1]], match[2]).catch(() => undefined);
      if (survivorId) {
        void reply.status(308).header('Location', `/api/v1/${match[1]}/${survivorId}`).send();
        return;
      }
    }
    this.problems.catch(exception, host);
  }
}
