import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '@app/core/auth/auth.store';
import { SseParser } from './sse-parser';

/** How long to wait before the n-th reconnection: 1 s, 2 s, 4 s … at most 60 s. */
export const reconnectDelay = (attempt: number): number => Math.min(1000 * 2 ** attempt, 60_000);

/**
 * The live notifications of the signed-in user from `GET /notifications/stream`. EventSource cannot
 * send the Bearer token, so the stream is read with `fetch`; a dropped connection is opened again
 * after a growing pause, an expired token is renewed first, and `stop()` ends it (sign-out).
 */
@Injectable({ providedIn: 'root' })
export class NotificationStream {
  private readonly auth = inject(AuthStore);
  private controller: AbortController | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;

  /** Starts listening (once); `onEvent` gets each event's name and data, `onOpen` each (re)connection. */
  start(onEvent: (event: string, data: string) => void, onOpen: () => void): void {
    if (this.controller !== null) {
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    this.attempt = 0;
    const connect = async (): Promise<void> => {
      const failed = await this.read(controller.signal, onEvent, onOpen).then(
        (opened) => !opened,
        () => true,
      );
      if (controller.signal.aborted) {
        return;
      }
      this.attempt = failed ? this.attempt + 1 : 0;
      this.timer = setTimeout(() => void connect(), reconnectDelay(this.attempt));
    };
    void connect();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.controller?.abort();
    this.controller = null;
  }

  /** One connection, until the server or the network ends it; false when it could not be opened. */
  private async read(signal: AbortSignal, onEvent: (event: string, data: string) => void, onOpen: () => void): Promise<boolean> {
    let token = this.auth.accessToken();
    if (token === null) {
      return false;
    }
    let response = await this.open(token, signal);
    if (response.status === 401) {
      token = await firstValueFrom(this.auth.renew());
      response = await this.open(token, signal);
    }
    if (!response.ok || response.body === null) {
      return false;
    }
    onOpen();
    this.attempt = 0;
    const parser = new SseParser();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return true;
      }
      for (const event of parser.push(value)) {
        onEvent(event.event, event.data);
      }
    }
  }

  private open(token: string, signal: AbortSignal): Promise<Response> {
    return fetch('/api/v1/notifications/stream', { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' }, signal, cache: 'no-store' });
  }
}
