/** An expected refusal of an action on a payment: a value, answered with a 400 by the route. */
export type ActionOutcome<T = undefined> =
  | { ok: true; value: T }
  | { ok: false; errorCode: string; message: string; field?: string };

export function refused(errorCode: string, message: string, field?: string): ActionOutcome<never> {
  return field === undefined ? { ok: false, errorCode, message } : { ok: false, errorCode, message, field };
}
