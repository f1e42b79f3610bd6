import { SseParser } from './sse-parser';

describe('SseParser', () => {
  it('reads a named event with JSON data', () => {
    const parser = new SseParser();
    expect(parser.push('event: notification\ndata: {"id":"n1"}\n\n')).toEqual([{ event: 'notification', data: '{"id":"n1"}' }]);
  });

  it('joins an event split across chunks anywhere, even inside a line', () => {
    const parser = new SseParser();
    const text = 'event: notification\ndata: {"id":"n1","data":{"title":"Zəng"}}\n\n';
    const events = [...text].flatMap((char) => parser.push(char));
    expect(events).toEqual([{ event: 'notification', data: '{"id":"n1","data":{"title":"Zəng"}}' }]);
  });

  it('waits for the blank line before giving the event', () => {
    const parser = new SseParser();
    expect(parser.push('event: notification\ndata: {"a":1}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'notification', data: '{"a":1}' }]);
  });

  it('skips heartbeat comments and takes CRLF and a CR split from its LF', () => {
    const parser = new SseParser();
    expect(parser.push(': heartbeat\r\n\r\nevent: notification\r')).toEqual([]);
    expect(parser.push('\ndata: x\r\n\r\n')).toEqual([{ event: 'notification', data: 'x' }]);
  });

  it('joins several data lines with a line break and names an unnamed event "message"', () => {
    const parser = new SseParser();
    expect(parser.push('data: one\ndata: two\n\ndata:three\n\n')).toEqual([
      { event: 'message', data: 'one\ntwo' },
      { event: 'message', data: 'three' },
    ]);
  });

  it('gives two events of one chunk in order', () => {
    const parser = new SseParser();
    const events = parser.push('event: notification\ndata: 1\n\nevent: notification\ndata: 2\n\nevent: notif');
    expect(events.map((e) => e.data)).toEqual(['1', '2']);
    expect(parser.push('ication\ndata: 3\n\n')).toEqual([{ event: 'notification', data: '3' }]);
  });
});
