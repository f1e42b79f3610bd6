import { Module } from '@nestjs/common';
import { MailService } from './mail.service';
import { NotificationHub } from './notification-hub';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { RemindersService } from './reminders.service';

/** Reminders as background jobs, notifications and their live stream, outgoing mail. */
@Module({
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, NotificationHub, MailService, RemindersService],
  exports: [NotificationsService, RemindersService, MailService],
})
export class AutomationModule {}
