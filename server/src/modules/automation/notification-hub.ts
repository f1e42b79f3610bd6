import { Injectable, Logger, OnApplicationShutdown, BeforeApplicationShutdown } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { NotificationResponse } from './dto/notification.dto';

/** The PostgreSQL channel on which every instance hears the notifications written by any of them. */
export const NOTIFICATION_CHANNEL = 'crm_notifications';

/** Seconds between the comment lines that keep an idle stream open through proxies. */
const HEARTBEAT_MS = 25_000;

interface Subscriber {
  userId: string;
  response: ServerResponse;
  heartbeat: NodeJS.Timeout;
  expiry?: NodeJS.Timeout;
}

/**
 * The live side of notifications: the open Server-Sent-Events streams of this instance, fed by
 * one LISTEN connection (opened with the first stream) that hears what any instance publishes.
 */
@Injectable()
export class NotificationHub implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationHub.name);
  private readonly subscribers = new Set<Subscriber>();
  private listener?: Promise<Client>;
  private closing = false;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Adds an SSE response for a user; it is removed when the client goes away. `endsAt` (epoch
   * ms, the access token's expiry) ends the stream then, so a signed-out or deactivated user
   * stops hearing; the client reconnects with a fresh token.
   */
  async subscribe(userId: string, response: ServerResponse, endsAt?: number): Promise<void> {
    await this.listen();
    const subscriber: Subscriber = {
      userId,
      response,
      heartbeat: setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS),
      expiry: endsAt === undefined ? undefined : setTimeout(() => response.end(), Math.max(0, endsAt - Date.now())),
    };
    this.subscribers.add(subscriber);
    response.on('close', () => this.remove(subscriber));
  }

  /** Subscribers of this instance (for tests and metrics). */
  get size(): number {
    return this.subscribers.size;
  }

  private remove(subscriber: Subscriber): void {
    clearInterval(subscriber.heartbeat);
    clearTimeout(subscriber.expiry);
    this.subscribers.delete(subscriber);
  }

  private deliver(payload: string): void {
    let message: { userId: string; notification: NotificationResponse };
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    const frame = `event: notification\ndata: ${JSON.stringify(message.notification)}\n\n`;
    for (const subscriber of this.subscribers) {
      if (subscriber.userId === message.userId) {
        subscriber.response.write(frame);
      }
    }
  }

  private listen(): Promise<Client> {
    if (!this.listener) {
      this.listener = (async () => {
        const options = this.dataSource.options as { url?: string };
        const client = new Client({ connectionString: options.url, application_name: 'crm-notifications' });
        client.on('notification', (message) => {
          if (message.channel === NOTIFICATION_CHANNEL && message.payload) {
            this.deliver(message.payload);
          }
        });
        client.on('error', (error) => {
          this.logger.warn(`notification listener failed: ${error.message}; open streams are closed and reconnect`);
          this.listener = undefined;
          this.endStreams();
        });
        await client.connect();
        await client.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
        return client;
      })();
      this.listener.catch(() => {
        this.listener = undefined;
      });
    }
    return this.listener;
  }

  private endStreams(): void {
    for (const subscriber of [...this.subscribers]) {
      this.remove(subscriber);
      subscriber.response.end();
    }
  }

  /** Ends the open streams before the HTTP server waits for its connections to finish. */
  beforeApplicationShutdown(): void {
    this.closing = true;
    this.endStreams();
  }

  async onApplicationShutdown(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    if (listener) {
      const client = await listener.catch(() => undefined);
      await client?.end().catch(() => undefined);
    }
  }

  get isClosing(): boolean {
    return this.closing;
  }
}
