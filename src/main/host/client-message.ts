import { type ApiErrorData, isApiCallName, isApiEventName } from '../../shared/api.ts';
import type { ClientMessage } from '../../shared/wire.ts';
import { apiErrorData } from './call-check.ts';

/** The id a refusal carries when the message had no usable id (real calls start at 1). */
export const NO_CALL_ID = 0;

export type ParsedClientMessage =
  { ok: true; message: ClientMessage } | { ok: false; id: number; error: ApiErrorData };

/**
 * Reads one message from a socket: JSON of a `ClientMessage` with a known type, call name or
 * event. A call's arguments are left to the engine's own check. Anything else is refused
 * as `invalid-argument`, answered under the message's id when it has one. `null` stands for a
 * binary message.
 */
export function parseClientMessage(text: string | null): ParsedClientMessage {
  if (text === null) return refuse(NO_CALL_ID, 'a message must be text, not binary');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return refuse(NO_CALL_ID, 'a message must be JSON');
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return refuse(NO_CALL_ID, 'a message must be a JSON object');
  }
  const message = data as Record<string, unknown>;
  const id = isCallId(message.id) ? message.id : NO_CALL_ID;

  switch (message.type) {
    case 'call':
      if (id === NO_CALL_ID) return refuse(id, 'a call needs an id: a positive integer');
      if (!isApiCallName(message.name)) return refuse(id, `unknown call ${quote(message.name)}`);
      // The arguments are checked by the engine against the call's schema.
      return {
        ok: true,
        message: { type: 'call', id, name: message.name, args: message.args as unknown[] },
      };
    case 'subscribe':
    case 'unsubscribe':
      if (!isApiEventName(message.event)) {
        return refuse(id, `unknown event ${quote(message.event)}`);
      }
      return { ok: true, message: { type: message.type, event: message.event } };
    default:
      return refuse(id, `unknown message type ${quote(message.type)}`);
  }
}

function isCallId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function refuse(id: number, message: string): ParsedClientMessage {
  return { ok: false, id, error: apiErrorData('invalid-argument', message) };
}

/** A short rendering of an untrusted value for a message. */
function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 64)) : typeof value;
}
