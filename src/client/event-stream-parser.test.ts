import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventStreamParser } from './event-stream-parser.js';

describe('EventStreamParser', () => {
  it('dispatches an event at the blank line, with its type, data and last id', () => {
    const parser = new EventStreamParser();
    const events = parser.feed('id: 7\nevent: sessions.changed\ndata: {}\n\n');
    assert.deepEqual(events, [{ type: 'sessions.changed', data: '{}', lastEventId: '7' }]);
    assert.equal(parser.lastEventId, '7');
  });

  it('ignores comments and keep-alives, and reads retry', () => {
    const parser = new EventStreamParser();
    assert.deepEqual(parser.feed(': open\nretry: 1500\n\n: keep-alive\n\n'), []);
    assert.equal(parser.retryMillis, 1500);
    parser.feed('retry: soon\n\n');
    assert.equal(parser.retryMillis, 1500);
  });

  it('joins data lines with line feeds and defaults the type to message', () => {
    const events = new EventStreamParser().feed('data: one\ndata:two\ndata\n\n');
    assert.deepEqual(events, [{ type: 'message', data: 'one\ntwo\n', lastEventId: '' }]);
  });

  it('accepts CRLF and CR line ends, also when a chunk ends between CR and LF', () => {
    const parser = new EventStreamParser();
    assert.deepEqual(parser.feed('event: a\r\ndata: 1\r'), []);
    const [first] = parser.feed('\n\r\n');
    assert.deepEqual([first?.type, first?.data], ['a', '1']);

    // A final CR may still be followed by LF, so it counts once the next text arrives.
    assert.deepEqual(parser.feed('data: 2\r\r'), []);
    const [second] = parser.feed(': keep-alive\n');
    assert.deepEqual([second?.type, second?.data], ['message', '2']);
  });

  it('keeps a partial line until the rest arrives', () => {
    const parser = new EventStreamParser();
    assert.deepEqual(parser.feed('event: session.rev'), []);
    assert.deepEqual(parser.feed('oked\ndata: {"reason":"revoked"}\n'), []);
    const [event] = parser.feed('\n');
    assert.equal(event?.type, 'session.revoked');
    assert.equal(event?.data, '{"reason":"revoked"}');
  });

  it('keeps the last id across events and ignores an id with NUL', () => {
    const parser = new EventStreamParser();
    parser.feed('id: 3\n\n');
    const [event] = parser.feed('id: 4\u0000\ndata: x\n\n');
    assert.equal(event?.lastEventId, '3');
  });
});
