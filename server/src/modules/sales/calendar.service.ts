import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import type { CalendarFeedCreated, CalendarFeedStatus, CalendarQuery, CalendarResponse } from './dto/task.dto';

@Injectable()
export class CalendarService {
  list(_actor: Actor, _query: CalendarQuery): Promise<CalendarResponse> {
    throw new Error('not yet');
  }
  feedStatus(_actor: Actor): Promise<CalendarFeedStatus> {
    throw new Error('not yet');
  }
  createFeed(_actor: Actor): Promise<CalendarFeedCreated> {
    throw new Error('not yet');
  }
  revokeFeed(_actor: Actor): Promise<void> {
    throw new Error('not yet');
  }
  feed(_file: string): Promise<string> {
    throw new Error('not yet');
  }
}
