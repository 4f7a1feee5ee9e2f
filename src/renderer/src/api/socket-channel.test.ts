import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { ApiError, createApiClient } from '../../../shared/api.ts';
import type { Snapshot } from '../../../shared/snapshot.ts';
import { createWireTransport, type ClientMessage } from '../../../shared/wire.ts';
import { snapshotOf } from '../snapshot-fixture.ts';
import {
  createReconnectingChannel,
  parseServerMessage,
  webSocketOpener,
  type ConnectionStatus,
  type ReconnectingChannel,
} from './socket-channel.ts';

/** A real WebSocket server on loopback that answers `snapshot/get` and records what it hears. */
class FakeEngine {
  readonly received: ClientMessage[][] = [];
  accept = true;
  answerCalls = true;
  /** Upgrades asked for, accepted or not. */
  attempts = 0;
  readonly server: WebSocketServer;

  constructor(readonly snapshot: Snapshot) {
    this.server = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      verifyClient: () => {
        this.attempts++;
        return this.accept;
      },
    });
    this.server.on('connection', (socket) => {
      const messages: ClientMessage[] = [];
      this.received.push(messages);
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as ClientMessage;
        messages.push(message);
        if (message.type === 'call' && this.answerCalls) {
          const result = { ok: true, value: this.snapshot };
          socket.send(JSON.stringify({ type: 'result', id: message.id, result }));
        }
      });
    });
  }

  async listening(): Promise<string> {
    if (!this.server.address())
      await new Promise((resolve) => this.server.once('listening', resolve));
    const address = this.server.address();
    if (typeof address !== 'object' || !address) throw new Error('no address');
    return `ws://127.0.0.1:${address.port}/api`;
  }

  broadcast(payload: unknown): void {
    const message = JSON.stringify({ type: 'event', event: 'snapshot', payload });
    this.server.clients.forEach((client) => client.send(message));
  }

  dropEveryone(): void {
    this.server.clients.forEach((client) => client.terminate());
  }

  close(): Promise<void> {
    this.server.clients.forEach((client) => client.terminate());
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const openWs = webSocketOpener((url) => new WebSocket(url));
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function startEngine(): Promise<{ engine: FakeEngine; url: string }> {
  const engine = new FakeEngine(snapshotOf({ clock: 42 }));
  cleanups.push(() => engine.close());
  return { engine, url: await engine.listening() };
}

function connect(
  url: string,
  delayMs: (attempt: number) => number = () => 20,
  isRevoked?: () => Promise<boolean>,
) {
  const statuses: ConnectionStatus[] = [];
  const channel: ReconnectingChannel = createReconnectingChannel({
    url,
    openSocket: openWs,
    delayMs,
    now: () => 1000,
    onStatus: (status) => statuses.push(status),
    isRevoked,
  });
  cleanups.push(() => channel.close());
  const api = createApiClient(createWireTransport(channel));
  return { channel, api, statuses };
}

/** Polls `condition` until it holds; a real socket must be waited for. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('createReconnectingChannel', () => {
  it('carries a call and its answer over a real socket', async () => {
    const { url } = await startEngine();
    const { channel, api } = connect(url);
    await until(() => channel.status.state === 'open', 'the socket to open');

    const snapshot = await api.getSnapshot();

    expect(snapshot.clock).toBe(42);
  });

  it('answers a call made while the socket is down with unavailable at once', async () => {
    const { api } = connect('ws://127.0.0.1:9/api', () => 60_000);

    const failure = await api.getSnapshot().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe('unavailable');
    expect((failure as ApiError).message).toBe('Lost connection to the engine');
  });

  it('fails a pending call when the socket closes under it', async () => {
    const { engine, url } = await startEngine();
    engine.answerCalls = false;
    const { channel, api } = connect(url, () => 60_000);
    await until(() => channel.status.state === 'open', 'the socket to open');

    const pending = api.getSnapshot().catch((error: unknown) => error);
    await until(() => engine.received[0]?.some((m) => m.type === 'call'), 'the call to arrive');
    engine.dropEveryone();
    const failure = await pending;

    expect((failure as ApiError).code).toBe('unavailable');
    expect((failure as ApiError).message).toMatch(/^Lost connection to the engine: /);
  });

  it('reconnects after a drop, resubscribes, and delivers to the same listener', async () => {
    const { engine, url } = await startEngine();
    const { channel, api, statuses } = connect(url);
    const clocks: number[] = [];
    api.onSnapshot((snapshot) => clocks.push(snapshot.clock));
    await until(() => engine.received[0]?.length === 1, 'the first subscription');

    engine.dropEveryone();
    await until(() => engine.received[1]?.length === 1, 'the subscription after reconnecting');
    await until(() => channel.status.state === 'open', 'the socket to reopen');
    engine.broadcast(snapshotOf({ clock: 7 }));
    await until(() => clocks.length === 1, 'the event');

    expect(engine.received).toEqual([
      [{ type: 'subscribe', event: 'snapshot' }],
      [{ type: 'subscribe', event: 'snapshot' }],
    ]);
    expect(clocks).toEqual([7]);
    expect(statuses.map((s) => s.state)).toEqual([
      'connecting',
      'open',
      'retrying',
      'connecting',
      'open',
    ]);
    expect(statuses[2]).toMatchObject({ attempt: 1, retryAt: 1020, everConnected: true });
  });

  it('does not resend a subscription that was dropped while the socket was down', async () => {
    const { engine, url } = await startEngine();
    const { channel, api } = connect(url, () => 60_000);
    const unsubscribe = api.onSnapshot(() => {});
    api.onSourceState(() => {});
    await until(() => engine.received[0]?.length === 2, 'both subscriptions');

    engine.dropEveryone();
    await until(() => channel.status.state === 'retrying', 'the drop to be noticed');
    unsubscribe();
    channel.retryNow();
    await until(() => engine.received[1]?.length === 1, 'the resubscription');

    expect(engine.received[1]).toEqual([{ type: 'subscribe', event: 'source-state' }]);
  });

  it('counts refused attempts, and retryNow skips the wait', async () => {
    const { engine, url } = await startEngine();
    engine.accept = false;
    const { channel, statuses } = connect(url, () => 60_000);
    await until(() => channel.status.state === 'retrying', 'the refusal');

    expect(channel.status).toMatchObject({ attempt: 1, retryAt: 61_000, everConnected: false });
    channel.retryNow();
    await until(() => statuses.length === 4, 'the second refusal');
    expect(channel.status).toMatchObject({ state: 'retrying', attempt: 2 });

    engine.accept = true;
    channel.retryNow();
    await until(() => channel.status.state === 'open', 'the socket to open');
    expect(statuses.map((s) => s.state)).toEqual([
      'connecting',
      'retrying',
      'connecting',
      'retrying',
      'connecting',
      'open',
    ]);
  });

  it('stops reconnecting once closed', async () => {
    const { engine, url } = await startEngine();
    const { channel } = connect(url, () => 10);
    await until(() => channel.status.state === 'open', 'the socket to open');

    channel.close();
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(engine.received).toHaveLength(1);
    expect(engine.server.clients.size).toBe(0);
  });
});

describe('createReconnectingChannel with an address check', () => {
  it('stops retrying for good once a refused attempt finds the address revoked', async () => {
    const { engine, url } = await startEngine();
    engine.accept = false;
    let checks = 0;
    const revoked = async () => ++checks >= 2;
    const { channel, statuses } = connect(url, () => 20, revoked);
    await until(() => channel.status.state === 'revoked', 'the address to be found revoked');
    await new Promise((resolve) => setTimeout(resolve, 100));
    channel.retryNow();

    expect(checks).toBe(2);
    expect(engine.attempts).toBe(2);
    expect(statuses.map((s) => s.state)).toEqual([
      'connecting',
      'retrying',
      'connecting',
      'retrying',
      'revoked',
    ]);
  });

  it('asks when an open socket is lost, and does not reconnect to a revoked address', async () => {
    const { engine, url } = await startEngine();
    let checks = 0;
    const { channel, statuses } = connect(
      url,
      () => 50,
      async () => (++checks, true),
    );
    await until(() => channel.status.state === 'open', 'the socket to open');
    expect(checks).toBe(0);

    engine.dropEveryone();
    await until(() => channel.status.state === 'revoked', 'the address to be found revoked');
    await new Promise((resolve) => setTimeout(resolve, 150));

    expect([checks, engine.attempts]).toEqual([1, 1]);
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'open', 'retrying', 'revoked']);
  });

  it('keeps retrying while the check cannot reach the server or fails', async () => {
    const { engine, url } = await startEngine();
    engine.accept = false;
    let checks = 0;
    const failing = async () => {
      if (++checks % 2 === 0) throw new Error('no answer');
      return false;
    };
    const { channel } = connect(url, () => 10, failing);
    await until(() => engine.attempts >= 4, 'four attempts');
    engine.accept = true;
    await until(() => channel.status.state === 'open', 'the socket to open');

    expect(checks).toBeGreaterThanOrEqual(3);
  });
});

describe('parseServerMessage', () => {
  it('accepts results and events', () => {
    const result = { type: 'result', id: 3, result: { ok: true, value: 1 } };
    const event = { type: 'event', event: 'log', payload: {} };
    expect(parseServerMessage(JSON.stringify(result))).toEqual(result);
    expect(parseServerMessage(JSON.stringify(event))).toEqual(event);
  });

  it('ignores anything else', () => {
    expect(parseServerMessage('not json')).toBeUndefined();
    expect(parseServerMessage('null')).toBeUndefined();
    expect(parseServerMessage('42')).toBeUndefined();
    expect(parseServerMessage('{"type":"result"}')).toBeUndefined();
    expect(parseServerMessage('{"type":"hello","id":1}')).toBeUndefined();
  });
});
