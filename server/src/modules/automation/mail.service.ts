import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Outgoing mail through SMTP_URL; without it nothing is sent. */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transport?: Transporter;
  private readonly from: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.smtpUrl) {
      this.transport = createTransport(config.smtpUrl);
    }
    const host = config.publicUrl ? new URL(config.publicUrl).hostname : 'localhost';
    this.from = `${config.companyName} <no-reply@${host}>`;
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  /** Sends one message; a failure is logged, never thrown (the in-app notification is already there). */
  async send(message: MailMessage): Promise<boolean> {
    if (!this.transport) {
      return false;
    }
    try {
      await this.transport.sendMail({ from: this.from, ...message });
      return true;
    } catch (error) {
      this.logger.warn(`mail to ${message.to} failed: ${(error as Error).message}`);
      return false;
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
